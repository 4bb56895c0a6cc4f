using Reqnroll;
using SpaceTestBench.Bench;
using SpaceTestBench.Gherkin;
using SpaceTestBench.Results;
using SpaceTestBench.Results.Analysis;
using SpaceTestBench.Results.Judging;
using SpaceTestBench.Results.Quantities;
using SpaceTestBench.Results.Recording;
using SpaceTestBench.Steps.Catalog;
using SpaceTestBench.Steps.Parameters;
using SpaceTestBench.Steps.Procedures;

namespace SpaceTestBench.Steps.Bindings;

/// <summary>
/// Steps that judge what the scenario's beam runs counted: cross-sections σ = N/(Φ·cos θ) with their Poisson
/// bounds, the Weibull fit across LETs with its threshold and saturation (ECSS-E-ST-10-12C §9.5.2), the
/// latch-ups and how fast they were power-cycled, the inference error ratio, and the parametrics at the dose
/// the beam deposited.
/// </summary>
[Binding]
[RequiresRole(BenchRoles.ParticleBeam)]
public sealed class SingleEventSteps(ScenarioRecorder results, BeamRuns runs, DutParametrics parametrics, DutRails rails)
{
    private readonly Dictionary<SingleEventEffect, WeibullFitResult> _fits = [];

    /// <summary>
    /// Judges the cross-section of one effect over this scenario's runs (one LET and tilt, or one proton
    /// energy), per bit when the limit is per bit, on its one-sided 95 % Poisson bounds: Pass only if the upper
    /// bound (3.00/Φ when nothing was seen) meets the limit, Fail if the lower bound exceeds it, otherwise
    /// Inconclusive with the fluence that would demonstrate it. The events counted and both bounds are recorded.
    /// </summary>
    [Then("the {effect} cross-section is at most {cross-section}")]
    [StepExample("Then the functional interrupt cross-section is at most 1e-5 cm²")]
    public void CrossSection(SingleEventEffect effect, CrossSection limit) => CrossSectionJudgement.Judge(results, runs, effect, limit, null);

    /// <summary>
    /// Fits σ(L) = σsat·(1 − exp(−((L − L0)/W)^s)) in effective LET to this scenario's heavy-ion runs by
    /// maximum likelihood on the counts (zero-event runs included), and records the fitted parameters with
    /// their 95 % intervals.
    /// </summary>
    [Then("the {effect} cross-section follows a Weibull curve in effective LET")]
    [StepExample("Then the upset cross-section follows a Weibull curve in effective LET")]
    public void Weibull(SingleEventEffect effect)
    {
        var fit = Fit(effect);
        foreach (var parameter in fit.Parameters)
        {
            results.Measure($"{SingleEventRecords.Code(effect)} Weibull {parameter.Name}", parameter.Value, null, BenchRoles.ParticleBeam, null,
                new Dictionary<string, Quantity>
                {
                    ["95 % lower bound"] = new(parameter.Lower, parameter.Value.Unit),
                    ["95 % upper bound"] = new(parameter.Upper, parameter.Value.Unit),
                });
        }
    }

    /// <summary>Judges the onset LET L0 of the Weibull fit.</summary>
    [Then("the {effect} LET threshold is at least {LET}")]
    [StepExample("Then the upset LET threshold is at least 10 MeV·cm²/mg")]
    public void Threshold(SingleEventEffect effect, LinearEnergyTransfer limit) => ThresholdFrom(effect, limit, null);

    /// <summary>Judges the onset LET as <see cref="Threshold"/> does, the report naming where the limit comes from.</summary>
    [Then("the {effect} LET threshold is at least {LET}, a limit from {string}")]
    [StepExample("Then the upset LET threshold is at least 10 MeV·cm²/mg, a limit from \"the procurement specification's SEE requirement\"")]
    public void ThresholdWithSource(SingleEventEffect effect, LinearEnergyTransfer limit, string source) => ThresholdFrom(effect, limit, source);

