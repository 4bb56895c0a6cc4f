using SpaceTestBench.Results.Quantities;
using SpaceTestBench.Simulation.Physics;
using SpaceTestBench.Steps.Bindings;
using SpaceTestBench.Steps.Parameters;
using SpaceTestBench.Steps.Procedures;

namespace SpaceTestBench.Steps.Planning.Estimates;

/// <summary>
/// Bench time of the total-dose and single-event steps: dose ÷ dose rate per exposure, the anneals with the
/// chamber's moves, and each beam run's fluence ÷ flux, ended sooner by the event count where the DUT profile
/// states the cross-sections that say when the count is reached (otherwise the fluence time is a bound).
/// </summary>
internal static class RadiationEstimates
{
    private static readonly Unit Krad = Units.Parse("krad(Si)");
    private static readonly Unit RadPerHour = Units.Parse("rad(Si)/h");
    private static readonly Unit FluxUnit = Units.Parse("ions/cm²/s");
    private static readonly Unit LetUnit = Units.Parse("MeV·cm²/mg");
    private static readonly Unit MeV = Units.Parse("MeV");

    public static void Register(BenchTimeEstimates estimates)
    {
        estimates
            .Add<GammaSourceSteps>(nameof(GammaSourceSteps.Baseline), static (c, a) => Baseline(c, a.Si(0), TimeSpan.FromSeconds(a.Si(1)), TimeSpan.FromSeconds(a.Si(2))))
            .Add<GammaSourceSteps>(nameof(GammaSourceSteps.DoseRate), static (c, a) =>
            {
                c.DoseRateSi = a.Si(0);
                c.DoseSi = 0;
                return StepEstimate.Instant;
            })
            .Add<GammaSourceSteps>(nameof(GammaSourceSteps.Ladder), static (c, a) =>
                Sum(a.Get<IReadOnlyList<Quantity>>(0).SelectMany(dose => WithRound(c, IrradiateTo(c, dose.SiValue))).ToList()))
            .Add<GammaSourceSteps>(nameof(GammaSourceSteps.Overtest), static (c, a) => Sum(WithRound(c, IrradiateTo(c, a.Si(0) * (1 + a.Si(1)))).ToList()))
            .Add<GammaSourceSteps>(nameof(GammaSourceSteps.Anneal), static (c, a) => Sum(WithRound(c, Anneal(c, a), settleBiased: true).ToList()))
            .Instant<GammaSourceSteps>(nameof(GammaSourceSteps.ControlSeparatesDrift))
            .Instant<ExposureScheduleSteps>(nameof(ExposureScheduleSteps.NextExposureWindow))
            .Instant<MicroLatchSteps>(nameof(MicroLatchSteps.MicroLatch))
            .Instant<SourcedLimitSteps>(nameof(SourcedLimitSteps.CrossSection), nameof(SourcedLimitSteps.SensitiveDepth))
            .Add<ParticleBeamSteps>(nameof(ParticleBeamSteps.Plan), static (c, a) =>
            {
                c.BeamPlan = new BeamRunPlan(a.Quantity(0), a.Get<int>(1), a.Quantity(2));
                return StepEstimate.Instant;
            })
            .Instant<ParticleBeamSteps>(nameof(ParticleBeamSteps.LatchupMonitor))
            .Add<ParticleBeamSteps>(nameof(ParticleBeamSteps.HeavyIon), static (c, a) =>
                BeamRun(c, a.Quantity(0), null, a.Quantity(1), a.Get<IReadOnlyList<SingleEventEffect>>(2)))
            .Add<ParticleBeamSteps>(nameof(ParticleBeamSteps.HeavyIonTable), static (c, a) => Sum(
                a.Get<IonRunTable>(1).Runs.Select(run => BeamRun(c, run.Let, null, run.Tilt, a.Get<IReadOnlyList<SingleEventEffect>>(0))).ToList()))
            .Add<ParticleBeamSteps>(nameof(ParticleBeamSteps.Protons), static (c, a) =>
                BeamRun(c, null, a.Quantity(0), new Quantity(0, Units.Parse("°")), a.Get<IReadOnlyList<SingleEventEffect>>(1)))
            .Instant<SingleEventSteps>(
                nameof(SingleEventSteps.CrossSection), nameof(SingleEventSteps.Weibull), nameof(SingleEventSteps.Threshold), nameof(SingleEventSteps.Saturation),
                nameof(SingleEventSteps.ThresholdWithSource), nameof(SingleEventSteps.SaturationWithSource),
                nameof(SingleEventSteps.LatchupCount), nameof(SingleEventSteps.LatchupCountWithSource), nameof(SingleEventSteps.LatchupResponse), nameof(SingleEventSteps.LatchupResponseWithSource), nameof(SingleEventSteps.InferenceErrorRatio),
                nameof(SingleEventSteps.InferenceErrorRatioWithSource), nameof(SingleEventSteps.ParametricsAtBeamDose));
    }

