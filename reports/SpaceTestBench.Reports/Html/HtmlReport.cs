using System.Globalization;
using System.Net;
using System.Text;
using SpaceTestBench.Results;
using SpaceTestBench.Results.Store;

namespace SpaceTestBench.Reports.Html;

/// <summary>
/// The self-contained qualification report: one HTML file with inline styles and inline SVG plots, no
/// external URLs, readable offline and printable. A pure function of the stored results.
/// </summary>
public static class HtmlReport
{
    /// <summary>File name in the run folder.</summary>
    public const string FileName = "report.html";

    /// <summary>Renders the report.</summary>
    /// <param name="results">The run as stored.</param>
    /// <param name="plots">Plot id, title and SVG markup (embedded as a data URI: no id clashes between plots), in display order.</param>
    public static string Render(RunResults results, IReadOnlyList<(string Id, string Title, string Svg)> plots)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(plots);
        var run = results.Run;
        var overall = OverallVerdict(results);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append(CultureInfo.InvariantCulture, $"<title>Qualification report – {E(run.Info.Dut.Name)} – {E(run.Info.RunId)}</title>\n")
            .Append("<style>").Append(Styles).Append("</style>\n</head>\n<body>\n");

        html.Append("<header>\n")
            .Append(CultureInfo.InvariantCulture, $"<h1>Qualification report: {E(run.Info.Dut.Name)}</h1>\n")
            .Append(CultureInfo.InvariantCulture, $"<p class=\"overall\">Overall verdict <span id=\"overall-verdict\" class=\"verdict {Css(overall)}\">{overall}</span></p>\n");
        if (!run.Completed)
        {
            html.Append("<p class=\"warning\">This run did not record its end (it was interrupted). The report shows everything recorded up to that point.</p>\n");
        }

        html.Append("<table class=\"facts\">\n");
        Fact(html, "Run", run.Info.RunId);
        Fact(html, "Bench", $"{run.Info.Bench.Name} ({run.Info.Bench.File})");
        Fact(html, "DUT profile", $"{run.Info.Dut.Name} ({run.Info.Dut.File})");
        Fact(html, "Operator", run.Info.Operator);
        Fact(html, "Software", $"SpaceTestBench {run.Info.Software.Version}");
        Fact(html, "Started", $"{Time(run.Info.StartedWall)} (wall clock); bench time {Time(run.StartedBench)}");
        Fact(html, "Finished", run.FinishedWall is { } end ? $"{Time(end)} (wall clock); bench time {Time(run.FinishedBench!.Value)}" : "not recorded");
        foreach (var property in run.Info.Properties.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            Fact(html, property.Key, property.Value);
        }

        html.Append("</table>\n</header>\n");

        Summary(html, results);
        if (plots.Count > 0)
        {
            html.Append("<section id=\"plots\">\n<h2>Plots</h2>\n");
            foreach (var (id, title, svg) in plots)
            {
                html.Append(CultureInfo.InvariantCulture, $"<figure id=\"plot-{E(id)}\" class=\"plot\">\n<img alt=\"{E(title)}\" src=\"data:image/svg+xml;base64,{Convert.ToBase64String(Encoding.UTF8.GetBytes(svg))}\">\n<figcaption>{E(title)} (also saved as plots/{E(id)}.png and .svg)</figcaption>\n</figure>\n");
            }

            html.Append("</section>\n");
        }

        Scenarios(html, results);
        Events(html, results);
        SignOff(html);
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>The run's verdict: the recorded one, or the most severe scenario verdict (Aborted if the run was cut off).</summary>
    public static Verdict OverallVerdict(RunResults results)
    {
        ArgumentNullException.ThrowIfNull(results);
        return results.Verdict;
    }

    private static void Summary(StringBuilder html, RunResults results)
    {
        html.Append("<section id=\"summary\">\n<h2>Verdicts</h2>\n");
        var counts = results.Scenarios.GroupBy(s => s.Verdict).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key}");
        html.Append(CultureInfo.InvariantCulture, $"<p>{results.Scenarios.Count} scenarios: {E(string.Join(", ", counts))}.</p>\n");
        html.Append("<table id=\"verdict-table\">\n<thead><tr><th>Feature</th><th>Scenario</th><th>Tags</th><th>Verdict</th><th>Why</th></tr></thead>\n<tbody>\n");
        foreach (var scenario in results.Scenarios)
        {
            html.Append(CultureInfo.InvariantCulture,
                $"<tr><td>{E(scenario.Info.FeatureName)}</td><td><a href=\"#{E(scenario.Info.ScenarioId)}\">{E(scenario.Info.Name)}</a></td><td>{E(string.Join(" ", scenario.Info.Tags))}</td><td class=\"verdict {Css(scenario.Verdict)}\">{scenario.Verdict}</td><td>{E(scenario.Message ?? "")}</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n</section>\n");
    }