    /// <summary>Judges the saturation cross-section σsat of the Weibull fit (per bit when the runs counted bits).</summary>
    [Then("the {effect} saturation cross-section is at most {cross-section}")]
    [StepExample("Then the upset saturation cross-section is at most 1e-8 cm²/bit")]
    public void Saturation(SingleEventEffect effect, CrossSection limit) => SaturationFrom(effect, limit, null);

    /// <summary>Judges σsat as <see cref="Saturation"/> does, the report naming where the limit comes from.</summary>
    [Then("the {effect} saturation cross-section is at most {cross-section}, a limit from {string}")]
    [StepExample("Then the upset saturation cross-section is at most 1e-8 cm²/bit, a limit from \"the procurement specification's SEE requirement\"")]
    public void SaturationWithSource(SingleEventEffect effect, CrossSection limit, string source) => SaturationFrom(effect, limit, source);

    private void ThresholdFrom(SingleEventEffect effect, LinearEnergyTransfer limit, string? source)
    {
        var fit = Fit(effect);
        results.Measure($"{SingleEventRecords.Code(effect)} LET threshold", fit.Threshold.Value, Limit.AtLeast(limit), BenchRoles.ParticleBeam, null,
            new Dictionary<string, Quantity> { ["95 % lower bound"] = new(fit.Threshold.Lower, fit.Threshold.Value.Unit) }, LimitSources.DecisionIfStated(source));
    }

    private void SaturationFrom(SingleEventEffect effect, CrossSection limit, string? source)
    {
        var fit = Fit(effect);
        var perBitFit = Of(effect).All(e => e.Bits is > 0);
        var perBitLimit = limit.Dimension != Dimension.Area;
        var value = fit.SaturatedCrossSection.Value;
        var judged = (perBitFit, perBitLimit) switch
        {
            (true, true) or (false, false) => new Quantity(value.Value, perBitLimit ? Units.Parse("cm²/bit") : value.Unit),
            (true, false) => new Quantity(value.Value * Of(effect)[0].Bits!.Value, value.Unit),
            _ => throw new InvalidOperationException("A per-bit saturation limit needs runs that counted bits; the DUT profile gives none."),
        };
        results.Measure($"{SingleEventRecords.Code(effect)} saturation cross-section", judged, Limit.AtMost(limit), BenchRoles.ParticleBeam, null,
            new Dictionary<string, Quantity> { ["95 % upper bound"] = new(judged.Value * fit.SaturatedCrossSection.Upper / value.Value, judged.Unit) }, LimitSources.DecisionIfStated(source));
    }

    /// <summary>
    /// Judges the number of latch-ups in this scenario's runs (on every rail the watch monitored, and any the bench's
    /// latch-up interlock caught besides), and records each rail's own: its latch-ups into the trip and its micro-latches,
    /// with its trip and its current before irradiation, so a latch on the core rail is reported as the core rail's.
    /// </summary>
    [Then("the latch-up monitor counted at most {int} latch-ups")]
    [StepExample("Then the latch-up monitor counted at most 0 latch-ups")]
    [RequiresRole(BenchRoles.LatchupMonitor)]
    public void LatchupCount(int allowed) => LatchupCountFrom(allowed, null);

    /// <summary>Judges the number of latch-ups as <see cref="LatchupCount"/> does, the report naming where the allowed count comes from.</summary>
    [Then("the latch-up monitor counted at most {int} latch-ups, a limit from {string}")]
    [StepExample("Then the latch-up monitor counted at most 0 latch-ups, a limit from \"the immunity criterion of the procurement specification\"")]
    [RequiresRole(BenchRoles.LatchupMonitor)]
    public void LatchupCountWithSource(int allowed, string source) => LatchupCountFrom(allowed, source);