    /// <summary>
    /// A test round over a sample plan (<see cref="SamplePlan"/>): each sample switched to the test station boots
    /// (the DUT profile's boot time), the biased ones settled again by the reference's window when
    /// <paramref name="settleBiased"/> (after an anneal); null without a plan.
    /// </summary>
    internal static StepEstimate? TestRound(PlanContext context, bool settleBiased = false)
    {
        var (biased, unbiased, control) = context.SamplePlan;
        var samples = biased + unbiased + control;
        if (samples == 0)
        {
            return null;
        }

        var boot = context.BootTime ?? DutRails.BootTimeout;
        var settle = settleBiased && context.SettlingWindow is { } window ? window * biased : TimeSpan.Zero;
        return StepEstimate.Of(boot * (samples + 1) + settle,
            $"{samples} samples switched to the test station and booted ({boot.TotalSeconds:0.###} s each){(settle > TimeSpan.Zero ? $", {biased} biased ones settled again over {context.SettlingWindow!.Value.TotalMinutes:0} min each" : "")}");
    }

    private static IEnumerable<StepEstimate> WithRound(PlanContext context, StepEstimate exposure, bool settleBiased = false)
    {
        yield return exposure;
        if (TestRound(context, settleBiased) is { } round)
        {
            yield return round;
        }
    }

    /// <summary>
    /// The reference before irradiation: one sample's settling; with a sample plan, each biased sample's (held at its
    /// bias on the board, it settles within one window) and every sample's boot on the test station.
    /// </summary>
    private static StepEstimate Baseline(PlanContext context, double changeAmperes, TimeSpan window, TimeSpan longest)
    {
        context.SettlingWindow = window;
        if (TestRound(context) is not { } round)
        {
            return Settling(context, changeAmperes, window, longest);
        }

        var biased = context.SamplePlan.Biased;
        return Sum([round, StepEstimate.Of(window * biased, $"{biased} biased samples settled at their bias, one window ({window.TotalMinutes:0} min) each")]);
    }

    /// <summary>Several exposures or runs in one step: their sum, as uncertain as the least certain of them.</summary>
    internal static StepEstimate Sum(IReadOnlyList<StepEstimate> parts)
    {
        if (parts.Any(p => p.Kind == EstimateKind.Unknown))
        {
            return parts.First(p => p.Kind == EstimateKind.Unknown);
        }

        var total = parts.Aggregate(TimeSpan.Zero, (sum, p) => sum + p.Duration!.Value);
        var kind = parts.Any(p => p.Kind == EstimateKind.AtMost) ? EstimateKind.AtMost : parts.All(p => p.Kind == EstimateKind.Instant) ? EstimateKind.Instant : EstimateKind.Estimated;
        var basis = parts.Count == 1 ? parts[0].Basis : $"{parts.Count} parts: {string.Join("; ", parts.Select(p => p.Basis).Distinct().Take(3))}{(parts.Select(p => p.Basis).Distinct().Count() > 3 ? "; …" : "")}";
        return new StepEstimate(kind, total, basis);
    }

