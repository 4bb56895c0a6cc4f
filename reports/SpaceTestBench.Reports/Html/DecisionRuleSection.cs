using System.Globalization;
using System.Text;
using SpaceTestBench.Results;
using SpaceTestBench.Results.Recording;
using SpaceTestBench.Results.Store;
using static SpaceTestBench.Reports.Html.HtmlText;

namespace SpaceTestBench.Reports.Html;

/// <summary>
/// Measurement uncertainty and the decision rule (ISO/IEC 17025 §7.8.6, ILAC-G8:09/2019): for each limit, the rule its
/// judgements used and the uncertainty they used. The bench judges every limit by simple acceptance (ILAC-G8 §4.2.1,
/// guard band w = 0): a value inside the limit passes; a counted rate is the exception, judged on its one-sided 95 %
/// Poisson bounds (the counting uncertainty is its guard band). Where the data carry an uncertainty (fluence, received power)
/// the report shows it, and says that the decision did not use it; nothing is claimed that the data do not carry.
/// </summary>
internal static class DecisionRuleSection
{
    private static readonly (string Condition, string Text, bool Relative)[] Uncertainties =
    [
        (WellKnownConditions.FluenceUncertainty, "fluence", true),
        (WellKnownConditions.ReceivedPowerUncertainty, "received optical power", false),
    ];

    public static void Write(StringBuilder html, RunResults results)
    {
        html.Append("<section id=\"decision-rule\">\n<h2>Measurement uncertainty and decision rule</h2>\n")
            .Append("<p>Every limit is judged by <b>simple acceptance</b> (ILAC-G8:09/2019 §4.2.1, guard band w = 0): a measured value inside its limit passes, outside fails. Where a measurement carries no stated uncertainty the table says so; where the data carry one it is shown, and it was <em>not</em> used to guard-band the decision, so the probability of a false accept near a limit is not bounded by this report. ")
            .Append("The exception is a <b>counted rate</b> (events in an exposure: error ratios, cross-sections): it is judged on its one-sided 95 % Poisson bounds, Pass only if the upper bound meets the limit and Fail only if the lower bound misses it, otherwise Inconclusive — the counting uncertainty is the guard band, and the table says so. Judged counts the measurements with a verdict; one recorded but not judged (a count its run could not decide) is left out.</p>\n")
            .Append("<table id=\"decision-rules\">").Head("Measurement", "Limit", "Judged", "Pass", "Fail", "Decision rule", "Uncertainty used");
        var groups = results.Measurements.Where(m => m.Limit is not null)
            .GroupBy(m => (m.Name, Limit: m.Limit!.ToString()))
            .OrderBy(g => g.Key.Name, StringComparer.Ordinal).ThenBy(g => g.Key.Limit, StringComparer.Ordinal);
        var rows = 0;
        foreach (var group in groups)
        {
            var carried = Uncertainties
                .Select(u => (u.Text, u.Relative, Values: group.Select(m => m.Conditions.TryGetValue(u.Condition, out var q) ? q : (Results.Quantities.Quantity?)null).OfType<Results.Quantities.Quantity>().ToList()))
                .Where(u => u.Values.Count > 0)
                .Select(u => $"{u.Text} ± {Range(u.Values, u.Relative)} (k = 1) carried by the data; not used by the decision")
                .ToList();
            // A counted rate records its bounds beside it (ScenarioRecorder.MeasureCountedRate): its decision is on them.
            var counted = group.Any(m => m.Conditions.Keys.Any(k => k.EndsWith("upper bound", StringComparison.Ordinal) && k.StartsWith("one-sided", StringComparison.Ordinal)));
            var judged = group.Count(m => m.Verdict != Verdict.NotSet);
            html.Row(E(group.Key.Name), E(group.Key.Limit), judged.ToString(CultureInfo.InvariantCulture),
                group.Count(m => m.Verdict == Verdict.Pass).ToString(CultureInfo.InvariantCulture), group.Count(m => m.Verdict == Verdict.Fail).ToString(CultureInfo.InvariantCulture),
                counted ? "counted rate on its one-sided 95 % Poisson bounds (Pass: upper bound meets the limit; Fail: lower bound misses it; else Inconclusive)" : "simple acceptance (ILAC-G8 §4.2.1, w = 0)",
                E(counted
                    ? "Poisson counting uncertainty, used by the decision" + (carried.Count > 0 ? "; " + string.Join("; ", carried) : "")
                    : carried.Count > 0 ? string.Join("; ", carried) : "simple acceptance, uncertainty not stated"));
            rows++;
        }

        if (rows == 0)
        {
            html.Append("<tr><td colspan=\"7\">Not applicable: no measurement of this run was judged against a limit.</td></tr>\n");
        }

        html.Append("</tbody></table>\n</section>\n");
    }

    private static string Range(IReadOnlyList<Results.Quantities.Quantity> values, bool relative)
    {
        string Show(Results.Quantities.Quantity q) => relative ? $"{q.SiValue * 100:0.#} %" : q.ToString();
        var low = values.MinBy(v => v.SiValue);
        var high = values.MaxBy(v => v.SiValue);
        return low.SiValue == high.SiValue ? Show(low) : $"{Show(low)}–{Show(high)}";
    }
}