    private void LatchupCountFrom(int allowed, string? limitSource)
    {
        var fluence = Quantity.FromSi(runs.Exposures.Where(e => e.Effect == SingleEventEffect.Latchup).Sum(e => e.EffectiveFluenceSi), Units.Parse("ions/cm²"));
        var conditions = new Dictionary<string, Quantity> { ["effective fluence"] = fluence };
        foreach (var rail in runs.Watch?.Rails ?? [])
        {
            var onRail = runs.Latchups.Where(l => l.Rail == rail.Rail).ToList();
            conditions[$"on the {rail.Rail} rail"] = new(onRail.Count, Units.One);
            var source = rails.Source(rail.Rail);
            results.Measure($"{rail.Rail} rail latch-ups", new Quantity(onRail.Count, Units.One), null, source.Role, source.Instrument,
                new Dictionary<string, Quantity>
                {
                    ["into the trip"] = new(onRail.Count(l => !l.MicroLatch), Units.One),
                    ["micro-latches"] = new(onRail.Count(l => l.MicroLatch), Units.One),
                    ["current before irradiation"] = new Quantity(rail.BaselineAmperes, Units.Ampere).ConvertTo(Units.Milliampere),
                    ["trip current"] = new Quantity(rail.TripAmperes, Units.Ampere).ConvertTo(Units.Milliampere),
                    ["effective fluence"] = fluence,
                },
                $"trip: {rail.TripBasis}");
        }

        results.Measure("latch-ups", new Quantity(runs.LatchupsCounted, Units.One), Limit.AtMost(new Quantity(allowed, Units.One)), BenchRoles.LatchupMonitor, null, conditions, LimitSources.DecisionIfStated(limitSource));
    }

    /// <summary>Judges how fast every latch-up was switched off: none may have taken longer than the stated time.</summary>
    [Then("every latch-up was power-cycled within {duration}")]
    [StepExample("Then every latch-up was power-cycled within 50 ms")]
    [RequiresRole(BenchRoles.LatchupMonitor)]
    public void LatchupResponse(Duration longest) => LatchupResponseFrom(longest, null);

    /// <summary>Judges how fast every latch-up was switched off as <see cref="LatchupResponse"/> does, the report naming where the time comes from.</summary>
    [Then("every latch-up was power-cycled within {duration}, a limit from {string}")]
    [StepExample("Then every latch-up was power-cycled within 50 ms, a limit from \"the procedure's latch-up response\"")]
    [RequiresRole(BenchRoles.LatchupMonitor)]
    public void LatchupResponseWithSource(Duration longest, string source) => LatchupResponseFrom(longest, source);

    private void LatchupResponseFrom(Duration longest, string? source)
    {
        var late = runs.Latchups.Count(l => l.Response.TotalSeconds > longest.SiValue);
        var slowest = runs.Latchups.Count == 0 ? 0 : runs.Latchups.Max(l => l.Response.TotalMilliseconds);
        results.Measure("latch-ups switched off late", new Quantity(late, Units.One), Limit.AtMost(new Quantity(0, Units.One)), BenchRoles.LatchupMonitor, null,
            new Dictionary<string, Quantity>
            {
                ["latch-ups"] = new(runs.Latchups.Count, Units.One),
                ["slowest response"] = new(slowest, Units.Millisecond),
            }, LimitSources.DecisionIfStated(source));
    }

    /// <summary>
    /// Judges the fraction of inferences that disagreed with the golden model over this scenario's runs, on its
    /// one-sided 95 % Poisson bounds: 0 errors in n inferences demonstrate at best 3.0/n, so a limit of 1e-4 needs
    /// about 30,000 error-free inferences; fewer is Inconclusive, with the number needed.
    /// </summary>
    [Then("the inference error ratio is at most {ratio}")]
    [StepExample("Then the inference error ratio is at most 1e-4")]
    [RequiresRole(BenchRoles.Dut)]
    public void InferenceErrorRatio(Ratio limit) => InferenceErrorRatioFrom(limit, null);

