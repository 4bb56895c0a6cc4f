using System.Globalization;
using System.Text;
using SpaceTestBench.Results;
using SpaceTestBench.Results.Judging;
using SpaceTestBench.Results.Store;
using static SpaceTestBench.Reports.Html.HtmlText;

namespace SpaceTestBench.Reports.Html;

/// <summary>
/// The verdicts: per standard clause, per feature and per scenario, with why anything did not pass. Every
/// verdict is <see cref="VerdictPolicy"/>'s, the one the console, the exit code and junit.xml state.
/// </summary>
internal static class SummarySection
{
    public static void Write(StringBuilder html, RunResults results, RunJudgement judgement)
    {
        html.Append("<section id=\"summary\">\n<h2>Verdicts</h2>\n");
        var counts = judgement.Scenarios.GroupBy(s => s.Verdict).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key}");
        html.Append(CultureInfo.InvariantCulture,
            $"<p>{results.Scenarios.Count} scenario(s) in {results.Features.Count} feature file(s): {E(string.Join(", ", counts))}. {results.Measurements.Count:N0} measurement(s), {results.Series.Sum(s => (long)s.Count):N0} series point(s), {results.Events.Count:N0} bench event(s).</p>\n");
        html.Append("<p id=\"verdict-rule\">One rule decides every verdict in this report (not judged &lt; Pass &lt; Inconclusive &lt; Fail &lt; Aborted &lt; Error; the most severe wins): a scenario's verdict is the most severe of its steps, its measurements (each judged against its declared limit; a counted rate on its one-sided 95 % Poisson bounds: Pass if the upper bound meets the limit, Fail if the lower bound misses it, Inconclusive otherwise), the findings of the analyses of its data, and the bench events that decide by themselves (the run stopped, a hook failed). The run's verdict is the most severe of its scenarios'. Only Pass passes: an Inconclusive run exits non-zero.</p>\n");
        foreach (var reason in judgement.RunReasons.Where(r => r.Verdict != Verdict.Pass))
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"warning\">{VerdictSpan(reason.Verdict)} {E(reason.Text)}</p>\n");
        }

        html.Append("<h3>Per standard clause</h3>\n");
        if (results.Clauses.Count == 0)
        {
            html.Append("<p class=\"note\">No scenario is tagged with a standard clause (e.g. <code>@ESCC-25100</code>, <code>@MIL-STD-883-TM1019</code>).</p>\n");
        }
        else
        {
            html.Append("<table id=\"clause-table\">").Head("Standard clause", "Verdict", "Scenarios", "Not passed");
            foreach (var clause in results.Clauses)
            {
                var verdict = judgement.VerdictOf(clause);
                html.Append(CultureInfo.InvariantCulture, $"<tr class=\"{Css(verdict)}\">").Append(CultureInfo.InvariantCulture,
                    $"<td>{E(clause.Clause.Id)}</td><td>{VerdictSpan(verdict)}</td><td class=\"num\">{clause.Scenarios.Count}</td><td>{string.Join(", ", clause.Scenarios.Where(s => !judgement.Of(s).Passed).Select(s => Link($"#{s.Info.ScenarioId}", s.Info.Name)))}</td></tr>\n");
            }

            html.Append("</tbody></table>\n");
        }

        html.Append("<h3>Per feature</h3>\n<table id=\"feature-table\">").Head("Feature", "File", "Verdict", "Scenarios");
        foreach (var feature in results.Features)
        {
            html.Row(E(feature.Name), $"<span class=\"uri\">{E(feature.Uri)}</span>", VerdictSpan(judgement.VerdictOf(feature)), feature.Scenarios.Count.ToString(CultureInfo.InvariantCulture));
        }

        html.Append("</tbody></table>\n<h3>Per scenario</h3>\n<table id=\"verdict-table\">").Head("Feature", "Scenario", "Standard clauses", "Verdict", "Why");
        foreach (var scenario in judgement.Scenarios)
        {
            var info = scenario.Scenario.Info;
            html.Append(CultureInfo.InvariantCulture, $"<tr class=\"{Css(scenario.Verdict)}\">").Append(CultureInfo.InvariantCulture,
                $"<td>{E(info.FeatureName)}</td><td>{Link($"#{info.ScenarioId}", info.Name)}</td><td>{E(string.Join(" ", info.Clauses.Select(c => c.Id)))}</td><td class=\"verdict {Css(scenario.Verdict)}\">{scenario.Verdict}</td><td>{E(scenario.Why)}</td></tr>\n");
        }

        html.Append("</tbody></table>\n</section>\n");
    }
}
