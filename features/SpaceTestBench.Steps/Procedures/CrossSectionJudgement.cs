using SpaceTestBench.Results;
using SpaceTestBench.Results.Judging;
using SpaceTestBench.Results.Quantities;
using SpaceTestBench.Results.Recording;
using SpaceTestBench.Steps.Bindings;
using SpaceTestBench.Steps.Parameters;

namespace SpaceTestBench.Steps.Procedures;

/// <summary>
/// Judges the cross-section of one effect over a scenario's beam runs (one LET and tilt, or one proton energy),
/// per bit when the limit is per bit, on its one-sided 95 % Poisson bounds: Pass only if the upper bound (3.00/Φ
/// when nothing was seen) meets the limit, Fail if the lower bound exceeds it, otherwise Inconclusive with the
/// fluence that would demonstrate it. The events counted, both bounds and, when given, the limit's source are recorded.
/// </summary>
public static class CrossSectionJudgement
{
    /// <summary>Judges <paramref name="effect"/>'s cross-section against <paramref name="limit"/>, naming <paramref name="source"/> if given.</summary>
    public static MeasurementRecorded Judge(ScenarioRecorder results, BeamRuns runs, SingleEventEffect effect, Quantity limit, string? source)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(runs);
        var exposures = runs.Exposures.Where(e => e.Effect == effect).ToList();
        if (exposures.Count == 0)
        {
            throw new InvalidOperationException($"No beam run of this scenario counted {EffectParameterTypes.Words.First(w => w.Effect == effect).Plural}.");
        }

        if (exposures.Select(e => (e.Let.SiValue, e.Tilt.SiValue, e.Energy?.SiValue)).Distinct().Count() > 1)
        {
            throw new InvalidOperationException($"The {EffectParameterTypes.Singular(effect)} runs of this scenario are at several LETs or energies; judge them with the Weibull steps, or one run per scenario.");
        }

        var perBit = limit.Dimension != Dimension.Area;
        var bits = perBit ? exposures[0].Bits ?? throw new InvalidOperationException($"A per-bit limit needs the bits exposed, and the DUT profile gives none for {EffectParameterTypes.Singular(effect)}s.") : 1;
        var events = exposures.Sum(e => e.Events);
        var fluence = exposures.Sum(e => e.EffectiveFluenceSi);
        var unit = Units.Parse(perBit ? "cm²/bit" : "cm²");
        var fluenceUnit = Units.Parse(exposures[0].IsProton ? "p/cm²" : "ions/cm²");
        var rate = new CountedRate(events, fluence * bits, unit, "events",
            n => $"{Quantity.FromSi(n / bits, fluenceUnit).ToString("0.##e+0")}{(perBit ? $" on {bits:N0} bits" : "")}");
        return results.MeasureCountedRate($"{SingleEventRecords.Name(effect, exposures[0].IsProton, null)} cross-section", rate, Limit.AtMost(limit),
            Bench.BenchRoles.ParticleBeam, null, SingleEventSteps.Where(exposures[0]), source);
    }
}
