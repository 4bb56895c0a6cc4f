using ScottPlot;
using SpaceTestBench.Results;
using SpaceTestBench.Results.Analysis;
using SpaceTestBench.Results.Quantities;
using SpaceTestBench.Results.Store;

namespace SpaceTestBench.Reports.Plots;

/// <summary>
/// Temperature profile: chamber setpoint, chamber air and DUT temperature against bench time, with each
/// plateau's dwell window shaded (green where the dwell met the criteria, red where it did not).
/// </summary>
public sealed class TemperatureProfilePlot(ThermalProfileSet set) : ReportPlot
{
    /// <inheritdoc />
    public override string Id => Slug($"temperature-profile-{set.ScenarioId ?? "run"}");

    /// <inheritdoc />
    public override string Title => $"Temperature profile{(set.ScenarioId is { } id ? $" ({id})" : "")}";

    /// <inheritdoc />
    public override object? Subject => set;

    /// <inheritdoc />
    public override PlotSection Section => PlotSection.Thermal;

    /// <inheritdoc />
    public override string Caption => set.Result is { } result
        ? $"Setpoint (steps), chamber air and DUT temperature. Shaded: the time each plateau was stable, from stabilisation (within ±{PlotStyle.G(result.Criteria.ToleranceKelvin)} K and under {PlotStyle.G(result.Criteria.MaximumRateKelvinPerSecond * 3600)} K/h over {result.Criteria.RateWindow.TotalMinutes:0.#} min) to its end; green if it lasted the required {result.Criteria.RequiredDwell.TotalMinutes:0.#} min, red if not. Traces are decimated for display, keeping each pixel column's extremes."
        : $"Setpoint, chamber air and DUT temperature. No dwell verification: {set.Problem}";

    /// <inheritdoc />
    public override Plot Build(int width)
    {
        var traces = new[] { set.Setpoint, set.Air, set.Dut }.OfType<SeriesResult>().ToList();
        var zero = traces.Min(s => s.Info.Origin);
        var end = traces.Max(s => s.Count == 0 ? 0 : (s.Info.Origin - zero).TotalSeconds + s.X.Span[^1]);
        var axis = TimeAxis.For(zero, end);
        var plot = PlotStyle.New(Title, axis.Label("time"), PlotStyle.Label("temperature", "°C"));

        if (set.Result is { } result && set.Setpoint is { } sp)
        {
            foreach (var plateau in result.Plateaus.Where(p => p.Judged))
            {
                var (from, to, color) = plateau.StabilisedAt is { } stable
                    ? (plateau.Start + stable, plateau.Start + stable + plateau.Dwell, plateau.Verdict == Verdict.Pass ? PlotStyle.Pass : PlotStyle.Fail)
                    : (plateau.Start, plateau.End, PlotStyle.Fail);
                plot.Add.HorizontalSpan(axis.X(sp.Info.Origin, from.TotalSeconds), axis.X(sp.Info.Origin, to.TotalSeconds), color.WithAlpha(0.18));
            }
        }

        if (set.Setpoint is { Count: > 0 } setpoint)
        {
            var (xs, ys) = Steps(setpoint, end - (setpoint.Info.Origin - zero).TotalSeconds);
            PlotStyle.Line(plot, xs.Select(x => axis.X(setpoint.Info.Origin, x)).ToArray(), ys, PlotStyle.Setpoint, "setpoint", 2);
        }

        Trace(plot, set.Air, axis, PlotStyle.Air, "chamber air", width);
        Trace(plot, set.Dut, axis, PlotStyle.Dut, "DUT", width);
        plot.ShowLegend(Alignment.UpperRight);
        return plot;
    }

    /// <summary>A temperature trace in °C against the time axis, decimated to <paramref name="width"/> columns.</summary>
    internal static void Trace(Plot plot, SeriesResult? series, TimeAxis axis, Color color, string legend, int width)
    {
        if (series is not { Count: > 0 })
        {
            return;
        }

        var (xs, ys) = Decimation.MinMaxPerColumn(series.X.Span, series.Y.Span, width);
        PlotStyle.Line(plot, xs.Select(x => axis.X(series.Info.Origin, x)).ToArray(), ys.Select(y => Celsius(y, series.Info.YUnit)).ToArray(), color, legend);
    }

    // A setpoint holds until it changes: draw it as steps, held to the end of the data.
    internal static (double[] Xs, double[] Ys) Steps(SeriesResult setpoint, double end)
    {
        var xs = new List<double>();
        var ys = new List<double>();
        var x = setpoint.X.Span;
        var y = setpoint.Y.Span;
        for (var i = 0; i < x.Length; i++)
        {
            var value = Celsius(y[i], setpoint.Info.YUnit);
            xs.Add(x[i]);
            ys.Add(value);
            xs.Add(i + 1 < x.Length ? x[i + 1] : Math.Max(end, x[i]));
            ys.Add(value);
        }

        return (xs.ToArray(), ys.ToArray());
    }

    private static double Celsius(double value, Unit unit) => unit.Equals(Units.DegreeCelsius) ? value : Units.DegreeCelsius.FromSi(unit.ToSi(value));
}
