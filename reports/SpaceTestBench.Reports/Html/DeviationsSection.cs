using SpaceTestBench.Results.Judging;
using System.Globalization;
using System.Text;
using SpaceTestBench.Results.Recording;
using SpaceTestBench.Results.Store;
using static SpaceTestBench.Reports.Html.HtmlText;

namespace SpaceTestBench.Reports.Html;

/// <summary>One departure from the procedure.</summary>
/// <param name="BenchTime">When it happened (bench time).</param>
/// <param name="Kind">What kind of departure.</param>
/// <param name="ScenarioId">The scenario, or null for the run.</param>
/// <param name="What">What happened.</param>
/// <param name="Effect">Its effect on the result.</param>
internal sealed record Deviation(DateTimeOffset BenchTime, string Kind, string? ScenarioId, string What, string Effect);

/// <summary>
/// The deviations log (ISO/IEC 17025 §7.8.2.1 n, §6.4.9): every deviation the run recorded, every use of an
/// instrument out of calibration or without a calibration record, every retried scenario and every resumption, with
/// when and its effect on the result.
/// </summary>
internal static class DeviationsSection
{
    public static IReadOnlyList<Deviation> Entries(RunResults results, IReadOnlyList<EquipmentUse> uses, RunJudgement judgement)
    {
        var list = new List<Deviation>();
        foreach (var e in results.Events.Where(e => e.Kind == BenchEventKind.Deviation))
        {
            list.Add(new(e.BenchTime, "recorded deviation", e.ScenarioId, e.Message, "as stated with the deviation"));
        }

        foreach (var use in uses.Where(u => u.UsedOutOfCalibration))
        {
            list.Add(new(use.UsesAfterLapse[0], "out-of-calibration equipment", use.ScenariosAfterLapse.Count > 0 ? use.ScenariosAfterLapse[0] : null,
                $"{use.Instrument.Id} ({use.Instrument.Model}, serial {use.Instrument.SerialNumber ?? "not recorded"}), due {use.Calibration.Due:yyyy-MM-dd}, was used {use.UsesAfterLapse.Count} time(s) after its calibration lapsed, in {use.ScenariosAfterLapse.Count} scenario(s): {string.Join(", ", use.ScenariosAfterLapse)}.",
                "Results taken with it after the lapse are not traceable to SI (ISO/IEC 17025 §6.4.9): each is Inconclusive, so none of those scenarios can be Pass; they must be repeated with calibrated equipment."));
        }

        foreach (var use in uses.Where(u => u.UsedWithoutRecord))
        {
            list.Add(new(use.Uses[0], "equipment without calibration record", null,
                $"{use.Instrument.Id} ({use.Instrument.Model}) was used {use.Uses.Count} time(s); the bench file records no calibration for it and does not say it needs none.",
                "Results that depend on it have no stated traceability."));
        }

        foreach (var attempts in results.Scenarios.GroupBy(s => (s.Info.FeatureUri, s.Info.Line, s.Info.Name)).Where(g => g.Count() > 1))
        {
            var all = attempts.ToList();
            list.Add(new(all[1].StartedBench, "retried scenario", all[1].Info.ScenarioId,
                $"'{all[0].Info.Name}' ({all[0].Info.FeatureUri}:{all[0].Info.Line}) ran {all.Count} times: {string.Join(", ", all.Select(a => $"{a.Info.ScenarioId} {judgement.VerdictOf(a)}"))}.",
                "Every attempt is kept and shown under Scenarios; a retry repeats the procedure on the bench as it was left by the earlier attempt."));
        }

        foreach (var e in results.Events.Where(e => e.Kind == BenchEventKind.RunResumed))
        {
            list.Add(new(e.BenchTime, "resumed run", e.ScenarioId, e.Message,
                "Results recorded before the interruption are kept; the bench restarted from its safe state and the interrupted step ran again."));
        }

        if (!results.Run.Completed)
        {
            var last = results.Events.Select(e => e.BenchTime).Concat(results.Measurements.Select(m => m.BenchTime)).DefaultIfEmpty(results.Run.StartedBench).Max();
            list.Add(new(last, "interrupted run", null, "The run did not record its end.", "Scenarios that had not finished are Aborted; the procedure was not completed."));
        }

        return list.OrderBy(d => d.BenchTime).ToList();
    }

    public static void Write(StringBuilder html, IReadOnlyList<Deviation> deviations)
    {
        html.Append("<section id=\"deviations\">\n<h2>Deviations</h2>\n");
        if (deviations.Count == 0)
        {
            html.Append("<p id=\"no-deviations\">No deviation from the procedure was recorded: no deviation event, no equipment used out of calibration or without a record, no retried scenario, no resumption.</p>\n</section>\n");
            return;
        }

        html.Append(CultureInfo.InvariantCulture, $"<p>{deviations.Count} departure(s) from the procedure, in bench time order.</p>\n<table id=\"deviation-log\">")
            .Head("Bench time", "Kind", "Scenario", "What happened", "Effect on the result");
        foreach (var d in deviations)
        {
            html.Row(Time(d.BenchTime), E(d.Kind), d.ScenarioId is { } id ? Link($"#{id}", id) : "run", E(d.What), E(d.Effect));
        }

        html.Append("</tbody></table>\n</section>\n");
    }

    /// <summary>The verdict-neutral count of each kind, for the document index.</summary>
    public static string Summary(IReadOnlyList<Deviation> deviations) => deviations.Count == 0
        ? "none"
        : string.Join(", ", deviations.GroupBy(d => d.Kind).Select(g => $"{g.Count()} {g.Key}"));
}
