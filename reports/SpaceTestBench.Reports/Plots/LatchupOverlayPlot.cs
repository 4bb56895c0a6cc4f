using ScottPlot;
using SpaceTestBench.Results.Recording;
using SpaceTestBench.Results.Store;

namespace SpaceTestBench.Reports.Plots;

/// <summary>
/// Every latch-up of a scenario overlaid on a common time origin (the event): the current step, the
/// hold before the supply is cut, and the recovery, so micro-latch and threshold behaviour can be compared.
/// </summary>
public sealed class LatchupOverlayPlot(SeriesResult trace, IReadOnlyList<BenchEventRecorded> latchups) : ReportPlot
{
    /// <summary>At most this many events are overlaid (the first ones); the trace plot shows them all.</summary>
    public const int MaximumEvents = 20;

    /// <inheritdoc />
    public override string Id => Slug($"latch-up-events-{trace.Info.ScenarioId}-{trace.Info.SeriesId}");

    /// <inheritdoc />
    public override string Title => "Latch-up current traces, aligned on each event";

    /// <inheritdoc />
    public override object? Subject => trace;

    /// <inheritdoc />
    public override PlotSection Section => PlotSection.SingleEventEffects;

    /// <inheritdoc />
    public override string Caption =>
        $"{trace.Info.Name} around each latch-up event (first {Math.Min(MaximumEvents, latchups.Count)} of {latchups.Count}), time 0 at the event; the window is a tenth of the shortest gap between events, at most 1 s after and a tenth of that before.";

    /// <inheritdoc />
    public override Plot Build(int width)
    {
        var times = latchups.Select(e => (e.BenchTime - trace.Info.Origin).TotalSeconds).ToList();
        var gaps = times.Zip(times.Skip(1), (a, b) => b - a).Where(g => g > 0).ToList();
        var after = Math.Min(1, (gaps.Count > 0 ? gaps.Min() : (trace.Count > 0 ? trace.X.Span[^1] : 1)) / 10);
        var before = after / 10;
        var axis = TimeAxis.For(DateTimeOffset.UnixEpoch, after);
        var plot = PlotStyle.New(Title, $"time from the event ({axis.Unit})", PlotStyle.Label(trace.Info.Name, trace.Info.YUnit.Symbol));
        var xs = trace.X.ToArray();
        var palette = new ScottPlot.Palettes.Category10();
        for (var i = 0; i < Math.Min(MaximumEvents, times.Count); i++)
        {
            var from = Array.BinarySearch(xs, times[i] - before);
            var to = Array.BinarySearch(xs, times[i] + after);
            (from, to) = (from < 0 ? ~from : from, to < 0 ? ~to : to + 1);
            if (to - from < 2)
            {
                continue;
            }

            var (wx, wy) = Decimation.MinMaxPerColumn(trace.X.Span[from..to], trace.Y.Span[from..to], width);
            var line = PlotStyle.Line(plot, wx.Select(x => (x - times[i]) / axis.SecondsPerUnit).ToArray(), wy, palette.GetColor(i), $"event {i + 1}", 1);
            line.LegendText = i < 10 ? $"event {i + 1}" : "";
        }

        plot.Add.VerticalLine(0, 1, PlotStyle.Fail);
        plot.ShowLegend(Alignment.UpperRight);
        return plot;
    }
}
