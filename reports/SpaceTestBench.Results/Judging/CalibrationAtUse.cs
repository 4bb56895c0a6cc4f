using System.Globalization;
using SpaceTestBench.Results.Provenance;
using SpaceTestBench.Results.Recording;
using SpaceTestBench.Results.Store;

namespace SpaceTestBench.Results.Judging;

/// <summary>One use of an instrument whose calibration had lapsed: what it measured, when, and the calibration it was out of.</summary>
/// <param name="Instrument">The instrument.</param>
/// <param name="What">What it measured ("core rail voltage", "series DUT temperature").</param>
/// <param name="UsedAt">Bench time of the use (for a series, its last point after the lapse).</param>
/// <param name="StepIndex">The step it belongs to, if any.</param>
public sealed record LapsedUse(InstrumentInfo Instrument, string What, DateTimeOffset UsedAt, int? StepIndex);

/// <summary>
/// ISO/IEC 17025 §6.4: equipment whose calibration has lapsed is out of service, and the effect of its use on results is
/// examined (§6.4.9). A measurement (or series) taken with an instrument out of calibration at the time of use is not
/// traceable, so it cannot support Pass: each such use contributes <see cref="Verdict.Inconclusive"/> to its scenario's
/// verdict, with a reason naming the instrument, its due date and the time of use (<see cref="VerdictPolicy"/>). A Fail
/// stays a Fail (the most severe verdict wins). An instrument's use is a measurement or series of a role it plays, and a
/// measurement at a received optical power the attenuator set. Instruments without a calibration record are stated as
/// such in the report and its deviations log; this rule judges only recorded calibrations that had lapsed.
/// </summary>
public static class CalibrationAtUse
{
    /// <summary>The instruments a measurement depends on: the one playing its role, and the attenuator that set its received optical power.</summary>
    public static IEnumerable<InstrumentInfo> InstrumentsBehind(RunInfo run, MeasurementResult measurement)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(measurement);
        return run.Bench.Instruments.Where(i => Plays(i, measurement.Role)
            || (Plays(i, OpticalAttenuator) && measurement.Conditions.ContainsKey(WellKnownConditions.ReceivedOpticalPower)));
    }

    /// <summary>True if <paramref name="instrument"/> plays <paramref name="role"/>.</summary>
    public static bool Plays(InstrumentInfo instrument, string? role)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        return role is not null && instrument.Roles.Contains(role, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>True if <paramref name="instrument"/> has a recorded calibration that had lapsed at <paramref name="time"/>.</summary>
    public static bool LapsedAt(InstrumentInfo instrument, DateTimeOffset time)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        return instrument.CalibrationOrDue is { NotRequiredBecause: null, LapsesAt: { } lapses } && time >= lapses;
    }

    /// <summary>
    /// A measurement's verdict with its instruments' calibration at its bench time: Inconclusive (unless it is already
    /// worse) when one had lapsed, with the reason ("instrument 'psu1' out of calibration at its use: due …"); its
    /// recorded verdict and no reason otherwise. The report's tables and <c>results.csv</c> show this verdict.
    /// </summary>
    public static (Verdict Verdict, string? Reason) Judge(RunInfo run, MeasurementResult measurement)
    {
        var lapsed = InstrumentsBehind(run, measurement).Where(i => LapsedAt(i, measurement.BenchTime)).ToList();
        if (lapsed.Count == 0)
        {
            return (measurement.Verdict, null);
        }

        var which = string.Join(", ", lapsed.Select(i => $"instrument '{i.Id}' (serial {i.SerialNumber ?? "not recorded"}, due {i.CalibrationOrDue.Due:yyyy-MM-dd})"));
        return (Verdicts.Worst(measurement.Verdict, Verdict.Inconclusive),
            $"Inconclusive: measured at {Time(measurement.BenchTime)} with {which} out of calibration, not traceable (ISO/IEC 17025 §6.4.9)");
    }

    /// <summary>Every use in <paramref name="scenario"/> of an instrument out of calibration at the time, in bench-time order.</summary>
    public static IReadOnlyList<LapsedUse> LapsedUses(RunResults results, ScenarioResult scenario)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(scenario);
        var run = results.Run.Info;
        var uses = new List<LapsedUse>();
        foreach (var m in scenario.Measurements)
        {
            uses.AddRange(InstrumentsBehind(run, m).Where(i => LapsedAt(i, m.BenchTime)).Select(i => new LapsedUse(i, m.Name, m.BenchTime, m.StepIndex)));
        }

        foreach (var series in results.SeriesOf(scenario.Info.ScenarioId).Where(s => s.Count > 0))
        {
            var last = series.Info.Kind == SeriesKind.Time ? series.BenchTimeAt(series.Count - 1) : series.Info.Origin;
            uses.AddRange(run.Bench.Instruments.Where(i => Plays(i, series.Info.Role) && LapsedAt(i, last))
                .Select(i => new LapsedUse(i, $"series {series.Info.Name}", last, series.Info.StepIndex)));
        }

        return [.. uses.OrderBy(u => u.UsedAt)];
    }

    /// <summary>
    /// The Inconclusive reasons of <paramref name="scenario"/>'s lapsed uses, one per instrument and step: the instrument
    /// with its serial, its due date and when its calibration lapsed, how many results it gave after the lapse, the first
    /// and last time of use, and what they were.
    /// </summary>
    public static IEnumerable<VerdictReason> Reasons(RunResults results, ScenarioResult scenario) =>
        LapsedUses(results, scenario)
            .GroupBy(u => (u.Instrument.Id, u.StepIndex))
            .Select(g =>
            {
                var uses = g.ToList();
                var instrument = uses[0].Instrument;
                var calibration = instrument.CalibrationOrDue;
                var names = uses.Select(u => u.What).Distinct(StringComparer.Ordinal).ToList();
                var when = uses[0].UsedAt == uses[^1].UsedAt ? $"at {Time(uses[0].UsedAt)}" : $"from {Time(uses[0].UsedAt)} to {Time(uses[^1].UsedAt)}";
                return new VerdictReason(Verdict.Inconclusive, VerdictSource.Calibration,
                    $"instrument '{instrument.Id}' ({instrument.Model}, serial {instrument.SerialNumber ?? "not recorded"}) was out of calibration at its use: " +
                    $"due {calibration.Due:yyyy-MM-dd}, lapsed {Time(calibration.LapsesAt!.Value)}; {uses.Count} result(s) {when} ({string.Join(", ", names)}) " +
                    "are not traceable and cannot support Pass (ISO/IEC 17025 §6.4.9)",
                    g.Key.StepIndex);
            });

    private const string OpticalAttenuator = "optical attenuator";

    private static string Time(DateTimeOffset time) => time.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
}