    /// <summary>
    /// <see cref="GammaIrradiation.IrradiateToAsync"/>: the dose left ÷ the rate, plus on average half of the
    /// check interval (1/200 of the exposure, 1 s to 10 min) by which the bench sees the source go down.
    /// </summary>
    private static StepEstimate IrradiateTo(PlanContext context, double targetGray)
    {
        if (context.DoseRateSi is not { } rate || rate <= 0)
        {
            return StepEstimate.Unknown("no dose rate was set before the irradiation");
        }

        var left = Math.Max(targetGray - context.DoseSi, 0);
        context.DoseSi = Math.Max(context.DoseSi, targetGray);
        var seconds = left / rate;
        var check = Math.Clamp(seconds / 200, 1, 600);
        return StepEstimate.Seconds(seconds + (check / 2),
            $"{Quantity.FromSi(left, Krad)} ÷ {Quantity.FromSi(rate, RadPerHour)}");
    }

    /// <summary>The chamber to the anneal temperature, the anneal, the chamber to the test temperature.</summary>
    private static StepEstimate Anneal(PlanContext context, StepArguments arguments)
    {
        var duration = arguments.Si(0);
        var thermal = context.Thermal;
        var there = thermal.HoldDutAt(arguments.Si(1), ChamberControl.DefaultRampKelvinPerSecond);
        thermal.Hold(duration, ChamberControl.DefaultRampKelvinPerSecond);
        var back = thermal.HoldDutAt(arguments.Si(2), ChamberControl.DefaultRampKelvinPerSecond);
        return StepEstimate.Seconds(there + duration + back,
            $"{arguments.Quantity(0)} at {arguments.Quantity(1)}, {(there + back) / 60:0} min of chamber moves{(thermal.Stated ? "" : " (DUT time constant assumed)")}");
    }

    /// <summary>
    /// One beam run (<see cref="BeamRuns"/>): fluence ÷ flux, or sooner when every counted effect reaches the
    /// event count — N ÷ (σ·φ·cos θ) with σ from the DUT profile's cross-sections at the effective LET (or the
    /// proton energy) — plus a recovery with the beam closed for each functional interrupt expected.
    /// </summary>
    private static StepEstimate BeamRun(PlanContext context, Quantity? let, Quantity? energy, Quantity tilt, IReadOnlyList<SingleEventEffect> effects)
    {
        if (context.BeamPlan is not { } plan)
        {
            return StepEstimate.Unknown("no beam run plan (fluence, events, flux) was given before the run");
        }

        var flux = plan.Flux.ConvertTo(FluxUnit).Value;
        var fluenceSeconds = plan.Fluence.SiValue / plan.Flux.SiValue;
        var cos = Math.Cos(tilt.SiValue);
        var where = let is { } l ? $"LET {l}{(tilt.SiValue != 0 ? $" at {tilt}" : "")}" : $"{energy} protons";
        var rates = effects.Select(e => CrossSection(context, e, let, energy, cos) is { } sigma ? sigma * flux * cos : (double?)null).ToList();
        if (rates.Any(r => r is null))
        {
            return StepEstimate.AtMost(TimeSpan.FromSeconds(fluenceSeconds),
                $"{where}: {plan.Fluence} ÷ {plan.Flux}, sooner if {plan.Events} events are counted (the DUT profile states no cross-section to say when)");
        }

        var toCount = rates.Max(r => r!.Value <= 0 ? double.PositiveInfinity : plan.Events / r.Value);
        var beamOn = Math.Min(fluenceSeconds, toCount);
        var recoveries = 0.0;
        if (CrossSection(context, SingleEventEffect.FunctionalInterrupt, let, energy, cos) is { } interrupt && context.BootTime is { } boot)
        {
            recoveries = interrupt * flux * cos * beamOn * boot.TotalSeconds;
        }

        var basis = toCount < fluenceSeconds
            ? $"{where}: {plan.Events} events at the DUT profile's cross-section, before {plan.Fluence}"
            : $"{where}: {plan.Fluence} ÷ {plan.Flux}";
        return StepEstimate.Seconds(beamOn + recoveries, basis);
    }

