using System.Globalization;
using System.Text.RegularExpressions;
using CsvHelper;
using SpaceTestBench.Testing;

namespace SpaceTestBench.Cli.Tests;

/// <summary>
/// docs/steps.md is enough to write a qualification: a new feature file made only of its example lines, with
/// other numbers, runs on the simulated bench without any code change and reports what it measured.
/// </summary>
public sealed partial class StepsDocumentFeatureTests
{
    [Test]
    public async Task A_feature_written_from_docs_steps_md_with_other_numbers_runs_and_reports_its_measurements()
    {
        var docs = (await File.ReadAllTextAsync(TestRepository.Path("docs/steps.md"))).ReplaceLineEndings("\n");
        string Step(string pattern, params string[] numbers) => "    " + ExampleWithNumbers(docs, pattern, numbers);
        string[] lines =
        [
            "Feature: Written from docs/steps.md alone",
            "",
            "  Scenario: Power margining at 97 % of nominal",
            Step("a fresh sample of the DUT is mounted"),
            Step("the DUT is powered at {percentage} of its nominal supply voltages", "97"),
            Step("every DUT rail is within {percentage} of its setting", "2"),
            Step("every DUT rail draws a current within the DUT profile limits"),
            Step("the DUT passes its functional test"),
            "",
            "  Scenario: Total-dose step-stress to 25 krad(Si) at 5 rad(Si)/s",
            Step("a fresh sample of the DUT is mounted"),
            Step("the DUT is powered at its nominal supply voltages"),
            Step("the thermal chamber holds the DUT at {temperature}", "25"),
            Step("the gamma source is set to {dose-rate}, inside the window from {dose-rate} to {dose-rate}", "18000", "3600", "180000"),
            Step("the DUT parametrics before irradiation are recorded once its supply current changes by less than {current} over {duration}, waiting at most {duration}", "0.2", "3", "2"),
            Step("the DUT is irradiated in steps to {doses}, its parametrics tested within {duration} of each step", "2", "4", "8", "12", "16", "20", "25", "2"),
            Step("the DUT passes its functional test"),
            "",
            "  Scenario: Two thermal cycles from -40 °C to 85 °C",
            Step("a fresh sample of the DUT is mounted"),
            Step("the DUT is powered off"),
            Step("the thermal chamber ramps at {temperature-rate}", "6"),
            Step("the DUT counts as settled within {temperature} of the setpoint, changing less than {temperature-rate} over {duration}", "3", "5", "15"),
            Step("the thermal chamber cycles the DUT {int} times between {temperature} and {temperature}, dwelling {duration} at each extreme once settled", "2", "-40", "85", "10"),
            Step("every transfer between the extremes took at most {duration}", "50"),
            Step("every dwell at the extremes held the DUT settled for at least {duration}", "10"),
            "",
            "  Scenario: Bit error ratio over a 2000 km link",
            Step("a fresh sample of the DUT is mounted"),
            Step("the DUT is powered at its nominal supply voltages"),
            Step("the bit-error tester sends and checks PRBS {int} against a target bit error ratio of {ratio}", "23", "1e-12"),
            Step("the link emulator emulates a clear {distance} link", "2000"),
            Step("the optical attenuator opens its shutter at a received power of {power-level}", "-38"),
            Step("the terminal acquires the link within {duration}", "30"),
            // 40 s at 1 Gbps: 4e10 bits, enough to demonstrate 1e-10 at 95 % (3.0e10 needed); 5 s would be Inconclusive.
            Step("the bit error ratio over a {duration} gate is at most {ratio}", "40", "1e-10"),
        ];
        var folder = TestRepository.ScratchFolder("from-docs");
        var feature = Path.Combine(folder, "features", "from-docs.feature");
        Directory.CreateDirectory(Path.GetDirectoryName(feature)!);
        await File.WriteAllTextAsync(feature, string.Join("\n", lines) + "\n");
        var runFolder = Path.Combine(folder, "run");

        var (exit, output) = await RunCommandTests.Spacebench("run", "--features", Path.GetDirectoryName(feature)!, "--out", runFolder);

        Assert.That(exit, Is.EqualTo(ExitCodes.Passed), $"{output}\n--- the feature file ---\n{string.Join("\n", lines)}");
        Assert.That(output, Does.Contain("4 scenario(s) passed, 0 did not"));
        var measured = ReadMeasurements(Path.Combine(runFolder, "results.csv"));
        Assert.Multiple(() =>
        {
            Assert.That(measured.Where(m => m.Name == "core rail voltage").Select(m => m.Conditions), Has.Some.Contain("core rail voltage setting=1.746 V"), "97 % of the 1.8 V core rail");
            Assert.That(measured.Where(m => m.Name == "dose rate at the DUT").Select(m => m.Limit), Has.One.EqualTo("3600 rad(Si)/h ≤ x ≤ 180000 rad(Si)/h"));
            Assert.That(measured.Count(m => m.Name == "time from end of exposure to parametric test" && m.Limit == "x ≤ 120 min"), Is.EqualTo(7), "one test per dose step, within 2 h");
            Assert.That(measured.Count(m => m.Name == "transfer time" && m.Limit == "x ≤ 50 min"), Is.EqualTo(4), "two cycles, two transfers each");
            Assert.That(measured.Where(m => m.Name == "dwell with the DUT settled").Select(m => m.Limit), Has.All.EqualTo("x ≥ 10 min").And.Not.Empty);
            Assert.That(measured.Where(m => m.Name == "link acquisition time").Select(m => m.Limit), Has.One.EqualTo("x ≤ 30 s"));
            Assert.That(measured.Where(m => m.Name == "bit error ratio").Select(m => m.Verdict), Has.One.EqualTo("Pass"));
        });
        var report = await File.ReadAllTextAsync(Path.Combine(runFolder, "report.html"));
        foreach (var name in new[] { "core rail voltage", "dose rate at the DUT", "transfer time", "dwell with the DUT settled", "link acquisition time", "bit error ratio" })
        {
            Assert.That(report, Does.Contain(name), "the report shows the measurement");
        }
    }

