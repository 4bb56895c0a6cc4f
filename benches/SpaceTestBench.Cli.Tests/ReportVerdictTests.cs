using System.Text.RegularExpressions;
using System.Xml.Linq;
using SpaceTestBench.Cli.Tests.Support;
using SpaceTestBench.Results;
using SpaceTestBench.Results.Analysis;
using SpaceTestBench.Results.Judging;
using SpaceTestBench.Results.Store;

namespace SpaceTestBench.Cli.Tests;

/// <summary>
/// One verdict for the whole document, over whole runs of both shipped DUT profiles: the exit code, junit.xml and
/// the report's overall verdict are <see cref="VerdictPolicy"/>'s over the store, and a report whose overall verdict
/// is Pass holds no Fail anywhere — not in a measurement table, a plateau table, a fit, nor the store behind them.
/// </summary>
public sealed partial class ReportVerdictTests
{
    [TestCase("rad-hard")]
    [TestCase("cots")]
    public async Task The_exit_code_junit_and_the_report_state_the_verdict_the_policy_gives_the_store(string profile)
    {
        var run = await ProfileRuns.OfAsync(profile);
        var results = ResultStoreReader.Read(run.Folder);
        var judgement = VerdictPolicy.Judge(results, RunAnalysis.Of(results));
        var report = await File.ReadAllTextAsync(Path.Combine(run.Folder, "report.html"));
        var junit = XDocument.Load(Path.Combine(run.Folder, "junit.xml")).Descendants("testcase")
            .ToDictionary(c => $"{c.Attribute("file")!.Value}:{c.Attribute("line")!.Value}", c => c.Element("failure") ?? c.Element("error"));

        Assert.Multiple(() =>
        {
            Assert.That(run.Exit, Is.EqualTo(judgement.Passed ? ExitCodes.Passed : ExitCodes.Failed), run.Output);
            Assert.That(OverallVerdict().Match(report).Groups[1].Value, Is.EqualTo(judgement.Verdict.ToString()));
            Assert.That(run.Output, Does.Contain($"{judgement.Verdict}: {judgement.Scenarios.Count(s => s.Passed)} scenario(s) passed"), "the console's summary");
            foreach (var scenario in judgement.Scenarios)
            {
                var key = $"{scenario.Scenario.Info.FeatureUri}:{scenario.Scenario.Info.Line}";
                Assert.That(junit[key] is null, Is.EqualTo(scenario.Passed), $"{key} is {scenario.Verdict} in the report and {(junit[key] is null ? "passes" : "does not pass")} in junit.xml");
                Assert.That(scenario.Scenario.RecordedVerdict, Is.EqualTo(scenario.Verdict), $"{key}: the verdict recorded live (console, NUnit, messages) is the report's");
            }
        });
    }

    [TestCase("rad-hard")]
    [TestCase("cots")]
    public async Task A_report_whose_overall_verdict_is_Pass_holds_no_Fail_anywhere(string profile)
    {
        var run = await ProfileRuns.OfAsync(profile);
        var results = ResultStoreReader.Read(run.Folder);
        var analysis = RunAnalysis.Of(results);
        var judgement = VerdictPolicy.Judge(results, analysis);
        var report = await File.ReadAllTextAsync(Path.Combine(run.Folder, "report.html"));
        var failsInReport = FailMarks().Count(report);
        var failedMeasurements = results.Measurements.Where(m => m.Verdict == Verdict.Fail).Select(m => $"{m.ScenarioId} {m.Name} = {m.Value} outside {m.Limit}").ToList();
        var failedFindings = analysis.Findings.Where(f => f.Verdict == Verdict.Fail).Select(f => $"{f.ScenarioId} {f.Analysis}, {f.Subject}: {f.Statement}").ToList();
        var csvFails = File.ReadLines(Path.Combine(run.Folder, "results.csv")).Count(l => l.Contains(",Fail", StringComparison.Ordinal));

        if (judgement.Passed)
        {
            Assert.Multiple(() =>
            {
                Assert.That(failsInReport, Is.Zero, $"a Pass report shows no Fail: {string.Join(" | ", FailContexts(report))}");
                Assert.That(failedMeasurements, Is.Empty, "no measurement in the store missed its limit");
                Assert.That(failedFindings, Is.Empty, "no analysis finding is a Fail");
                Assert.That(csvFails, Is.Zero, "results.csv has no Fail row");
            });
        }
        else
        {
            // Whatever fails inside a report that does not pass fails its scenario: no section contradicts the verdicts.
            var failing = results.Measurements.Where(m => m.Verdict == Verdict.Fail).Select(m => m.ScenarioId)
                .Concat(analysis.Findings.Where(f => f.Verdict == Verdict.Fail).Select(f => f.ScenarioId)).Distinct();
            Assert.That(failing.Select(id => judgement.Scenarios.Single(s => s.Scenario.Info.ScenarioId == id).Verdict), Is.All.GreaterThanOrEqualTo(Verdict.Fail));
        }
    }

    /// <summary>Each Fail mark with the heading of its section and the text before it, tags stripped, for the failure message.</summary>
    private static IEnumerable<string> FailContexts(string report) => FailMarks().Matches(report).Take(10).Select(m =>
    {
        var heading = Regex.Matches(report[..m.Index], "<h[234][^>]*>(.*?)</h[234]>").LastOrDefault()?.Groups[1].Value ?? "";
        var start = Math.Max(0, m.Index - 300);
        var text = Regex.Replace(Regex.Replace(report[start..Math.Min(report.Length, m.Index + 300)], "<[^>]+>", " "), "\\s+", " ");
        return $"[{Regex.Replace(heading, "<[^>]+>", "")}] …{text}…";
    });

    [GeneratedRegex("id=\"overall-verdict\" class=\"verdict [a-z]+\">([A-Za-z]+)<")]
    private static partial Regex OverallVerdict();

    // A Fail mark as the report draws one: a verdict span, a failing table row, a verdict cell.
    [GeneratedRegex("class=\"verdict fail\"|<tr class=\"fail\"")]
    private static partial Regex FailMarks();
}