    /// <summary>σ of one effect, cm² per device (upsets: per bit times the bits), from the DUT profile; null if it does not say.</summary>
    private static double? CrossSection(PlanContext context, SingleEventEffect effect, Quantity? let, Quantity? energy, double cos)
    {
        if (context.Physics?.SingleEvents is not { } spec)
        {
            return null;
        }

        // A profile that states the part's single-event effects and leaves one out says the part shows none of it.
        double? At(WeibullCrossSection? heavyIon, WeibullCrossSection? proton) =>
            (let is { } l ? heavyIon?.At(l.ConvertTo(LetUnit).Value / cos) : proton?.At(energy!.Value.ConvertTo(MeV).Value)) ?? 0;

        return effect switch
        {
            SingleEventEffect.Upset => At(spec.Upset?.HeavyIon, spec.Upset?.Proton) * spec.UpsetBits,
            SingleEventEffect.FunctionalInterrupt => At(spec.FunctionalInterrupt?.HeavyIon, spec.FunctionalInterrupt?.Proton),
            SingleEventEffect.SilentDataCorruption => At(spec.DataCorruption?.HeavyIon, spec.DataCorruption?.Proton),
            // Every rail's latch-up path counts: the watch monitors all of them.
            _ => let is { } ion ? spec.Latchups.Sum(latchup => LatchupAt(context, latchup).At(ion.ConvertTo(LetUnit).Value / cos)) : 0,
        };
    }

    /// <summary>The latch-up Weibull at the planned DUT temperature and the latching rail's highest rated voltage.</summary>
    private static WeibullCrossSection LatchupAt(PlanContext context, Simulation.Dut.LatchupSpec latchup)
    {
        var rail = context.Dut.Rails.GetValueOrDefault(latchup.Rail);
        var volts = rail?.MaximumVoltage?.SiValue ?? rail?.NominalVoltage.SiValue ?? latchup.ReferenceVolts;
        return latchup.At(context.Thermal.Dut, volts);
    }

    /// <summary>
    /// How long the DUT takes to settle at its bias before the reference: its self-heating P·θ_ca raises the leakage
    /// rail's current by ΔI = I_leak·(2^(ΔT/T₂) − 1) with the case time constant τ, so the change over a window W at
    /// time t is ΔI·e^(−t/τ)·(e^(W/τ) − 1); settled when that falls below the criterion c, and never before one window
    /// nor after the longest wait. Without the DUT's thermal model the longest wait is the bound.
    /// </summary>
    private static StepEstimate Settling(PlanContext context, double changeAmperes, TimeSpan window, TimeSpan longest)
    {
        if (context.Physics is not { Thermal: { } thermal, TotalDose: { } dose } physics
            || !physics.SupplyLoads.TryGetValue(dose.LeakageRail, out var rail) || !(changeAmperes > 0))
        {
            return StepEstimate.AtMost(longest, $"settling at its bias within {longest.TotalMinutes:0} min (no thermal model in the DUT profile)");
        }

        // At the bias and temperature the scenario plans: leakage doubles every T₂ above its reference and rises
        // exponentially with voltage, so a hot part at its maximum rated supply self-heats more and settles longer.
        var hot = Math.Pow(2, (context.Thermal.Dut - thermal.LeakageReferenceKelvin) / thermal.LeakageDoublingKelvin);
        double Volts(string name, Simulation.Dut.CmosSupplyLoad load) =>
            context.PoweredAtMaximum && context.Dut.Rails.GetValueOrDefault(name)?.MaximumVoltage is { } maximum ? maximum.SiValue : load.NominalVolts;
        var watts = physics.SupplyLoads.Sum(l => Volts(l.Key, l.Value) * (l.Value.DynamicAt(Volts(l.Key, l.Value)) + (hot * l.Value.LeakageAt(Volts(l.Key, l.Value)))));
        var rise = watts * thermal.CaseToAmbientKelvinPerWatt;
        var deltaAmperes = hot * rail.LeakageAt(Volts(dose.LeakageRail, rail)) * (Math.Pow(2, rise / thermal.LeakageDoublingKelvin) - 1);
        var tau = thermal.CaseTimeConstantSeconds;
        var initial = deltaAmperes * (Math.Exp(window.TotalSeconds / tau) - 1);
        var seconds = initial > changeAmperes ? tau * Math.Log(initial / changeAmperes) : 0;
        seconds = Math.Clamp(seconds, window.TotalSeconds, longest.TotalSeconds);
        return StepEstimate.Seconds(seconds, string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"settling at its bias: {rise:0.#} K of self-heating, {deltaAmperes * 1e3:0.##} mA of leakage to settle with τ = {tau / 60:0.#} min, to under {changeAmperes * 1e3:0.##} mA over {window.TotalMinutes:0} min"));
    }
}
