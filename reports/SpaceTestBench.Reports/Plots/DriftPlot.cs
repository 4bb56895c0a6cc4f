using System.Globalization;
using ScottPlot;
using SpaceTestBench.Results;
using SpaceTestBench.Results.Analysis;
using SpaceTestBench.Results.Quantities;

namespace SpaceTestBench.Reports.Plots;

/// <summary>
/// A parametric versus total ionising dose (MIL-STD-883 TM 1019 step-stress), with its limits, the
/// fitted drift law and failure dose, and the anneal steps drawn after the last dose step.
/// </summary>
public sealed class DriftPlot(DriftSet set) : ReportPlot
{
    /// <inheritdoc />
    public override string Id => Slug($"tid-drift-{set.Name}");

    /// <inheritdoc />
    public override string Title => $"{set.Name} versus total ionising dose";

    /// <inheritdoc />
    public override object? Subject => set;

    /// <inheritdoc />
    public override PlotSection Section => PlotSection.TotalIonisingDose;

    /// <inheritdoc />
    public override string Caption
    {
        get
        {
            var caption = $"Each point is one measurement (green within limits, red outside); the horizontal lines are the limits ({set.Limit?.ToString() ?? "none"}). ";
            if (set.Result is { } fit)
            {
                caption += $"The curve is the fitted drift P0 + a·D^n (n = {PlotStyle.G(fit.Exponent.Value.Value)}). ";
                if (fit.FailureDose is { } dose)
                {
                    caption += $"The vertical line marks the fitted failure dose, {PlotStyle.G(dose.Value.Value)} {dose.Value.Unit.Symbol}{(fit.FailureDoseExtrapolated ? " (extrapolated beyond the highest dose tested)" : "")}. ";
                }
            }
            else if (set.Problem is { } problem)
            {
                caption += $"No drift fit: {problem} ";
            }

            return set.Points.Any(p => p.IsAnneal) ? caption + "Anneal steps follow the last dose step, in the order they were measured." : caption;
        }
    }

    /// <inheritdoc />
    public override Plot Build(int width)
    {
        var doseUnit = set.Result?.DoseUnit ?? set.Points[0].Dose.Unit;
        var valueUnit = set.Result?.ValueUnit ?? set.Points[0].Value.Unit;
        var plot = PlotStyle.New(Title, PlotStyle.Label("total ionising dose", doseUnit.Symbol), PlotStyle.Label(set.Name, valueUnit.Symbol));
        var irradiation = set.Points.Where(p => !p.IsAnneal).ToList();
        var maxDose = irradiation.Count > 0 ? irradiation.Max(p => p.Dose.In(doseUnit)) : 1;

        // Anneal steps get their own slots to the right of the dose axis, labelled with their anneal time.
        var annealTimes = set.Points.Where(p => p.IsAnneal).Select(p => p.AnnealTime!.Value).Distinct().ToList();
        var slot = Math.Max(maxDose, 1) * 0.12;
        double X(DosePoint p) => p.IsAnneal ? maxDose + (slot * (annealTimes.IndexOf(p.AnnealTime!.Value) + 1)) : p.Dose.In(doseUnit);

        var verdicts = set.Measurements.Select(m => m.Verdict).ToList();
        Markers(plot, set.Points.Where((_, i) => verdicts[i] != Verdict.Fail), X, valueUnit, PlotStyle.Pass, MarkerShape.FilledCircle, "within limits");
        Markers(plot, set.Points.Where((_, i) => verdicts[i] == Verdict.Fail), X, valueUnit, PlotStyle.Fail, MarkerShape.FilledDiamond, "outside limits");

        if (set.Result is { } fit)
        {
            var xs = Enumerable.Range(0, 201).Select(i => maxDose * i / 200.0).ToArray();
            PlotStyle.Line(plot, xs, xs.Select(fit.ValueAt).ToArray(), PlotStyle.Fit, $"fit: n = {PlotStyle.G(fit.Exponent.Value.Value)}");
            if (fit.FailureDose is { } dose && dose.Value.Value <= maxDose)
            {
                var line = plot.Add.VerticalLine(dose.Value.Value, 1.5f, PlotStyle.Fail);
                line.LegendText = $"failure dose {PlotStyle.G(dose.Value.Value)} {doseUnit.Symbol}";
            }
        }

        foreach (var (bound, name) in new[] { (set.Limit?.LowerBound, "lower limit"), (set.Limit?.UpperBound, "upper limit") })
        {
            if (bound is { } b)
            {
                plot.Add.HorizontalLine(b.In(valueUnit), 1.5f, PlotStyle.Limit).LegendText = name;
            }
        }

        if (annealTimes.Count > 0)
        {
            plot.Add.VerticalLine(maxDose + (slot / 2), 1, PlotStyle.Muted);
            var ticks = new ScottPlot.TickGenerators.NumericManual();
            foreach (var dose in irradiation.Select(p => p.Dose.In(doseUnit)).Distinct().Order())
            {
                ticks.AddMajor(dose, PlotStyle.G(dose));
            }

            for (var i = 0; i < annealTimes.Count; i++)
            {
                ticks.AddMajor(maxDose + (slot * (i + 1)), string.Create(CultureInfo.InvariantCulture, $"+{annealTimes[i]}"));
            }

            plot.Axes.Bottom.TickGenerator = ticks;
        }

        plot.ShowLegend(Alignment.UpperLeft);
        return plot;
    }

    private static void Markers(Plot plot, IEnumerable<DosePoint> points, Func<DosePoint, double> x, Unit unit, Color color, MarkerShape shape, string legend)
    {
        var list = points.ToList();
        if (list.Count > 0)
        {
            plot.Add.Markers(list.Select(x).ToArray(), list.Select(p => p.Value.In(unit)).ToArray(), shape, 8, color).LegendText = legend;
        }
    }
}
