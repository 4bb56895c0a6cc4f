using SpaceTestBench.Instruments.Roles;
using SpaceTestBench.Results.Quantities;
using SpaceTestBench.Results.Recording;
using SpaceTestBench.Steps.Parameters;

namespace SpaceTestBench.Steps.Procedures;

/// <summary>
/// How beam exposures are recorded, by effect: heavy-ion exposures with the well-known LET, tilt, fluence
/// (and bits exposed, and the fluence's relative uncertainty from the beam's characterisation) conditions, so the report computes σ = N/(Φ·cos θ) with its Poisson bounds and fits the
/// Weibull curve per effect; proton exposures per energy, which is what their cross-section depends on;
/// inference mismatches also as inference errors, for the report's error-rate plot. Names tell apart the
/// effects, the workloads and the particles, since the report groups a run's exposures by name.
/// </summary>
public static class SingleEventRecords
{
    /// <summary>The short name of an effect ("SEU", "SEFI", "SEL", "SDC").</summary>
    public static string Code(SingleEventEffect effect) => effect switch
    {
        SingleEventEffect.Upset => "SEU",
        SingleEventEffect.FunctionalInterrupt => "SEFI",
        SingleEventEffect.Latchup => "SEL",
        _ => "SDC",
    };

    /// <summary>The name an effect's exposures are recorded under ("SEFI during inference", "proton SEU").</summary>
    public static string Name(SingleEventEffect effect, bool proton, DutWorkload? workload) =>
        $"{(proton ? "proton " : "")}{Code(effect)}{(effect == SingleEventEffect.FunctionalInterrupt && workload == DutWorkload.Inference ? " during inference" : "")}";

    /// <summary>Records one exposure.</summary>
    public static void Record(ScenarioRecorder results, BeamExposure exposure, DutWorkload? workload, string instrument)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(exposure);
        var name = Name(exposure.Effect, exposure.IsProton, workload);
        var fluence = exposure.Fluence.ConvertTo(Units.Parse(exposure.IsProton ? "p/cm²" : "ions/cm²"));
        var conditions = new Dictionary<string, Quantity>(StringComparer.Ordinal);
        if (exposure.IsProton)
        {
            conditions["proton energy"] = exposure.Energy!.Value.ConvertTo(Units.Parse("MeV"));
        }
        else
        {
            conditions[WellKnownConditions.LinearEnergyTransfer] = exposure.Let;
            conditions[WellKnownConditions.TiltAngle] = exposure.Tilt.ConvertTo(Units.Parse("°"));
        }

        conditions[WellKnownConditions.Fluence] = fluence;
        if (exposure.Bits is { } bits)
        {
            conditions[WellKnownConditions.BitsExposed] = new Quantity(bits, Units.One);
        }

        if (exposure.FluenceUncertainty is { } uncertainty)
        {
            conditions[WellKnownConditions.FluenceUncertainty] = uncertainty;
        }

        results.Measure($"{name} events", new Quantity(exposure.Events, Units.One), null, Bench.BenchRoles.ParticleBeam, instrument, conditions);

        if (exposure.Effect == SingleEventEffect.SilentDataCorruption && exposure.Inferences > 0)
        {
            results.RecordInferenceErrors(
                exposure.IsProton ? "inference mismatches under protons" : "inference mismatches under heavy ions", exposure.Events, exposure.Inferences,
                new Dictionary<string, Quantity>(StringComparer.Ordinal)
                {
                    [exposure.IsProton ? "proton energy" : WellKnownConditions.LinearEnergyTransfer] = exposure.IsProton ? exposure.Energy!.Value.ConvertTo(Units.Parse("MeV")) : exposure.Let,
                    [WellKnownConditions.ErrorsCounted] = new(exposure.Events, Units.One),
                },
                role: Bench.BenchRoles.Dut);
        }
    }
}
