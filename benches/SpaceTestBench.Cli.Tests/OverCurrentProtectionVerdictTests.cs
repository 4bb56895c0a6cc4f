using System.Xml.Linq;
using SpaceTestBench.Testing;

namespace SpaceTestBench.Cli.Tests;

/// <summary>
/// The over-current suite (features/power/over-current-protection.feature) judges the DUT's own protection, and its
/// verdicts follow each profile's protection physics: a 100 mΩ fault fed with up to 5 A is held by the radiation-hardened
/// part's latching limiter at 1.25 A (its path carries 1.5 A) and by the radiation-tolerant part's hiccup eFuse at
/// 1.4 A, both switched off within their datasheet times and back undamaged (one after a power cycle, the other by
/// itself); the commercial accelerator's breaker does not limit, and its 50 ms timer lets 5 A heat its input pins
/// (4.6 A continuous, 6 A for 5 ms) through their rating in about 19 ms: the damaged part never boots again.
/// </summary>
public sealed class OverCurrentProtectionVerdictTests
{
    private const string Suite = "features/power/over-current-protection.feature";

    [TestCase("rad-hard-soc", "DUT rail held off by its latched protection,1,")]
    [TestCase("rad-tolerant-soc", "peak DUT supply current in the overload,1.4")]
    public async Task A_part_whose_protection_limits_the_fault_within_its_paths_rating_passes_and_recovers_undamaged(string profile, string evidence)
    {
        var (run, exit, output) = await RunAsync(profile);

        Assert.That(exit, Is.EqualTo(ExitCodes.Passed), output);
        var results = await File.ReadAllTextAsync(Path.Combine(run, "results.csv"));
        Assert.That(results, Does.Contain(evidence));
        Assert.That(results, Does.Contain("DUT over-current response time"), "its response was judged");
        var report = await File.ReadAllTextAsync(Path.Combine(run, "report.html"));
        Assert.That(report, Does.Contain("$.supplies.core.protection.maximumResponseTime"), "against its profile's datasheet value, named beside the limit");
    }

    [Test]
    public async Task The_commercial_part_whose_breaker_is_too_slow_for_its_input_pins_surge_rating_is_damaged_and_does_not_come_back()
    {
        var (run, exit, output) = await RunAsync("cots-ai-accelerator");

        Assert.That(exit, Is.EqualTo(ExitCodes.Failed), output);
        var results = await File.ReadAllTextAsync(Path.Combine(run, "results.csv"));
        var response = (await File.ReadAllLinesAsync(Path.Combine(run, "results.csv"))).Single(l => l.Contains(",DUT over-current response time,", StringComparison.Ordinal));
        Assert.That(response, Does.Contain(",Pass,"), "its breaker meets its own datasheet: the protection is what its datasheet says, too slow for its pins");
        var failure = XDocument.Load(Path.Combine(run, "junit.xml")).Descendants("failure").Single().Value.Split('\n')[0].Trim();
        Assert.That(failure, Does.Match("^DUT boot time = .* outside "), "the damaged part never boots again");
        var events = await File.ReadAllTextAsync(Path.Combine(run, "events.csv"));
        Assert.That(events, Does.Contain("The DUT did not boot: its agent reports it Failed"), "the agent reports the part failed, not merely late");
    }

    private static async Task<(string Run, int Exit, string Output)> RunAsync(string profile)
    {
        var run = Path.Combine(TestRepository.ScratchFolder($"over-current-{profile}"), "run");
        var (exit, output) = await RunCommandTests.Spacebench(
            "run", "--quiet", "--dut", TestRepository.Path($"fixtures/duts/{profile}.json"), "--features", TestRepository.Path(Suite), "--out", run);
        return (run, exit, output);
    }
}
