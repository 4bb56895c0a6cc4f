using ScottPlot;
using SpaceTestBench.Results.Analysis;

namespace SpaceTestBench.Reports.Plots;

/// <summary>Inference error rate (outputs differing from the golden model) with 95 % Poisson intervals, against the condition it was measured under.</summary>
public sealed class InferenceErrorPlot(InferenceErrorSet set) : ReportPlot
{
    /// <inheritdoc />
    public override string Id => Slug($"inference-errors-{set.Name}");

    /// <inheritdoc />
    public override string Title => $"{set.Name}: error rate";

    /// <inheritdoc />
    public override object? Subject => set;

    /// <inheritdoc />
    public override PlotSection Section => PlotSection.Payload;

    /// <inheritdoc />
    public override string Caption =>
        $"Error rate = errors counted/inferences with {set.Points.Select(p => p.Convention).FirstOrDefault() ?? "two-sided 95 % (Garwood)"} intervals; triangles are the upper ends of those intervals where no error was seen (a rate limit is judged on the one-sided bound, in the table)" +
        (set.ConditionName is { } c ? $"; against {c}." : "; in recording order.");

    /// <inheritdoc />
    public override Plot Build(int width)
    {
        var unit = set.Points.FirstOrDefault(p => p.Condition is not null)?.Condition?.Unit;
        var plot = PlotStyle.New(Title, set.ConditionName is { } c ? PlotStyle.Label(c, unit?.Symbol ?? "") : "measurement", "errors per inference");
        PlotStyle.LogY(plot);
        double X(InferenceErrorPoint p, int i) => p.Condition is { } q && unit is not null ? q.In(unit) : i + 1;
        var indexed = set.Points.Select((p, i) => (Point: p, X: X(p, i))).ToList();
        var seen = indexed.Where(p => p.Point.Errors > 0).ToList();
        if (seen.Count > 0)
        {
            var xs = seen.Select(p => p.X).ToArray();
            var ys = seen.Select(p => Math.Log10(p.Point.Rate)).ToArray();
            var bars = plot.Add.ErrorBar(xs, ys, ys.Select(_ => 0.0).ToArray());
            bars.YErrorPositive = seen.Select((p, i) => Math.Log10(p.Point.Upper) - ys[i]).ToArray();
            bars.YErrorNegative = seen.Select((p, i) => ys[i] - Math.Log10(p.Point.Lower)).ToArray();
            bars.Color = PlotStyle.Data;
            plot.Add.Markers(xs, ys, MarkerShape.FilledCircle, 8, PlotStyle.Data).LegendText = "measured (two-sided 95 % interval)";
        }

        var clean = indexed.Where(p => p.Point.Errors == 0).ToList();
        if (clean.Count > 0)
        {
            plot.Add.Markers(clean.Select(p => p.X).ToArray(), clean.Select(p => Math.Log10(p.Point.Upper)).ToArray(), MarkerShape.FilledTriangleDown, 9, PlotStyle.Muted)
                .LegendText = "no errors: 95 % upper bound";
        }

        PlotStyle.ScientificXIfLarge(plot, indexed.Select(p => p.X));
        plot.ShowLegend(Alignment.UpperLeft);
        return plot;
    }
}