    private static void Scenarios(StringBuilder html, RunResults results)
    {
        html.Append("<section id=\"scenarios\">\n<h2>Scenarios</h2>\n");
        foreach (var feature in results.Scenarios.GroupBy(s => (s.Info.FeatureUri, s.Info.FeatureName)))
        {
            html.Append(CultureInfo.InvariantCulture, $"<h3>Feature: {E(feature.Key.FeatureName)} <span class=\"uri\">{E(feature.Key.FeatureUri)}</span></h3>\n");
            foreach (var scenario in feature)
            {
                html.Append(CultureInfo.InvariantCulture, $"<article id=\"{E(scenario.Info.ScenarioId)}\" class=\"scenario\">\n<h4><span class=\"verdict {Css(scenario.Verdict)}\">{scenario.Verdict}</span> {E(scenario.Info.Name)} <span class=\"uri\">{E(scenario.Info.FeatureUri)}:{scenario.Info.Line}</span></h4>\n");
                if (scenario.Info.RuleName is { } rule)
                {
                    html.Append(CultureInfo.InvariantCulture, $"<p>Rule: {E(rule)}</p>\n");
                }

                html.Append("<table class=\"steps\"><thead><tr><th>Step</th><th>Outcome</th><th>Duration</th><th>Message</th></tr></thead><tbody>\n");
                foreach (var step in scenario.Steps)
                {
                    html.Append(CultureInfo.InvariantCulture,
                        $"<tr><td><b>{E(step.Keyword ?? "")}</b> {E(step.Text)}</td><td class=\"outcome {(step.Outcome?.ToString() ?? "running").ToLowerInvariant()}\">{step.Outcome?.ToString() ?? "did not finish"}</td><td>{step.Duration?.TotalMilliseconds:0.0} ms</td><td>{E(step.Message ?? "")}</td></tr>\n");
                }

                html.Append("</tbody></table>\n");
                if (scenario.Measurements.Count > 0)
                {
                    html.Append("<table class=\"measurements\"><thead><tr><th>Measurement</th><th>Value</th><th>Limit</th><th>Verdict</th><th>Conditions</th><th>Instrument</th><th>Bench time</th></tr></thead><tbody>\n");
                    foreach (var m in scenario.Measurements)
                    {
                        html.Append(CultureInfo.InvariantCulture,
                            $"<tr class=\"measurement {Css(m.Verdict)}\"><td>{E(m.Name)}</td><td class=\"num\">{E(m.Value.ToString())}</td><td>{E(m.Limit?.ToString() ?? "—")}</td><td class=\"verdict {Css(m.Verdict)}\">{m.Verdict}</td><td>{E(string.Join("; ", m.Conditions.Select(c => $"{c.Key} = {c.Value}")))}</td><td>{E(m.Instrument ?? "")}</td><td>{Time(m.BenchTime)}</td></tr>\n");
                    }

                    html.Append("</tbody></table>\n");
                }

                html.Append("</article>\n");
            }
        }

        html.Append("</section>\n");
    }

    private static void Events(StringBuilder html, RunResults results)
    {
        if (results.Events.Count == 0)
        {
            return;
        }

        html.Append("<section id=\"events\">\n<h2>Bench events</h2>\n<table><thead><tr><th>Bench time</th><th>Kind</th><th>Role</th><th>Scenario</th><th>Message</th></tr></thead><tbody>\n");
        foreach (var e in results.Events)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{Time(e.BenchTime)}</td><td>{e.Kind}</td><td>{E(e.Role ?? "")}</td><td>{E(e.ScenarioId ?? "")}</td><td>{E(e.Message)}</td></tr>\n");
        }

        html.Append("</tbody></table>\n</section>\n");
    }

    private static void SignOff(StringBuilder html) => html.Append(
        "<section id=\"sign-off\">\n<h2>Sign-off</h2>\n<table class=\"signoff\"><tr><th>Reviewed by (QA)</th><td></td></tr><tr><th>Date</th><td></td></tr><tr><th>Signature</th><td></td></tr></table>\n</section>\n");

    private static void Fact(StringBuilder html, string name, string value) =>
        html.Append(CultureInfo.InvariantCulture, $"<tr><th>{E(name)}</th><td>{E(value)}</td></tr>\n");

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff 'UTC'", CultureInfo.InvariantCulture);

    private static string Css(Verdict verdict) => verdict.ToString().ToLowerInvariant();

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private const string Styles = """
        body { font-family: "DejaVu Sans", Arial, sans-serif; margin: 2em auto; max-width: 1100px; color: #1a1a1a; line-height: 1.4; }
        h1 { font-size: 1.7em; margin-bottom: 0.2em; } h2 { border-bottom: 2px solid #ccd; padding-bottom: 0.2em; margin-top: 1.8em; }
        table { border-collapse: collapse; width: 100%; margin: 0.6em 0; font-size: 0.92em; }
        th, td { border: 1px solid #ccd; padding: 0.3em 0.5em; text-align: left; vertical-align: top; }
        thead th { background: #eef0f6; } table.facts th { width: 12em; background: #f6f7fb; }
        .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        .verdict { font-weight: bold; padding: 0.1em 0.5em; border-radius: 3px; white-space: nowrap; }
        .verdict.pass { background: #d8f0de; color: #1b5e20; } .verdict.fail { background: #fbd9d9; color: #b71c1c; }
        .verdict.error, .verdict.aborted { background: #ffe0b2; color: #8a3b00; } .verdict.inconclusive { background: #fff5c2; color: #6d5600; }
        .verdict.notset { background: #eceff1; color: #455a64; }
        tr.measurement.fail td { background: #fdecec; }
        .overall { font-size: 1.3em; } .uri { color: #667; font-size: 0.8em; font-weight: normal; }
        .outcome.failed { color: #b71c1c; font-weight: bold; } .outcome.passed { color: #1b5e20; } .outcome.skipped, .outcome.pending, .outcome.undefined { color: #8a6d00; }
        .warning { background: #fff3cd; border: 1px solid #e0c36a; padding: 0.5em; }
        figure.plot { margin: 1em 0; } figure.plot img { max-width: 100%; height: auto; border: 1px solid #ccd; }
        article.scenario { margin-bottom: 1.5em; } table.signoff td { height: 2.2em; }
        @media print { body { max-width: none; } h2 { page-break-after: avoid; } article.scenario { page-break-inside: avoid; } }
        """;
}
