using ScottPlot;
using SpaceTestBench.Results;
using SpaceTestBench.Results.Quantities;
using SpaceTestBench.Results.Store;

namespace SpaceTestBench.Reports.Plots;

/// <summary>
/// One measured quantity against one of the conditions it was measured under (supply current versus
/// supply voltage), its limits drawn as a band and failing points marked. For measurements no analysis took.
/// </summary>
public sealed class MeasurementPlot : ReportPlot
{
    private readonly string _name;
    private readonly string _condition;
    private readonly IReadOnlyList<MeasurementResult> _measurements;

    private MeasurementPlot(string name, string condition, IReadOnlyList<MeasurementResult> measurements)
    {
        (_name, _condition, _measurements) = (name, condition, measurements);
        XUnit = measurements[0].Conditions[condition].Unit;
        YUnit = measurements[0].Value.Unit;
    }

    /// <summary>Display unit of x.</summary>
    public Unit XUnit { get; }

    /// <summary>Display unit of y.</summary>
    public Unit YUnit { get; }

    /// <inheritdoc />
    public override string Id => Slug($"{_name} vs {_condition}");

    /// <inheritdoc />
    public override string Title => $"{_name} versus {_condition}";

    /// <inheritdoc />
    public override PlotSection Section => PlotSection.Other;

    /// <inheritdoc />
    public override string Caption => $"{_measurements.Count} measurement(s) of {_name}; green within limits, red outside; the band and lines are the limits.";

    /// <summary>
    /// Every measurement name worth plotting against a condition all its measurements share (at least two
    /// points, consistent units), except those in <paramref name="excluded"/>.
    /// </summary>
    public static IReadOnlyList<MeasurementPlot> From(IEnumerable<MeasurementResult> measurements, IReadOnlySet<long> excluded)
    {
        ArgumentNullException.ThrowIfNull(measurements);
        ArgumentNullException.ThrowIfNull(excluded);
        var plots = new List<MeasurementPlot>();
        foreach (var group in measurements.Where(m => !excluded.Contains(m.Sequence)).GroupBy(m => m.Name, StringComparer.Ordinal))
        {
            var list = group.ToList();
            var condition = list[0].Conditions.Keys.FirstOrDefault(key => list.All(m => m.Conditions.TryGetValue(key, out var q) && q.Dimension == list[0].Conditions[key].Dimension));
            if (condition is null || list.Count < 2 || list.Any(m => m.Value.Dimension != list[0].Value.Dimension))
            {
                continue;
            }

            plots.Add(new MeasurementPlot(group.Key, condition, list));
        }

        return plots;
    }

    /// <inheritdoc />
    public override Plot Build(int width)
    {
        var plot = PlotStyle.New(Title, PlotStyle.Label(_condition, XUnit.Symbol), PlotStyle.Label(_name, YUnit.Symbol));
        var points = _measurements
            .Select(m => (X: m.Conditions[_condition].In(XUnit), Y: m.Value.In(YUnit), m.Limit, m.Verdict))
            .OrderBy(p => p.X)
            .ToList();
        DrawLimits(plot, points.Select(p => (p.X, p.Limit)).ToList());
        foreach (var (fail, color, shape, legend) in new[] { (false, PlotStyle.Pass, MarkerShape.FilledCircle, "within limits"), (true, PlotStyle.Fail, MarkerShape.FilledDiamond, "outside limits") })
        {
            var chosen = points.Where(p => (p.Verdict == Verdict.Fail) == fail).ToList();
            if (chosen.Count == 0)
            {
                continue;
            }

            // Passing points of a dense run are thinned like a trace; every failing point is drawn.
            var (xs, ys) = fail ? (chosen.Select(p => p.X).ToArray(), chosen.Select(p => p.Y).ToArray())
                : Decimation.MinMaxPerColumn(chosen.Select(p => p.X).ToArray(), chosen.Select(p => p.Y).ToArray(), width);
            plot.Add.Markers(xs, ys, shape, fail ? 10 : 8, color).LegendText = legend;
        }

        PlotStyle.ScientificXIfLarge(plot, points.Select(p => p.X));
        plot.ShowLegend(Alignment.UpperLeft);
        return plot;
    }

    private void DrawLimits(Plot plot, List<(double X, Limit? Limit)> points)
    {
        var limited = points.Where(p => p.Limit is not null).Select(p => (p.X, Low: p.Limit!.LowerBound?.In(YUnit), High: p.Limit.UpperBound?.In(YUnit))).ToList();
        if (limited.Count == 0)
        {
            return;
        }

        if (limited.All(p => p.Low == limited[0].Low && p.High == limited[0].High))
        {
            if (limited[0] is { Low: { } low, High: { } high })
            {
                plot.Add.VerticalSpan(low, high, PlotStyle.Data.WithAlpha(0.12)).LegendText = "limits";
            }

            foreach (var (bound, name) in new[] { (limited[0].Low, "lower limit"), (limited[0].High, "upper limit") })
            {
                if (bound is { } b)
                {
                    plot.Add.HorizontalLine(b, 1.5f, PlotStyle.Limit).LegendText = name;
                }
            }

            return;
        }

        // Limits that move with x (a tolerance around a setting): a band through each point's limits.
        var ranged = limited.Where(p => p.Low is not null && p.High is not null).ToList();
        if (ranged.Count >= 2)
        {
            var fill = plot.Add.FillY(ranged.Select(p => p.X).ToArray(), ranged.Select(p => p.Low!.Value).ToArray(), ranged.Select(p => p.High!.Value).ToArray());
            fill.FillColor = PlotStyle.Data.WithAlpha(0.12);
            fill.LegendText = "limits";
        }
    }
}
