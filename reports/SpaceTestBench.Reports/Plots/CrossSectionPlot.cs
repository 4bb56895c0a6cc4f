using ScottPlot;
using SpaceTestBench.Results.Analysis;

namespace SpaceTestBench.Reports.Plots;

/// <summary>
/// Single-event cross-section versus effective LET (log σ), each exposure with its 95 % Poisson
/// interval, zero-event exposures as upper bounds, and the Weibull fit (ECSS-E-ST-10-12C §9.5.2).
/// </summary>
public sealed class CrossSectionPlot(CrossSectionSet set) : ReportPlot
{
    /// <inheritdoc />
    public override string Id => Slug($"cross-section-{set.Name}");

    /// <inheritdoc />
    public override string Title => $"{set.Name}: cross-section versus effective LET";

    /// <inheritdoc />
    public override object? Subject => set;

    /// <inheritdoc />
    public override PlotSection Section => PlotSection.SingleEventEffects;

    /// <inheritdoc />
    public override string Caption =>
        $"σ = N/(Φ·cos θ) at LET_eff = LET/cos θ (the cosine law assumes a thin sensitive volume); error bars: {string.Join("; ", set.Points.Select(p => p.Convention).Distinct())}; triangles are the upper ends of those intervals for exposures without events. " +
        (set.Fit is { } fit
            ? $"The curve is the Weibull fit ({fit.Convention}): {fit.SaturatedCrossSection}; onset {fit.OnsetStatement}; {fit.Width}; {fit.Shape}."
            : $"No Weibull fit: {set.Problem}");

    /// <inheritdoc />
    public override Plot Build(int width)
    {
        var unit = set.Points.Count > 0 ? set.Points[0].CrossSection.Unit.Symbol : "cm²";
        var plot = PlotStyle.New(Title, PlotStyle.Label("effective LET", "MeV·cm²/mg"), PlotStyle.Label("cross-section σ", unit));
        PlotStyle.LogY(plot);
        var seen = set.Points.Where(p => !p.ZeroEvents).ToList();
        if (seen.Count > 0)
        {
            var xs = seen.Select(p => p.EffectiveLet.Value).ToArray();
            var ys = seen.Select(p => Math.Log10(p.CrossSection.Value)).ToArray();
            var bars = plot.Add.ErrorBar(xs, ys, ys.Select(_ => 0.0).ToArray());
            bars.YErrorPositive = seen.Select((p, i) => Math.Log10(p.Upper.Value) - ys[i]).ToArray();
            bars.YErrorNegative = seen.Select((p, i) => ys[i] - Math.Log10(p.Lower.Value)).ToArray();
            bars.Color = PlotStyle.Data;
            plot.Add.Markers(xs, ys, MarkerShape.FilledCircle, 8, PlotStyle.Data).LegendText = "measured (two-sided 95 % interval)";
        }

        var silent = set.Points.Where(p => p.ZeroEvents).ToList();
        if (silent.Count > 0)
        {
            plot.Add.Markers(silent.Select(p => p.EffectiveLet.Value).ToArray(), silent.Select(p => Math.Log10(p.Upper.Value)).ToArray(),
                MarkerShape.FilledTriangleDown, 9, PlotStyle.Muted).LegendText = "no events: upper end of the two-sided 95 % interval";
        }

        if (set.Fit is { } fit && set.Points.Count > 0)
        {
            var top = set.Points.Max(p => p.EffectiveLet.Value) * 1.05;
            var start = fit.Threshold.Value.Value;
            var lets = Enumerable.Range(1, 300).Select(i => start + ((top - start) * Math.Pow(i / 300.0, 2))).ToArray();
            var sigmas = lets.Select(l => WeibullFitResult.Evaluate(l, fit.SaturatedCrossSection.Value.Value, start, fit.Width.Value.Value, fit.Shape.Value.Value)).ToArray();
            var floor = set.Points.Where(p => p.Lower.Value > 0).Select(p => p.Lower.Value).DefaultIfEmpty(fit.SaturatedCrossSection.Value.Value * 1e-3).Min() / 10;
            var visible = lets.Zip(sigmas).Where(p => p.Second >= floor).ToArray();
            PlotStyle.Line(plot, visible.Select(p => p.First).ToArray(), visible.Select(p => Math.Log10(p.Second)).ToArray(), PlotStyle.Fit,
                $"Weibull: σsat {PlotStyle.G(fit.SaturatedCrossSection.Value.Value)} {unit}, L0 {PlotStyle.G(fit.Threshold.Value.Value)}, W {PlotStyle.G(fit.Width.Value.Value)}, s {PlotStyle.G(fit.Shape.Value.Value)}", 2);
        }

        plot.ShowLegend(Alignment.LowerRight);
        return plot;
    }
}