    /// <summary>The first example line docs/steps.md gives for <paramref name="pattern"/>, its numbers replaced by <paramref name="numbers"/> in order.</summary>
    private static string ExampleWithNumbers(string docs, string pattern, string[] numbers)
    {
        var heading = docs.IndexOf($"#### `{pattern}`\n", StringComparison.Ordinal);
        Assert.That(heading, Is.Not.Negative, $"docs/steps.md has no step `{pattern}`");
        var next = docs.IndexOf("\n#### ", heading + 1, StringComparison.Ordinal);
        var block = docs.IndexOf("```gherkin\n", heading, StringComparison.Ordinal);
        Assert.That(block, Is.Positive.And.LessThan(next < 0 ? int.MaxValue : next), $"docs/steps.md gives no example for `{pattern}`");
        block += "```gherkin\n".Length;
        var example = docs[block..docs.IndexOf('\n', block)];
        var old = Number().Matches(example).Select(m => m.Value).ToList();
        Assert.That(old, Has.Count.EqualTo(numbers.Length), $"the numbers of \"{example}\"");
        Assert.That(old.Zip(numbers).Where(p => p.First == p.Second), Is.Empty, $"every number of \"{example}\" is changed");
        var i = 0;
        return Number().Replace(example, _ => numbers[i++]);
    }

    private static List<(string Name, string Limit, string Verdict, string Conditions)> ReadMeasurements(string file)
    {
        using var reader = new StreamReader(file);
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        var rows = new List<(string, string, string, string)>();
        csv.Read();
        csv.ReadHeader();
        while (csv.Read())
        {
            rows.Add((csv.GetField("Measurement")!, csv.GetField("Limit")!, csv.GetField("Verdict")!, csv.GetField("Conditions")!));
        }

        return rows;
    }

    // A number as step text writes it ("97", "-40", "1.8", "1e-9"), not digits inside a word.
    [GeneratedRegex(@"(?<![\w.])[-+]?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?(?![\w.])")]
    private static partial Regex Number();
}
