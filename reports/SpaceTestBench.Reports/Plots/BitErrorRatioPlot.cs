using ScottPlot;
using SpaceTestBench.Results.Analysis;

namespace SpaceTestBench.Reports.Plots;

/// <summary>
/// Bit error ratio versus received optical power (log BER): measured points with 95 % Poisson
/// intervals, error-free points as upper bounds, the fitted waterfall and the sensitivity at the target BER.
/// </summary>
public sealed class BitErrorRatioPlot(WaterfallSet set) : ReportPlot
{
    /// <inheritdoc />
    public override string Id => Slug($"ber-{set.Name}");

    /// <inheritdoc />
    public override string Title => "Bit error ratio versus received optical power";

    /// <inheritdoc />
    public override object? Subject => set;

    /// <inheritdoc />
    public override PlotSection Section => PlotSection.Link;

    /// <inheritdoc />
    public override string Caption =>
        "BER = errors/bits with two-sided 95 % (Garwood) intervals; triangles are the upper ends of those intervals for error-free points. " +
        (set.Waterfall is { } w
            ? $"The curve is the fitted {w.Modulation.Name()} waterfall {w.Modulation.Law()} with k = {PlotStyle.G(w.Exponent.Value.Value)}; the diamond is the sensitivity at BER {w.TargetRatio:0.#E+0}: {w.Sensitivity} ({w.Convention})."
            : $"No waterfall fit: {set.Problem}");

    /// <inheritdoc />
    public override Plot Build(int width)
    {
        var plot = PlotStyle.New(Title, PlotStyle.Label("received optical power", "dBm"), "bit error ratio");
        PlotStyle.LogY(plot);
        var counted = set.Points.Where(p => !p.ErrorFree).ToList();
        if (counted.Count > 0)
        {
            var xs = counted.Select(p => p.ReceivedPower.Value).ToArray();
            var ys = counted.Select(p => Math.Log10(p.Ratio)).ToArray();
            var bars = plot.Add.ErrorBar(xs, ys, ys.Select(_ => 0.0).ToArray());
            bars.YErrorPositive = counted.Select((p, i) => Math.Log10(p.Upper) - ys[i]).ToArray();
            bars.YErrorNegative = counted.Select((p, i) => ys[i] - Math.Log10(p.Lower)).ToArray();
            bars.Color = PlotStyle.Data;
            plot.Add.Markers(xs, ys, MarkerShape.FilledCircle, 8, PlotStyle.Data).LegendText = "measured (two-sided 95 % interval)";
        }

        var errorFree = set.Points.Where(p => p.ErrorFree).ToList();
        if (errorFree.Count > 0)
        {
            plot.Add.Markers(errorFree.Select(p => p.ReceivedPower.Value).ToArray(), errorFree.Select(p => Math.Log10(p.Upper)).ToArray(),
                MarkerShape.FilledTriangleDown, 9, PlotStyle.Muted).LegendText = "error-free: upper end of the two-sided 95 % interval";
        }

        if (set.Waterfall is { } fit && set.Points.Count > 0)
        {
            var low = set.Points.Min(p => p.ReceivedPower.Value) - 0.5;
            var high = Math.Max(set.Points.Max(p => p.ReceivedPower.Value), fit.Sensitivity.Value.Value) + 0.5;
            var floor = Math.Min(set.Points.Min(p => p.Upper), fit.TargetRatio) / 100;
            var curve = Enumerable.Range(0, 201).Select(i => low + ((high - low) * i / 200)).Select(p => (P: p, Ber: fit.RatioAt(p))).Where(c => c.Ber >= floor).ToArray();
            PlotStyle.Line(plot, curve.Select(c => c.P).ToArray(), curve.Select(c => Math.Log10(c.Ber)).ToArray(), PlotStyle.Fit, $"waterfall fit (k = {PlotStyle.G(fit.Exponent.Value.Value)})", 2);
            plot.Add.HorizontalLine(Math.Log10(fit.TargetRatio), 1, PlotStyle.Limit).LegendText = $"target BER {fit.TargetRatio:0.#E+0}";
            plot.Add.Markers(new[] { fit.Sensitivity.Value.Value }, new[] { Math.Log10(fit.TargetRatio) }, MarkerShape.FilledDiamond, 13, PlotStyle.Fail).LegendText =
                $"sensitivity {PlotStyle.G(fit.Sensitivity.Value.Value)} ± {PlotStyle.G(fit.Sensitivity.StandardError)} dBm";
        }

        plot.ShowLegend(Alignment.UpperRight);
        return plot;
    }
}
