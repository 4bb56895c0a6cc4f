using System.Globalization;
using System.Xml.Linq;
using SpaceTestBench.Results;
using SpaceTestBench.Results.Judging;
using SpaceTestBench.Results.Store;

namespace SpaceTestBench.Reports.Junit;

/// <summary>
/// <c>junit.xml</c> for CI systems: a test suite per feature, a test case per scenario, with
/// <see cref="VerdictPolicy"/>'s verdicts. Fail is a &lt;failure&gt; whose message is the scenario's "Why" and
/// whose text lists every reason; Error and Aborted are &lt;error&gt;; Inconclusive is a &lt;failure&gt; of type
/// Inconclusive (a scenario that cannot show Pass does not pass CI, as it does not exit 0); NotSet is
/// &lt;skipped&gt;. Times are the steps' wall-clock durations.
/// </summary>
public static class JunitReport
{
    /// <summary>File name in the run folder.</summary>
    public const string FileName = "junit.xml";

    /// <summary>Builds the document with the verdicts of the analyses at their defaults.</summary>
    public static XDocument Build(RunResults results) => Build(results, VerdictPolicy.Judge(results));

    /// <summary>Builds the document with <paramref name="judgement"/>'s verdicts (the report's).</summary>
    public static XDocument Build(RunResults results, RunJudgement judgement)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(judgement);
        var suites = results.Features.Select(Suite).ToList();
        var root = new XElement("testsuites",
            new XAttribute("name", $"SpaceTestBench {results.Run.Info.RunId}"),
            new XAttribute("tests", results.Scenarios.Count),
            new XAttribute("failures", judgement.Scenarios.Count(s => s.Verdict is Verdict.Fail or Verdict.Inconclusive)),
            new XAttribute("errors", judgement.Scenarios.Count(s => s.Verdict is Verdict.Error or Verdict.Aborted)),
            new XAttribute("skipped", judgement.Scenarios.Count(s => s.Verdict is Verdict.NotSet)),
            new XAttribute("time", Seconds(results.Scenarios.Sum(Duration))),
            new XAttribute("timestamp", results.Run.Info.StartedWall.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture)),
            suites);
        return new XDocument(new XDeclaration("1.0", "utf-8", null), root);

        XElement Suite(FeatureResult feature) => new("testsuite",
            new XAttribute("name", feature.Name),
            new XAttribute("tests", feature.Scenarios.Count),
            new XAttribute("failures", feature.Scenarios.Count(s => judgement.VerdictOf(s) is Verdict.Fail or Verdict.Inconclusive)),
            new XAttribute("errors", feature.Scenarios.Count(s => judgement.VerdictOf(s) is Verdict.Error or Verdict.Aborted)),
            new XAttribute("skipped", feature.Scenarios.Count(s => judgement.VerdictOf(s) is Verdict.NotSet)),
            new XAttribute("time", Seconds(feature.Scenarios.Sum(Duration))),
            new XAttribute("file", feature.Uri),
            new XElement("properties",
                Property("bench", results.Run.Info.Bench.Name),
                Property("dut", results.Run.Info.Dut.Name),
                Property("dut serial", results.Run.Info.Dut.SerialNumber ?? ""),
                Property("software", $"{results.Run.Info.Software.Version} {results.Run.Info.Software.Commit}".Trim())),
            feature.Scenarios.Select(s => Case(judgement.Of(s))));
    }

    private static XElement Case(ScenarioJudgement judged)
    {
        var scenario = judged.Scenario;
        var element = new XElement("testcase",
            new XAttribute("name", scenario.Info.Name),
            new XAttribute("classname", scenario.Info.FeatureUri),
            new XAttribute("file", scenario.Info.FeatureUri),
            new XAttribute("line", scenario.Info.Line),
            new XAttribute("time", Seconds(Duration(scenario))));
        var why = judged.Why;
        var reasons = string.Join("\n", new[] { why }.Concat(judged.Reasons.Select(r => $"{r.Verdict} ({r.Source.ToString().ToLowerInvariant()}): {r.Text}")));
        switch (judged.Verdict)
        {
            case Verdict.Fail or Verdict.Inconclusive:
                element.Add(new XElement("failure", new XAttribute("message", why), new XAttribute("type", judged.Verdict.ToString()), reasons));
                break;
            case Verdict.Error or Verdict.Aborted:
                element.Add(new XElement("error", new XAttribute("message", why), new XAttribute("type", judged.Verdict.ToString()), reasons));
                break;
            case Verdict.NotSet:
                element.Add(new XElement("skipped", new XAttribute("message", "Nothing was judged.")));
                break;
            default:
                break;
        }

        element.Add(new XElement("system-out", string.Join("\n", scenario.Steps.Select(s =>
            $"{s.Keyword ?? "*"} {s.Text} — {s.Outcome?.ToString() ?? "did not finish"}{(s.Message is { } m ? ": " + m : "")}"))));
        return element;
    }

    private static XElement Property(string name, string value) => new("property", new XAttribute("name", name), new XAttribute("value", value));

    private static double Duration(ScenarioResult scenario) => scenario.Steps.Sum(s => s.Duration?.TotalSeconds ?? 0);

    private static string Seconds(double seconds) => seconds.ToString("0.###", CultureInfo.InvariantCulture);
}
