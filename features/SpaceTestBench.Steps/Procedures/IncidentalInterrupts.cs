using SpaceTestBench.Bench.Duts;
using SpaceTestBench.Results;
using SpaceTestBench.Results.Judging;
using SpaceTestBench.Results.Quantities;
using SpaceTestBench.Results.Recording;

namespace SpaceTestBench.Steps.Procedures;

/// <summary>
/// Functional interrupts (SEFI) in a beam run that counts other effects (an upset sweep, a latch-up run): the DUT hung,
/// was recovered and the run went on, but each one is still judged there, against the SEFI cross-section limit of the DUT
/// profile (<c>singleEventEffects.limits</c>, with its source), on the one-sided 95 % Poisson bounds of σ = N/(Φ·cos θ):
/// Fail when the lower bound exceeds the limit, Pass when the upper bound meets it. Such a run ends at its own count, often
/// after a fluence that can show neither (2,500 ions/cm² bound σ only to 1.2e-3 cm²); it did not set out to demonstrate the
/// limit, so an undecided count is recorded, not judged, with the fluence that would decide — never Pass. A profile with no
/// such limit leaves the count unjudged and says so as a deviation, naming the field to add.
/// </summary>
public static class IncidentalInterrupts
{
    /// <summary>The measurement's name.</summary>
    public const string Name = "SEFI cross-section in a run counting other effects";

    /// <summary>Why an undecided count is not judged, as the report states it.</summary>
    public const string NotTestedFor =
        "this run counted other effects and ended at their count or its fluence, which cannot demonstrate the SEFI limit; it is judged only where its count decides (Fail above the limit, Pass within it)";

    /// <summary>Judges the functional interrupts of <paramref name="exposure"/> (a run that did not count them) against the DUT profile's limit.</summary>
    public static MeasurementRecorded Judge(ScenarioRecorder results, DutProfile dut, BeamExposure exposure)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(dut);
        ArgumentNullException.ThrowIfNull(exposure);
        var field = exposure.IsProton ? "protonFunctionalInterruptCrossSection" : "functionalInterruptCrossSection";
        var limit = exposure.IsProton ? dut.SingleEventLimits?.ProtonFunctionalInterruptCrossSection : dut.SingleEventLimits?.FunctionalInterruptCrossSection;
        var conditions = Bindings.SingleEventSteps.Where(exposure);
        if (limit is not { } high)
        {
            results.RecordEvent(BenchEventKind.Deviation, Bench.BenchRoles.Dut,
                $"{exposure.Events} functional interrupt(s) in this run are recorded, not judged: the DUT profile {Path.GetFileName(dut.File)} states no " +
                $"$.singleEventEffects.limits.{field}. Add it with its source (the datasheet's radiation characteristics or the procurement specification).");
            var fluence = exposure.EffectiveFluenceSi;
            conditions["functional interrupts"] = new Quantity(exposure.Events, Units.One);
            return results.Measure(Name, Quantity.FromSi(exposure.Events / fluence, Units.Parse("cm²")), null, Bench.BenchRoles.Dut, null, conditions);
        }

        var fluenceUnit = Units.Parse(exposure.IsProton ? "p/cm²" : "ions/cm²");
        var rate = new CountedRate(exposure.Events, exposure.EffectiveFluenceSi, Units.Parse("cm²"), "functional interrupts",
            n => Quantity.FromSi(n, fluenceUnit).ToString("0.##e+0"));
        return results.MeasureCountedRate(Name, rate, Limit.AtMost(high), Bench.BenchRoles.Dut, null, conditions,
            LimitSources.Profile(dut, $"$.singleEventEffects.limits.{field}", dut.SingleEventLimits!.Source), NotTestedFor);
    }
}
