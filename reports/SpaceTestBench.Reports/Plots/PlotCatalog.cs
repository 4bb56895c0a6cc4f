using SpaceTestBench.Results.Analysis;
using SpaceTestBench.Results.Quantities;
using SpaceTestBench.Results.Recording;
using SpaceTestBench.Results.Store;

namespace SpaceTestBench.Reports.Plots;

/// <summary>Finds every figure a run's data call for; a kind of figure appears only when the run holds its data.</summary>
public static class PlotCatalog
{
    /// <summary>The figures for <paramref name="results"/>, in report order, with unique ids.</summary>
    public static IReadOnlyList<ReportPlot> For(RunResults results, RunAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(analysis);
        var plots = new List<ReportPlot>();
        plots.AddRange(analysis.Drifts.Where(s => s.Points.Count > 0).Select(s => new DriftPlot(s)));
        plots.AddRange(analysis.CrossSections.Where(s => s.Points.Count > 0).Select(s => new CrossSectionPlot(s)));

        var tracesTaken = new HashSet<int>(analysis.AnalysedSeries);
        foreach (var (trace, latchups) in LatchupTraces(results))
        {
            plots.Add(new LatchupTracePlot(trace, latchups));
            plots.Add(new LatchupOverlayPlot(trace, latchups));
            tracesTaken.Add(trace.Info.SeriesId);
        }

        plots.AddRange(analysis.ThermalProfiles.Select(s => new TemperatureProfilePlot(s)));
        foreach (var (specified, air, load) in ThermalShockTraces(results))
        {
            plots.Add(new ThermalShockProfilePlot(specified, air, load));
            tracesTaken.UnionWith([specified.Info.SeriesId, air.Info.SeriesId, load.Info.SeriesId]);
        }

        plots.AddRange(analysis.Waterfalls.Where(s => s.Points.Count > 0).Select(s => new BitErrorRatioPlot(s)));
        plots.AddRange(analysis.InferenceErrors.Where(s => s.Points.Count > 0).Select(s => new InferenceErrorPlot(s)));
        plots.AddRange(MeasurementPlot.From(results.Measurements, analysis.AnalysedMeasurements));
        plots.AddRange(results.Series.Where(s => !tracesTaken.Contains(s.Info.SeriesId) && s.Count > 0).Select(s => new SeriesPlot(s)));
        return Unique(plots);
    }

    // The three traces of a scenario's air-to-air thermal shock, drawn together.
    private static IEnumerable<(SeriesResult Specified, SeriesResult Air, SeriesResult Load)> ThermalShockTraces(RunResults results)
    {
        foreach (var scenario in results.Series.Where(s => s.Info.Kind == SeriesKind.Time && s.Count > 0).GroupBy(s => s.Info.ScenarioId))
        {
            var named = scenario.GroupBy(s => s.Info.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
            if (named.TryGetValue(WellKnownSeries.ShockSpecifiedTemperature, out var specified) && named.TryGetValue(WellKnownSeries.ShockZoneAirTemperature, out var air)
                && named.TryGetValue(WellKnownSeries.ShockLoadTemperature, out var load))
            {
                yield return (specified, air, load);
            }
        }
    }

    // A current trace in a scenario that recorded latch-ups: the well-known supply current if there is one.
    private static IEnumerable<(SeriesResult Trace, IReadOnlyList<BenchEventRecorded> Latchups)> LatchupTraces(RunResults results)
    {
        foreach (var scenario in results.Events.Where(e => e.Kind == BenchEventKind.SingleEventLatchup && e.ScenarioId is not null).GroupBy(e => e.ScenarioId))
        {
            var currents = results.SeriesOf(scenario.Key)
                .Where(s => s.Info.Kind == SeriesKind.Time && s.Info.YUnit.Dimension == Dimension.CurrentDim && s.Count > 0)
                .OrderByDescending(s => s.Info.Name == WellKnownSeries.DutSupplyCurrent)
                .ToList();
            if (currents.Count > 0)
            {
                yield return (currents[0], scenario.ToList());
            }
        }
    }

    private static List<ReportPlot> Unique(List<ReportPlot> plots)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        return plots.Select(p =>
        {
            var count = seen[p.Id] = seen.GetValueOrDefault(p.Id) + 1;
            return count == 1 ? p : new RenamedPlot(p, $"{p.Id}-{count}");
        }).ToList();
    }

    private sealed class RenamedPlot(ReportPlot inner, string id) : ReportPlot
    {
        public override string Id => id;

        public override string Title => inner.Title;

        public override string Caption => inner.Caption;

        public override PlotSection Section => inner.Section;

        public override object? Subject => inner.Subject;

        public override ScottPlot.Plot Build(int width) => inner.Build(width);
    }
}