    /// <summary>Judges the inference error ratio as <see cref="InferenceErrorRatio"/> does, the report naming where the limit comes from.</summary>
    [Then("the inference error ratio is at most {ratio}, a limit from {string}")]
    [StepExample("Then the inference error ratio is at most 1e-4, a limit from \"the mission's inference-error allocation\"")]
    [RequiresRole(BenchRoles.Dut)]
    public void InferenceErrorRatioWithSource(Ratio limit, string source) => InferenceErrorRatioFrom(limit, source);

    private void InferenceErrorRatioFrom(Ratio limit, string? source)
    {
        var exposures = Of(SingleEventEffect.SilentDataCorruption);
        var inferences = exposures.Sum(e => e.Inferences);
        var errors = exposures.Sum(e => e.Events);
        if (inferences == 0)
        {
            throw new InvalidOperationException("No inference ran during this scenario's beam runs; start AI inference before the runs.");
        }

        var rate = new CountedRate(errors, inferences, Units.One, "errors", n => $"{n:N0} inferences");
        results.MeasureCountedRate("inference error ratio", rate, Limit.AtMost(limit), BenchRoles.Dut, null,
            new Dictionary<string, Quantity>
            {
                [WellKnownConditions.Inferences] = new(inferences, Units.One),
                ["dose deposited by the beam"] = runs.DoseDeposited,
            },
            source);
    }

    /// <summary>Tests the total-dose parametrics after the runs, at the dose the beam deposited, against the post-irradiation limits.</summary>
    [Then("the DUT parametrics at the dose the beam deposited are within the DUT profile limits")]
    [StepExample("Then the DUT parametrics at the dose the beam deposited are within the DUT profile limits")]
    [RequiresRole(BenchRoles.DutSupply)]
    [RequiresRole(BenchRoles.Dut)]
    public async Task ParametricsAtBeamDose()
    {
        var exposure = runs.Exposures.LastOrDefault() ?? throw new InvalidOperationException("No beam run in this scenario.");
        var series = exposure.IsProton ? $"{exposure.Energy!.Value.ConvertTo(Units.Parse("MeV"))} protons" : $"{exposure.Species} ions";
        await parametrics.MeasureAtDoseAsync(runs.DoseDeposited, null, series, doseStep: false);
    }

    private List<BeamExposure> Of(SingleEventEffect effect)
    {
        var exposures = runs.Exposures.Where(e => e.Effect == effect).ToList();
        return exposures.Count > 0
            ? exposures
            : throw new InvalidOperationException($"No beam run of this scenario counted {EffectParameterTypes.Words.First(w => w.Effect == effect).Plural}.");
    }

    private WeibullFitResult Fit(SingleEventEffect effect)
    {
        if (!_fits.TryGetValue(effect, out var fit))
        {
            var exposures = Of(effect);
            if (exposures.Any(e => e.IsProton))
            {
                throw new InvalidOperationException("A Weibull fit in LET needs heavy-ion runs; proton cross-sections depend on energy.");
            }

            var points = CrossSectionAnalysis.Compute(exposures.Select(e => new SingleEventExposure(e.Let, e.Tilt.ConvertTo(Units.Parse("°")), e.Fluence, e.Events, e.Bits)));
            fit = WeibullCrossSectionFit.Fit(points);
            _fits[effect] = fit;
        }

        return fit;
    }

    internal static Dictionary<string, Quantity> Where(BeamExposure exposure)
    {
        var conditions = new Dictionary<string, Quantity>(StringComparer.Ordinal);
        if (exposure.IsProton)
        {
            conditions["proton energy"] = exposure.Energy!.Value.ConvertTo(Units.Parse("MeV"));
        }
        else
        {
            conditions["LET"] = exposure.Let;
            conditions["tilt angle"] = exposure.Tilt.ConvertTo(Units.Parse("°"));
        }

        conditions["effective fluence"] = Quantity.FromSi(exposure.EffectiveFluenceSi, Units.Parse(exposure.IsProton ? "p/cm²" : "ions/cm²"));
        return conditions;
    }
}
