using SpaceTestBench.Results.Quantities;
using SpaceTestBench.Results.Recording;
using SpaceTestBench.Results.Store;

namespace SpaceTestBench.Results.Analysis;

/// <summary>
/// Every analysis a run's data supports, found by the well-known condition and series names
/// (<see cref="WellKnownConditions"/>, <see cref="WellKnownSeries"/>). An analysis the data cannot
/// support is listed with the reason rather than left out, so the report says why a fit is missing.
/// </summary>
/// <param name="CrossSections">Single-event cross-sections per effect.</param>
/// <param name="Drifts">TID drift per parametric.</param>
/// <param name="ThermalProfiles">Temperature profiles per scenario.</param>
/// <param name="Waterfalls">BER waterfalls per measurement name.</param>
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
    /// The judged outcomes of every analysis, per scenario. Filled by the analyses as they learn to judge;
    /// the verdict policy folds them into the scenario and run verdicts.
    /// </summary>
    public IReadOnlyList<AnalysisFinding> Findings { get; init; } = [];

    /// <summary>Series an analysis took.</summary>
    public IReadOnlySet<int> AnalysedSeries { get; } = ThermalProfiles
        .SelectMany(p => new[] { p.Setpoint, p.Air, p.Dut }).OfType<SeriesResult>().Select(s => s.Info.SeriesId).ToHashSet();

    /// <summary>Runs every analysis the data of <paramref name="results"/> support.</summary>
    public static RunAnalysis Of(RunResults results, ThermalCriteria? criteria = null, double confidence = 0.95)
    {
        ArgumentNullException.ThrowIfNull(results);
        var measurements = results.Measurements;
        return new RunAnalysis(
            Groups(measurements, m => Has(m, WellKnownConditions.LinearEnergyTransfer) && Has(m, WellKnownConditions.Fluence)).Select(g => AnalyseCrossSections(g.Key, g.ToList(), confidence)).ToList(),
            Groups(measurements, m => Has(m, WellKnownConditions.TotalIonisingDose)).Select(g => AnalyseDrift(g.Key, g.ToList(), confidence)).ToList(),
            AnalyseThermalProfiles(results, criteria ?? ThermalCriteria.Default),
            Groups(measurements, m => Has(m, WellKnownConditions.ReceivedOpticalPower) && Has(m, WellKnownConditions.BitsCompared)).Select(g => AnalyseWaterfall(g.Key, g.ToList(), confidence)).ToList(),
            Groups(measurements, m => Has(m, WellKnownConditions.Inferences)).Select(g => AnalyseInferenceErrors(g.Key, g.ToList(), confidence)).ToList());
    }

    private static IEnumerable<IGrouping<string, MeasurementResult>> Groups(IEnumerable<MeasurementResult> measurements, Func<MeasurementResult, bool> wanted) =>
        measurements.Where(wanted).GroupBy(m => m.Name, StringComparer.Ordinal);

    private static bool Has(MeasurementResult m, string condition) => m.Conditions.ContainsKey(condition);

    private static CrossSectionSet AnalyseCrossSections(string name, List<MeasurementResult> measurements, double confidence)
    {
        try
        {
            var exposures = measurements.Select(m => new SingleEventExposure(
                m.Conditions[WellKnownConditions.LinearEnergyTransfer],
                m.Conditions.TryGetValue(WellKnownConditions.TiltAngle, out var tilt) ? tilt : new Quantity(0, Units.Parse("°")),
                m.Conditions[WellKnownConditions.Fluence],
                Count(m),
                m.Conditions.TryGetValue(WellKnownConditions.BitsExposed, out var bits) ? (long)bits.Value : null)).ToList();
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

    private static DriftSet AnalyseDrift(string name, List<MeasurementResult> measurements, double confidence)
    {
        var points = measurements.Select(m => new DosePoint(
            m.Conditions[WellKnownConditions.TotalIonisingDose], m.Value,
            m.Conditions.TryGetValue(WellKnownConditions.AnnealTime, out var anneal) ? anneal : null)).ToList();
        var limit = measurements.Select(m => m.Limit).FirstOrDefault(l => l is not null);
        try
        {
            return new DriftSet(name, measurements, points, limit, ParametricDriftAnalysis.Fit(name, points, limit, confidence), null);
        }
        catch (Exception e) when (e is AnalysisException or UnitMismatchException)
        {
            return new DriftSet(name, measurements, points, limit, null, e.Message);
        }
    }

    private static List<ThermalProfileSet> AnalyseThermalProfiles(RunResults results, ThermalCriteria criteria)
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

            try
            {
                sets.Add(new ThermalProfileSet(scenario.Key, setpoint, air, dut, ThermalDwellAnalysis.Analyse(Trace(setpoint), Trace(dut), criteria), null));
            }
            catch (AnalysisException e)
            {
                sets.Add(new ThermalProfileSet(scenario.Key, setpoint, air, dut, null, e.Message));
            }
        }

        return sets;
    }

    private static WaterfallSet AnalyseWaterfall(string name, List<MeasurementResult> measurements, double confidence)
    {
        var target = measurements.Select(m => m.Conditions.TryGetValue(WellKnownConditions.TargetBitErrorRatio, out var t) ? t.SiValue : (double?)null)
            .FirstOrDefault(t => t is not null) ?? BitErrorRatioAnalysis.DefaultTarget;
        var counts = measurements.Select(m => new BitErrorCount(
            m.Conditions[WellKnownConditions.ReceivedOpticalPower], Count(m), (long)m.Conditions[WellKnownConditions.BitsCompared].Value)).ToList();
        try
        {
            var points = BitErrorRatioAnalysis.Ratios(counts, confidence);
            try
            {
                return new WaterfallSet(name, measurements, points, target, BitErrorRatioAnalysis.Fit(counts, target, confidence), null);
            }
            catch (AnalysisException e)
            {
                return new WaterfallSet(name, measurements, points, target, null, e.Message);
            }
        }
        catch (Exception e) when (e is AnalysisException or UnitMismatchException)
        {
            return new WaterfallSet(name, measurements, [], target, null, e.Message);
        }
    }

    private static InferenceErrorSet AnalyseInferenceErrors(string name, List<MeasurementResult> measurements, double confidence)
    {
        var condition = measurements[0].Conditions.Keys
            .Where(k => k != WellKnownConditions.Inferences)
            .FirstOrDefault(k => measurements.All(m => m.Conditions.TryGetValue(k, out var q) && q.Dimension == measurements[0].Conditions[k].Dimension));
        var points = measurements.Select(m =>
        {
            var inferences = (long)m.Conditions[WellKnownConditions.Inferences].Value;
            var errors = Count(m);
            var interval = PoissonInterval.TwoSided(errors, confidence);
            return new InferenceErrorPoint(
                condition is null ? null : m.Conditions[condition], errors, inferences, errors / (double)inferences,
                interval.Lower / inferences, Math.Min(1, interval.Upper / inferences));
        }).ToList();
        return new InferenceErrorSet(name, condition, measurements, points);
    }

    private static long Count(MeasurementResult m) => (long)Math.Round(m.Value.Value);

    private static TimeTrace Trace(SeriesResult series) => new(series.Info.Origin, series.X, series.Y, series.Info.YUnit);
}
