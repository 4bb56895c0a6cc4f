using ScottPlot;
using SpaceTestBench.Results.Recording;
using SpaceTestBench.Results.Store;

namespace SpaceTestBench.Reports.Plots;

/// <summary>A monitored supply-current trace with every latch-up event of its scenario marked.</summary>
public sealed class LatchupTracePlot(SeriesResult trace, IReadOnlyList<BenchEventRecorded> latchups) : ReportPlot
{
    /// <inheritdoc />
    public override string Id => Slug($"latch-up-trace-{trace.Info.ScenarioId}-{trace.Info.SeriesId}");

    /// <inheritdoc />
    public override string Title => $"Latch-up current trace: {trace.Info.Name}";

    /// <inheritdoc />
    public override object? Subject => trace;

    /// <inheritdoc />
    public override PlotSection Section => PlotSection.SingleEventEffects;

    /// <inheritdoc />
    public override string Caption =>
        $"{trace.Info.Name} over the exposure ({trace.Count:N0} samples, decimated for display keeping each pixel column's extremes); red lines mark the {latchups.Count} latch-up event(s) recorded.";

    /// <inheritdoc />
    public override Plot Build(int width)
    {
        var span = trace.Count == 0 ? 0 : trace.X.Span[^1];
        var axis = TimeAxis.For(trace.Info.Origin, span);
        var plot = PlotStyle.New(Title, axis.Label("time"), PlotStyle.Label(trace.Info.Name, trace.Info.YUnit.Symbol));
        var (xs, ys) = Decimation.MinMaxPerColumn(trace.X.Span, trace.Y.Span, width);
        PlotStyle.Line(plot, xs.Select(x => axis.X(trace.Info.Origin, x)).ToArray(), ys, PlotStyle.Data, trace.Info.Name, 1);
        for (var i = 0; i < latchups.Count; i++)
        {
            var line = plot.Add.VerticalLine(axis.X(latchups[i].BenchTime, 0), 1, PlotStyle.Fail.WithAlpha(0.7));
            if (i == 0)
            {
                line.LegendText = "latch-up event";
            }
        }

        plot.ShowLegend(Alignment.UpperLeft);
        return plot;
    }
}
