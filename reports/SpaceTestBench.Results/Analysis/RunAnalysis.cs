using SpaceTestBench.Results.Quantities;
using SpaceTestBench.Results.Recording;
using SpaceTestBench.Results.Store;

namespace SpaceTestBench.Results.Analysis;

/// <summary>
/// Every analysis a run's data supports, found by the well-known condition and series names
/// (<see cref="WellKnownConditions"/>, <see cref="WellKnownSeries"/>). An analysis the data cannot
/// support is listed with the reason rather than left out, so the report says why a fit is missing.
/// What the analyses judge is in <see cref="Findings"/>.
/// </summary>
/// <param name="CrossSections">Single-event cross-sections per effect.</param>
/// <param name="Drifts">TID drift per scenario, parametric, sample and dose rate.</param>
/// <param name="ThermalProfiles">Temperature profiles per scenario.</param>
/// <param name="Waterfalls">BER waterfalls per scenario and measurement name.</param>
/// <param name="InferenceErrors">Inference error rates per measurement name.</param>
public sealed record RunAnalysis(
    IReadOnlyList<CrossSectionSet> CrossSections,
    IReadOnlyList<DriftSet> Drifts,
    IReadOnlyList<ThermalProfileSet> ThermalProfiles,
    IReadOnlyList<WaterfallSet> Waterfalls,
    IReadOnlyList<InferenceErrorSet> InferenceErrors)
{
    /// <summary>Measurements an analysis took (so generic plots need not draw them again).</summary>
    public IReadOnlySet<long> AnalysedMeasurements { get; } = CrossSections.SelectMany(s => s.Measurements)
        .Concat(Drifts.SelectMany(s => s.Measurements)).Concat(Waterfalls.SelectMany(s => s.Measurements))
        .Concat(InferenceErrors.SelectMany(s => s.Measurements)).Select(m => m.Sequence).ToHashSet();

    /// <summary>
    /// The judged outcomes of every analysis, per scenario (<see cref="AnalysisFindings"/> says what each analysis judges);
    /// the verdict policy folds them into the scenario and run verdicts.
    /// </summary>
    public IReadOnlyList<AnalysisFinding> Findings { get; init; } = [];

    /// <summary>Series an analysis took.</summary>
    public IReadOnlySet<int> AnalysedSeries { get; } = ThermalProfiles
        .SelectMany(p => new[] { p.Setpoint, p.Air, p.Dut }).OfType<SeriesResult>().Select(s => s.Info.SeriesId).ToHashSet();

    /// <summary>
    /// Runs every analysis the data of <paramref name="results"/> support. Thermal criteria are each scenario's own
    /// (its <see cref="BenchEventKind.Criteria"/> event); <paramref name="criteria"/> (default <see cref="ThermalCriteria.Default"/>)
    /// fills in what a scenario did not record, and the report says so.
    /// </summary>
    public static RunAnalysis Of(RunResults results, ThermalCriteria? criteria = null, double confidence = 0.95)
    {
        ArgumentNullException.ThrowIfNull(results);
        var measurements = results.Measurements;
        var (modulation, modulationSource) = Modulation(results);
        var analysis = new RunAnalysis(
            measurements.Where(m => Has(m, WellKnownConditions.LinearEnergyTransfer) && Has(m, WellKnownConditions.Fluence))
                .GroupBy(m => m.Name, StringComparer.Ordinal).Select(g => AnalyseCrossSections(g.Key, g.ToList(), confidence)).ToList(),
            DriftGroups(measurements).Select(g => AnalyseDrift(g, confidence)).ToList(),
            AnalyseThermalProfiles(results, criteria ?? ThermalCriteria.Default),
            measurements.Where(m => Has(m, WellKnownConditions.ReceivedOpticalPower) && Has(m, WellKnownConditions.BitsCompared))
                .GroupBy(m => (m.ScenarioId, m.Name))
                .Where(g => g.Select(m => m.Conditions[WellKnownConditions.ReceivedOpticalPower].SiValue).Distinct().Count() >= 3)
                .Select(g => AnalyseWaterfall(g.Key.ScenarioId, g.Key.Name, g.ToList(), modulation, modulationSource, confidence)).ToList(),
            measurements.Where(m => Has(m, WellKnownConditions.Inferences))
                .GroupBy(m => m.Name, StringComparer.Ordinal).Select(g => AnalyseInferenceErrors(g.Key, g.ToList(), confidence)).ToList());
        return analysis with { Findings = AnalysisFindings.Of(analysis, results) };
    }

    private static bool Has(MeasurementResult m, string condition) => m.Conditions.ContainsKey(condition);

    private static double? Number(MeasurementResult m, string condition) => m.Conditions.TryGetValue(condition, out var q) ? q.Value : null;

    // Scenario × parametric × sample × dose rate: never pooled. A pre-irradiation (D = 0) point without a dose rate belongs
    // to every dose-rate group of its scenario, parametric and sample: it is the reference of each.
    private static IEnumerable<(string Scenario, string Name, double? Sample, Quantity? DoseRate, List<MeasurementResult> Measurements)> DriftGroups(IReadOnlyList<MeasurementResult> measurements)
    {
        foreach (var parametric in measurements.Where(m => Has(m, WellKnownConditions.TotalIonisingDose)).GroupBy(m => (m.ScenarioId, m.Name, Sample: Number(m, WellKnownConditions.Sample))))
        {
            var rated = parametric.Where(m => Has(m, WellKnownConditions.DoseRate)).GroupBy(m => m.Conditions[WellKnownConditions.DoseRate].SiValue).ToList();
            var unrated = parametric.Where(m => !Has(m, WellKnownConditions.DoseRate)).ToList();
            if (rated.Count == 0)
            {
                yield return (parametric.Key.ScenarioId, parametric.Key.Name, parametric.Key.Sample, null, unrated);
                continue;
            }

            var references = unrated.Where(m => m.Conditions[WellKnownConditions.TotalIonisingDose].Value == 0 && !Has(m, WellKnownConditions.AnnealTime)).ToList();
            foreach (var rate in rated)
            {
                var group = rate.Concat(references).OrderBy(m => m.Sequence).ToList();
                yield return (parametric.Key.ScenarioId, parametric.Key.Name, parametric.Key.Sample, rate.First().Conditions[WellKnownConditions.DoseRate], group);
            }

            var rest = unrated.Except(references).ToList();
            if (rest.Count > 0)
            {
                yield return (parametric.Key.ScenarioId, parametric.Key.Name, parametric.Key.Sample, null, rest);
            }
        }
    }

    private static CrossSectionSet AnalyseCrossSections(string name, List<MeasurementResult> measurements, double confidence)
    {
        try
        {
            var exposures = measurements.Select(m => new SingleEventExposure(
                m.Conditions[WellKnownConditions.LinearEnergyTransfer],
                m.Conditions.TryGetValue(WellKnownConditions.TiltAngle, out var tilt) ? tilt : new Quantity(0, CrossSectionAnalysis.DegreeUnit),
                m.Conditions[WellKnownConditions.Fluence],
                Count(m),
                m.Conditions.TryGetValue(WellKnownConditions.BitsExposed, out var bits) ? (long)bits.Value : null,
                m.Conditions.TryGetValue(WellKnownConditions.FluenceUncertainty, out var u) ? u.SiValue : null)).ToList();
            var points = CrossSectionAnalysis.Compute(exposures, confidence);
            try
            {
                return new CrossSectionSet(name, measurements, points, WeibullCrossSectionFit.Fit(points, confidence), null);
            }
            catch (AnalysisException e)
            {
                return new CrossSectionSet(name, measurements, points, null, e.Message);
            }
        }
        catch (Exception e) when (e is AnalysisException or UnitMismatchException)
        {
            return new CrossSectionSet(name, measurements, [], null, e.Message);
        }
    }

    private static DriftSet AnalyseDrift((string Scenario, string Name, double? Sample, Quantity? DoseRate, List<MeasurementResult> Measurements) group, double confidence)
    {
        var measurements = group.Measurements;
        var points = measurements.Select(m => new DosePoint(
            m.Conditions[WellKnownConditions.TotalIonisingDose], m.Value,
            m.Conditions.TryGetValue(WellKnownConditions.AnnealTime, out var anneal) ? anneal : null,
            m.Conditions.TryGetValue(WellKnownConditions.AnnealTemperature, out var temperature) ? temperature : null)).ToList();
        var limit = measurements.Select(m => m.Limit).FirstOrDefault(l => l is not null);
        try
        {
            return new DriftSet(group.Scenario, group.Name, group.Sample, group.DoseRate, measurements, points, limit,
                ParametricDriftAnalysis.Fit(group.Name, points, limit, confidence), null);
        }
        catch (Exception e) when (e is AnalysisException or UnitMismatchException)
        {
            return new DriftSet(group.Scenario, group.Name, group.Sample, group.DoseRate, measurements, points, limit, null, e.Message);
        }
    }

    private static List<ThermalProfileSet> AnalyseThermalProfiles(RunResults results, ThermalCriteria fallback)
    {
        var sets = new List<ThermalProfileSet>();
        foreach (var scenario in results.Series.GroupBy(s => s.Info.ScenarioId))
        {
            SeriesResult? Named(string name) => scenario.FirstOrDefault(s => s.Info.Kind == SeriesKind.Time && s.Info.Name == name && s.Info.YUnit.Dimension == Dimension.TemperatureDim);
            var (setpoint, air, dut) = (Named(WellKnownSeries.ChamberSetpoint), Named(WellKnownSeries.ChamberAirTemperature), Named(WellKnownSeries.DutTemperature));
            if (setpoint is null && air is null && dut is null)
            {
                continue;
            }

            if (setpoint is null || dut is null || setpoint.Count == 0)
            {
                sets.Add(new ThermalProfileSet(scenario.Key, setpoint, air, dut, null,
                    $"Dwell verification needs both '{WellKnownSeries.ChamberSetpoint}' and '{WellKnownSeries.DutTemperature}' traces."));
                continue;
            }

            // The scenario's own criteria: the values of its Criteria events (a later event overrides an earlier one).
            var recorded = results.EventsOf(scenario.Key).Where(e => e.Kind == BenchEventKind.Criteria)
                .SelectMany(e => e.Values).Where(v => WellKnownCriteria.DimensionOf(v.Key) is { } d && v.Value.Dimension == d)
                .GroupBy(v => v.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal);
            try
            {
                var criteria = ThermalCriteria.From(recorded, fallback);
                sets.Add(new ThermalProfileSet(scenario.Key, setpoint, air, dut, ThermalDwellAnalysis.Analyse(Trace(setpoint), Trace(dut), criteria), null));
            }
            catch (Exception e) when (e is AnalysisException or UnitMismatchException)
            {
                sets.Add(new ThermalProfileSet(scenario.Key, setpoint, air, dut, null, e.Message));
            }
        }

        return sets;
    }

    private static (ReceiverModulation? Modulation, string Source) Modulation(RunResults results)
    {
        var text = results.Run.Info.Dut.Characteristics
            .FirstOrDefault(c => string.Equals(c.Key, ReceiverModulations.CharacteristicKey, StringComparison.OrdinalIgnoreCase)).Value;
        if (text is null && ProfileModulation(results.Run.Info.Dut.ProfileText) is { } fromProfile)
        {
            return ReceiverModulations.TryParse(fromProfile, out var read)
                ? (read, $"the DUT profile's opticalTerminal.modulation, {fromProfile}")
                : (null, $"the DUT profile's opticalTerminal.modulation '{fromProfile}' is not one the analysis knows (OOK, DPSK, BPSK, PPM): the law with the lowest deviance of OOK, DPSK and BPSK is used");
        }

        if (text is null)
        {
            return (null, $"the DUT profile states no receiver modulation ('{ReceiverModulations.CharacteristicKey}'): the law with the lowest deviance of OOK, DPSK and BPSK is used");
        }

        return ReceiverModulations.TryParse(text, out var modulation)
            ? (modulation, $"the DUT profile's receiver modulation, {text}")
            : (null, $"the DUT profile's receiver modulation '{text}' is not one the analysis knows (OOK, DPSK, BPSK, PPM): the law with the lowest deviance of OOK, DPSK and BPSK is used");
    }

    // The profile text as run: { "opticalTerminal": { "modulation": "DPSK" } }.
    private static string? ProfileModulation(string? profile)
    {
        if (string.IsNullOrWhiteSpace(profile))
        {
            return null;
        }

        try
        {
            using var json = System.Text.Json.JsonDocument.Parse(profile, new System.Text.Json.JsonDocumentOptions { CommentHandling = System.Text.Json.JsonCommentHandling.Skip, AllowTrailingCommas = true });
            return json.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object
                && json.RootElement.TryGetProperty("opticalTerminal", out var terminal) && terminal.ValueKind == System.Text.Json.JsonValueKind.Object
                && terminal.TryGetProperty("modulation", out var modulation) && modulation.ValueKind == System.Text.Json.JsonValueKind.String
                ? modulation.GetString()
                : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static WaterfallSet AnalyseWaterfall(string scenario, string name, List<MeasurementResult> measurements, ReceiverModulation? modulation, string source, double confidence)
    {
        var target = measurements.Select(m => m.Conditions.TryGetValue(WellKnownConditions.TargetBitErrorRatio, out var t) ? t.SiValue : (double?)null)
            .FirstOrDefault(t => t is not null) ?? BitErrorRatioAnalysis.DefaultTarget;
        var powerUncertainty = measurements.Select(m => Number(m, WellKnownConditions.ReceivedPowerUncertainty)).Where(u => u is >= 0).Max() ?? 0;
        var counts = measurements.Select(m => new BitErrorCount(
            m.Conditions[WellKnownConditions.ReceivedOpticalPower], Count(m), (long)m.Conditions[WellKnownConditions.BitsCompared].Value)).ToList();
        var powerSource = powerUncertainty > 0 ? "" : "; no received-power uncertainty recorded: the sensitivity interval is the fit's alone";
        try
        {
            var points = BitErrorRatioAnalysis.Ratios(counts, confidence);
            try
            {
                var waterfall = modulation is { } m
                    ? BitErrorRatioAnalysis.Fit(counts, target, confidence, m, powerUncertainty)
                    : new[] { ReceiverModulation.OnOffKeying, ReceiverModulation.DifferentialPhaseShiftKeying, ReceiverModulation.HomodyneBinaryPhaseShiftKeying }
                        .Select(law => BitErrorRatioAnalysis.Fit(counts, target, confidence, law, powerUncertainty)).MinBy(w => w.Deviance)!;
                return new WaterfallSet(scenario, name, measurements, points, target, waterfall, null) { ModulationSource = source + powerSource };
            }
            catch (AnalysisException e)
            {
                return new WaterfallSet(scenario, name, measurements, points, target, null, e.Message) { ModulationSource = source + powerSource };
            }
        }
        catch (Exception e) when (e is AnalysisException or UnitMismatchException)
        {
            return new WaterfallSet(scenario, name, measurements, [], target, null, e.Message) { ModulationSource = source + powerSource };
        }
    }

    private static InferenceErrorSet AnalyseInferenceErrors(string name, List<MeasurementResult> measurements, double confidence)
    {
        // The condition the rates are drawn against: one every count shares, with a dimension (a LET, a dose, an energy) —
        // a dimensionless one is another count beside this one, not a condition.
        var condition = measurements[0].Conditions
            .Where(c => c.Key is not WellKnownConditions.Inferences and not WellKnownConditions.ErrorsCounted && c.Value.Dimension != Dimension.None)
            .Select(c => c.Key)
            .FirstOrDefault(k => measurements.All(m => m.Conditions.TryGetValue(k, out var q) && q.Dimension == measurements[0].Conditions[k].Dimension));
        var points = measurements.Select(m =>
        {
            var inferences = (long)m.Conditions[WellKnownConditions.Inferences].Value;
            var errors = ErrorsCounted(m, inferences);
            var interval = PoissonInterval.TwoSided(errors, confidence);
            // An upper limit below 1 on a dimensionless value is a limit on the rate (a count limit would be a whole number).
            var demonstration = m.Limit is { Comparison: LimitComparison.LE or LimitComparison.LT, UpperBound: { } bound } && bound.Dimension == Dimension.None && bound.SiValue is > 0 and < 1
                ? RateDemonstration.Of(errors, inferences, m.Limit, confidence)
                : null;
            return new InferenceErrorPoint(
                condition is null ? null : m.Conditions[condition], errors, inferences, errors / (double)inferences,
                interval.Lower / inferences, Math.Min(1, interval.Upper / inferences))
            {
                Convention = interval.Convention,
                Demonstration = demonstration,
            };
        }).ToList();
        return new InferenceErrorSet(name, condition, measurements, points);
    }

    // The errors as counted: the 'errors counted' condition beside a ratio, the value itself when it is a count; a ratio
    // without its count is turned back into one only as ratio × inferences (exact when the ratio was), never rounded alone.
    private static long ErrorsCounted(MeasurementResult m, long inferences)
    {
        if (m.Conditions.TryGetValue(WellKnownConditions.ErrorsCounted, out var counted))
        {
            return (long)Math.Round(counted.Value);
        }

        var value = m.Value.SiValue;
        return value == Math.Floor(value) && value >= 1 ? (long)value : (long)Math.Round(value * inferences);
    }

    private static long Count(MeasurementResult m) => (long)Math.Round(m.Value.Value);

    private static TimeTrace Trace(SeriesResult series) => new(series.Info.Origin, series.X, series.Y, series.Info.YUnit);
}
