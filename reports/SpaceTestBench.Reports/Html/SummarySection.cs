using System.Globalization;
using System.Text;
using SpaceTestBench.Results;
using SpaceTestBench.Results.Store;
using static SpaceTestBench.Reports.Html.HtmlText;

namespace SpaceTestBench.Reports.Html;

/// <summary>The verdicts: per standard clause, per feature and per scenario, with why anything did not pass.</summary>
internal static class SummarySection
{
    public static void Write(StringBuilder html, RunResults results)
    {
        html.Append("<section id=\"summary\">\n<h2>Verdicts</h2>\n");
        var counts = results.Scenarios.GroupBy(s => s.Verdict).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key}");
        html.Append(CultureInfo.InvariantCulture,
            $"<p>{results.Scenarios.Count} scenario(s) in {results.Features.Count} feature file(s): {E(string.Join(", ", counts))}. {results.Measurements.Count:N0} measurement(s), {results.Series.Sum(s => (long)s.Count):N0} series point(s), {results.Events.Count:N0} bench event(s). A verdict is the most severe of what it contains (NotSet &lt; Pass &lt; Inconclusive &lt; Fail &lt; Aborted &lt; Error).</p>\n");

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
                html.Append(CultureInfo.InvariantCulture, $"<tr class=\"{Css(clause.Verdict)}\">").Append(CultureInfo.InvariantCulture,
                    $"<td>{E(clause.Clause.Id)}</td><td>{VerdictSpan(clause.Verdict)}</td><td class=\"num\">{clause.Scenarios.Count}</td><td>{string.Join(", ", clause.Scenarios.Where(s => s.Verdict != Verdict.Pass).Select(s => Link($"#{s.Info.ScenarioId}", s.Info.Name)))}</td></tr>\n");
            }

            html.Append("</tbody></table>\n");
        }

        html.Append("<h3>Per feature</h3>\n<table id=\"feature-table\">").Head("Feature", "File", "Verdict", "Scenarios");
        foreach (var feature in results.Features)
        {
            html.Row(E(feature.Name), $"<span class=\"uri\">{E(feature.Uri)}</span>", VerdictSpan(feature.Verdict), feature.Scenarios.Count.ToString(CultureInfo.InvariantCulture));
        }

        html.Append("</tbody></table>\n<h3>Per scenario</h3>\n<table id=\"verdict-table\">").Head("Feature", "Scenario", "Standard clauses", "Verdict", "Why");
        foreach (var scenario in results.Scenarios)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr class=\"{Css(scenario.Verdict)}\">").Append(CultureInfo.InvariantCulture,
                $"<td>{E(scenario.Info.FeatureName)}</td><td>{Link($"#{scenario.Info.ScenarioId}", scenario.Info.Name)}</td><td>{E(string.Join(" ", scenario.Info.Clauses.Select(c => c.Id)))}</td><td class=\"verdict {Css(scenario.Verdict)}\">{scenario.Verdict}</td><td>{E(Why(scenario))}</td></tr>\n");
        }

        html.Append("</tbody></table>\n</section>\n");
    }

    /// <summary>Why a scenario did not pass: its failing measurements with their limits, or its message.</summary>
    public static string Why(ScenarioResult scenario)
    {
        if (scenario.RecordedVerdict is null)
        {
            var running = scenario.Steps.LastOrDefault(s => !s.Finished);
            return running is null ? "The run ended before this scenario finished." : $"The run ended during step {running.Index + 1}: {running.Text}.";
        }

        var failing = scenario.Measurements.Where(m => m.Verdict == Verdict.Fail).Select(m => $"{m.Name} = {m.Value} outside {m.Limit}").ToList();
        return failing.Count switch
        {
            0 => scenario.Message ?? "",
            <= 3 => string.Join("; ", failing),
            _ => $"{string.Join("; ", failing.Take(3))}; and {failing.Count - 3} more measurement(s) outside their limits",
        };
    }
}
