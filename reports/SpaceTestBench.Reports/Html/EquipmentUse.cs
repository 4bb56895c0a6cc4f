using SpaceTestBench.Results.Judging;
using SpaceTestBench.Results.Provenance;
using SpaceTestBench.Results.Store;

namespace SpaceTestBench.Reports.Html;

/// <summary>How one instrument's calibration stood at each of its uses, in bench time.</summary>
/// <param name="Instrument">The instrument.</param>
/// <param name="Uses">Bench times of its measurements, events and series points (first and last of each series).</param>
/// <param name="UsesAfterLapse">Those at or after its calibration lapsed.</param>
/// <param name="ScenariosAfterLapse">Scenarios with a use after the lapse.</param>
public sealed record EquipmentUse(InstrumentInfo Instrument, IReadOnlyList<DateTimeOffset> Uses, IReadOnlyList<DateTimeOffset> UsesAfterLapse, IReadOnlyList<string> ScenariosAfterLapse)
{
    /// <summary>Its calibration record.</summary>
    public CalibrationRecord Calibration => Instrument.CalibrationOrDue;

    /// <summary>True if it was used after its calibration lapsed.</summary>
    public bool UsedOutOfCalibration => UsesAfterLapse.Count > 0;

    /// <summary>True if it was used with no calibration record and no statement that it needs none.</summary>
    public bool UsedWithoutRecord => Uses.Count > 0 && Calibration.NotRequiredBecause is null && Calibration.Due is null;

    /// <summary>Its status at its uses, in words.</summary>
    public string Status => Calibration switch
    {
        { NotRequiredBecause: { } reason } => $"calibration not required: {reason}",
        { Due: null } => Uses.Count == 0 ? "no calibration record (not used by this run)" : $"NO CALIBRATION RECORD: used {Uses.Count} time(s) without one",
        _ when Uses.Count == 0 => "not used by this run",
        _ when UsedOutOfCalibration => $"OUT OF CALIBRATION at {UsesAfterLapse.Count} of {Uses.Count} use(s), from {HtmlText.Time(UsesAfterLapse[0])} bench time",
        _ => $"in calibration at every use ({Uses.Count}; last {HtmlText.Time(Uses[^1])} bench time)",
    };

    /// <summary>Every instrument of the run with its uses: its roles' measurements, events and series.</summary>
    public static IReadOnlyList<EquipmentUse> Of(RunResults results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var list = new List<EquipmentUse>();
        foreach (var instrument in results.Run.Info.Bench.Instruments)
        {
            var uses = new List<(DateTimeOffset Time, string? Scenario)>();
            uses.AddRange(results.Measurements.Where(m => CalibrationAtUse.InstrumentsBehind(results.Run.Info, m).Any(i => i.Id == instrument.Id)).Select(m => (m.BenchTime, (string?)m.ScenarioId)));
            uses.AddRange(results.Events.Where(e => CalibrationAtUse.Plays(instrument, e.Role)).Select(e => (e.BenchTime, e.ScenarioId)));
            foreach (var series in results.Series.Where(s => CalibrationAtUse.Plays(instrument, s.Info.Role) && s.Count > 0))
            {
                uses.Add((FirstTime(series), series.Info.ScenarioId));
                uses.Add((LastTime(series), series.Info.ScenarioId));
            }

            uses.Sort((a, b) => a.Time.CompareTo(b.Time));
            var after = uses.Where(u => CalibrationAtUse.LapsedAt(instrument, u.Time)).ToList();
            list.Add(new EquipmentUse(
                instrument, uses.Select(u => u.Time).ToList(), after.Select(u => u.Time).ToList(),
                after.Select(u => u.Scenario).OfType<string>().Distinct(StringComparer.Ordinal).ToList()));
        }

        return list;
    }

    /// <summary>The instrument playing <paramref name="role"/>, if any.</summary>
    public static InstrumentInfo? PlayerOf(RunInfo run, string? role) =>
        role is null ? null : run.Bench.Instruments.FirstOrDefault(i => i.Roles.Contains(role, StringComparer.OrdinalIgnoreCase));

    private static DateTimeOffset FirstTime(SeriesResult series) => series.Info.Kind == Results.Recording.SeriesKind.Time ? series.BenchTimeAt(0) : series.Info.Origin;

    private static DateTimeOffset LastTime(SeriesResult series) => series.Info.Kind == Results.Recording.SeriesKind.Time ? series.BenchTimeAt(series.Count - 1) : series.Info.Origin;
}
