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
    public override string Id => Slug($"tid-drift-{set.ScenarioId}-{set.Subject}");

    /// <inheritdoc />
    public override string Title => $"{set.Subject} versus total ionising dose";

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
            caption += set.Points.Any(p => !p.IsAnneal && p.Dose.Value == 0)
                ? "The points at D = 0 are the measured pre-irradiation values. "
                : "There is no pre-irradiation (D = 0) measurement under this name. ";
            if (set.Result is { Model: { } model } fit)
            {
                caption += $"The curve is the law chosen by AICc, {model.Formula}. Failure dose: {fit.FailureDoseStatement}. ";
            }
            else if (set.Result is { } refused)
            {
                caption += $"No drift law drawn: {refused.NoFitReason}. ";
            }
            else if (set.Problem is { } problem)
            {
                caption += $"No drift analysis: {problem} ";
            }

            return set.Points.Any(p => p.IsAnneal)
                ? caption + "Anneal steps follow the last dose step, labelled with their duration and temperature; an anneal value outside the limit fails (a rebound, if it passed at the last dose step)."
                : caption;
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

        // Anneal steps get their own slots to the right of the dose axis, labelled with their anneal time and temperature.
        var annealTimes = set.Points.Where(p => p.IsAnneal).Select(p => (Time: p.AnnealTime!.Value, p.AnnealTemperature)).Distinct().ToList();
        var slot = Math.Max(maxDose, 1) * 0.12;
        double X(DosePoint p) => p.IsAnneal ? maxDose + (slot * (annealTimes.IndexOf((p.AnnealTime!.Value, p.AnnealTemperature)) + 1)) : p.Dose.In(doseUnit);

        var verdicts = set.Measurements.Select((m, i) => set.Limit is { } l ? Verdicts.Worst(m.Verdict, l.Evaluate(set.Points[i].Value)) : m.Verdict).ToList();
        Markers(plot, set.Points.Where((_, i) => verdicts[i] != Verdict.Fail), X, valueUnit, PlotStyle.Pass, MarkerShape.FilledCircle, "within limits");
        Markers(plot, set.Points.Where((_, i) => verdicts[i] == Verdict.Fail), X, valueUnit, PlotStyle.Fail, MarkerShape.FilledDiamond, "outside limits");

        if (set.Result is { Model: { } model } fit)
        {
            var xs = Enumerable.Range(0, 201).Select(i => maxDose * i / 200.0).ToArray();
            PlotStyle.Line(plot, xs, xs.Select(fit.ValueAt).ToArray(), PlotStyle.Fit, $"{ParametricDriftAnalysis.Describe(model.Model)} law (AICc)");
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
                var (time, temperature) = annealTimes[i];
                ticks.AddMajor(maxDose + (slot * (i + 1)), string.Create(CultureInfo.InvariantCulture, $"+{time}{(temperature is { } t ? $" @ {t}" : "")}"));
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
