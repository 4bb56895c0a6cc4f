using System.Globalization;
using System.Text;
using SpaceTestBench.Results.Judging;
using SpaceTestBench.Results.Recording;
using SpaceTestBench.Results.Store;
using static SpaceTestBench.Reports.Html.HtmlText;

namespace SpaceTestBench.Reports.Html;

/// <summary>Every scenario with its steps, its measurement table (values, units, limits, verdicts), its series and attachments.</summary>
internal static class ScenarioSection
{
    public static void Write(StringBuilder html, ReportModel model)
    {
        var results = model.Results;
        html.Append("<section id=\"scenarios\">\n<h2>Scenarios and measurements</h2>\n<p>All measurements are also in <a href=\"results.csv\">results.csv</a>; each table below in <code>tables/</code>.</p>\n");
        foreach (var feature in results.Features)
        {
            html.Append(CultureInfo.InvariantCulture, $"<h3>Feature: {E(feature.Name)} {VerdictSpan(model.Judgement.VerdictOf(feature))} <span class=\"uri\">{E(feature.Uri)}</span></h3>\n");
            foreach (var scenario in feature.Scenarios)
            {
                Scenario(html, model, scenario);
            }
        }

        var runSeries = results.SeriesOf(null).ToList();
        if (runSeries.Count > 0)
        {
            html.Append("<h3>Run-level series</h3>\n");
            SeriesList(html, model, runSeries);
        }

        html.Append("</section>\n");
    }

    private static void Scenario(StringBuilder html, ReportModel model, ScenarioResult scenario)
    {
        var info = scenario.Info;
        var judged = model.Judgement.Of(scenario);
        html.Append(CultureInfo.InvariantCulture,
            $"<article id=\"{E(info.ScenarioId)}\" class=\"scenario\">\n<h4>{VerdictSpan(judged.Verdict)} {E(info.Name)} <span class=\"uri\">{E(info.ScenarioId)} · {E(info.FeatureUri)}:{info.Line}</span></h4>\n");
        html.Append(CultureInfo.InvariantCulture, $"<p>{(info.RuleName is { } rule ? $"Rule: {E(rule)}. " : "")}Tags: {E(string.Join(" ", info.Tags))}. Bench time {Time(scenario.StartedBench)} – {(scenario.FinishedBench is { } end ? Time(end) : "not finished")}.</p>\n");
        if (judged.Why is { Length: > 0 } why)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p><b>Why:</b> {E(why)}</p>\n");
            if (judged.Reasons.Count > 1)
            {
                html.Append("<ul class=\"reasons\">");
                foreach (var reason in judged.Reasons)
                {
                    html.Append(CultureInfo.InvariantCulture, $"<li>{VerdictSpan(reason.Verdict)} {E(reason.Source.ToString().ToLowerInvariant())}: {E(reason.Text)}</li>");
                }

                html.Append("</ul>\n");
            }
        }

        html.Append("<table class=\"steps\">").Head("#", "Step", "Outcome", "Verdict", "Duration", "Message");
        foreach (var step in scenario.Steps)
        {
            var outcome = step.Outcome?.ToString() ?? "did not finish";
            var css = step.Outcome switch { StepOutcome.Passed => "outcome-passed", StepOutcome.Failed => "outcome-failed", _ => "outcome-other" };
            html.Row((step.Index + 1).ToString(CultureInfo.InvariantCulture), $"<b>{E(step.Keyword)}</b> {E(step.Text)}", $"<span class=\"{css}\">{outcome}</span>",
                VerdictSpan(VerdictPolicy.VerdictOf(scenario, step)), step.Duration is { } d ? $"{d.TotalMilliseconds:0.0} ms" : "—", E(step.Message));
        }

        html.Append("</tbody></table>\n");
        if (scenario.Measurements.Count > 0)
        {
            var table = model.Files.ScenarioTables.TryGetValue(info.ScenarioId, out var path) ? " " + Link(path, "(CSV)") : "";
            html.Append(CultureInfo.InvariantCulture, $"<p>{scenario.Measurements.Count:N0} measurement(s){table}</p>\n<table class=\"measurements\">")
                .Head("Step", "Measurement", "Value", "Unit", "Limit", "Low", "High", "Verdict", "Conditions", "Role / instrument", "Bench time");
            foreach (var m in scenario.Measurements)
            {
                var unit = m.Value.Unit;
                var (verdict, calibration) = CalibrationAtUse.Judge(model.Results.Run.Info, m);
                var decisions = string.Join("<br>", new[] { m.Decision, calibration }.OfType<string>().Select(d => $"<small>{E(d)}</small>"));
                html.Append(CultureInfo.InvariantCulture, $"<tr class=\"{Css(verdict)}\"><td>{m.StepIndex + 1}</td><td>{E(m.Name)}</td><td class=\"num\">{G(m.Value.Value, "G6")}</td><td>{E(unit.Symbol)}</td><td>{E(m.Limit?.ToString() ?? "—")}</td><td class=\"num\">{(m.Limit?.LowerBound is { } low ? G(low.In(unit), "G6") : "")}</td><td class=\"num\">{(m.Limit?.UpperBound is { } high ? G(high.In(unit), "G6") : "")}</td><td>{VerdictSpan(verdict)}{(decisions.Length > 0 ? "<br>" + decisions : "")}</td><td>{E(string.Join("; ", m.Conditions.Select(c => $"{c.Key} = {c.Value}")))}</td><td>{E(string.Join(" / ", new[] { m.Role, m.Instrument }.OfType<string>()))}</td><td>{Time(m.BenchTime)}</td></tr>\n");
            }

            html.Append("</tbody></table>\n");
        }

        var series = model.Results.SeriesOf(info.ScenarioId).ToList();
        if (series.Count > 0)
        {
            SeriesList(html, model, series);
        }

        var events = model.Results.EventsOf(info.ScenarioId).ToList();
        if (events.Count > 0)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p>Bench events: {E(string.Join(", ", events.GroupBy(e => e.Kind).Select(g => $"{g.Count()} {HtmlReport.Name(g.Key)}")))} (see <a href=\"#events\">Bench events</a>).</p>\n");
        }

        var attachments = model.Results.Attachments.Where(a => a.ScenarioId == info.ScenarioId).ToList();
        if (attachments.Count > 0)
        {
            html.Append("<p>Attachments: ").Append(string.Join(", ", attachments.Select(a => Link(model.Files.Attachments[a.Sequence], a.Name)))).Append("</p>\n");
        }

        html.Append("</article>\n");
    }

    private static void SeriesList(StringBuilder html, ReportModel model, List<SeriesResult> series)
    {
        html.Append("<table class=\"series\">").Head("Series", "Kind", "x", "y unit", "Points", "Role / instrument", "Data");
        foreach (var s in series)
        {
            var x = s.Info.Kind == SeriesKind.Time ? $"bench time from {Time(s.Info.Origin)}" : $"{s.Info.XName} ({s.Info.XUnit.Symbol})";
            html.Row(E(s.Info.Name), s.Info.Kind.ToString(), E(x), E(s.Info.YUnit.Symbol), s.Count.ToString("N0", CultureInfo.InvariantCulture),
                E(string.Join(" / ", new[] { s.Info.Role, s.Info.Instrument }.OfType<string>())), Link(model.Files.Series[s.Info.SeriesId], "CSV"));
        }

        html.Append("</tbody></table>\n");
    }
}
