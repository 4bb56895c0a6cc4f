using System.Xml.Linq;
using SpaceTestBench.Cli.Tests.Support;
using SpaceTestBench.Testing;

namespace SpaceTestBench.Cli.Tests;

/// <summary>
/// The latch-up suite's conditions decide the borderline (radiation-tolerant) profile's verdict, through its
/// physics, not its construction: fixtures/duts/rad-tolerant-soc.json latches on the I/O rail at about
/// 42 MeV·cm²/mg when its junction is near 136 °C (the clause's 125 °C at maximum supply), above the
/// 62.5 MeV·cm²/mg of the cocktail only when cooler (about 68 MeV·cm²/mg at 85 °C). The same scenario run at
/// 85 °C passes; at the maximum rated temperature the clause requires it fails on its latch-up count.
/// </summary>
public sealed class BorderlineProfileVerdictTests
{
    private const string Profile = "fixtures/duts/rad-tolerant-soc.json";

    [Test]
    public async Task The_radiation_tolerant_part_fails_latch_up_at_its_maximum_rated_temperature_and_would_pass_at_85_degrees()
    {
        var scratch = TestRepository.ScratchFolder("borderline");
        var suite = TestRepository.Path("features/radiation/single-event-latchup.feature");
        var text = await File.ReadAllTextAsync(suite);
        Assert.That(text, Does.Contain("| 125 °C      |"), "the shipped suite tests at 125 °C");
        var cooler = Path.Combine(scratch, "single-event-latchup-85C.feature");
        await File.WriteAllTextAsync(cooler, text.Replace("| 125 °C      |", "| 85 °C       |", StringComparison.Ordinal));

        var (hotExit, hotOutput) = await RunCommandTests.Spacebench("run", "--quiet", "--dut", TestRepository.Path(Profile), "--features", suite, "--out", Path.Combine(scratch, "125C"));
        var (coolExit, coolOutput) = await RunCommandTests.Spacebench("run", "--quiet", "--dut", TestRepository.Path(Profile), "--features", cooler, "--out", Path.Combine(scratch, "85C"));

        Assert.That(hotExit, Is.EqualTo(ExitCodes.Failed), hotOutput);
        var failure = XDocument.Load(Path.Combine(scratch, "125C", "junit.xml")).Descendants("failure").Single().Value.Split('\n')[0].Trim();
        Assert.That(failure, Does.Match("^latch-ups = [1-9][0-9]* outside "), "it fails on the latch-ups its threshold below the test LET causes");
        Assert.That(coolExit, Is.EqualTo(ExitCodes.Passed), "at 85 °C its threshold lies above the cocktail's highest LET: " + coolOutput);
    }

    [Test]
    public async Task Across_every_suite_the_radiation_tolerant_part_fails_only_the_latch_up_scenario_and_the_report_shows_why()
    {
        var (runFolder, exit, output) = await ProfileRuns.RadTolerantAsync();

        Assert.That(exit, Is.EqualTo(ExitCodes.Failed), output);
        var cases = XDocument.Load(Path.Combine(runFolder, "junit.xml")).Descendants("testcase")
            .ToDictionary(c => $"{c.Attribute("file")!.Value}:{c.Attribute("line")!.Value}", c => c.Element("failure")?.Value ?? c.Element("error")?.Value);
        // Same design as the rad-hard part but for its I/O rail's latch-up threshold: every nominal-condition suite (TID,
        // SEE, protons, thermal, power, link, payload) passes; only the worst case the SEL clause requires fails it.
        Assert.That(cases.Where(c => c.Value is not null).Select(c => c.Key), Is.EqualTo(new[] { "radiation/single-event-latchup.feature:32" }), "the one scenario that fails");
        Assert.That(cases.Count(c => c.Value is null), Is.EqualTo(cases.Count - 1), "all the others pass");
        var why = cases["radiation/single-event-latchup.feature:32"]!.Split('\n')[0].Trim();
        Assert.That(why, Does.Match("^latch-ups = [1-9][0-9]* outside x ≤ 0 "), "it fails on the latch-ups its threshold below the test LET at 125 °C causes");
        var report = await File.ReadAllTextAsync(Path.Combine(runFolder, "report.html"));
        Assert.That(report, Does.Contain("<b>Why:</b> latch-ups = "), "the report shows why");
        Assert.That(report, Does.Contain("Latch-up on the io rail: it ran into"), "each latch-up named with the rail it ran into its limit on");
        Assert.That(report, Does.Contain("about 42 MeV·cm²/mg at 125 °C"), "the profile's stated physics: the threshold falls below the cocktail's LET when hot");
    }
}
