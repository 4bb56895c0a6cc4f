using ScottPlot;
using SpaceTestBench.Results.Store;

namespace SpaceTestBench.Reports.Plots;

/// <summary>
/// An air-to-air thermal shock (MIL-STD-883 TM 1010) in one figure: the specified load temperature of each extreme
/// (steps at each transfer), the air of the zone the basket is in and the worst-case load's thermocouple, so the
/// load's lag behind the air, its arrival at each extreme and its dwell there are read at a glance.
/// </summary>
public sealed class ThermalShockProfilePlot(SeriesResult specified, SeriesResult air, SeriesResult load) : ReportPlot
{
    /// <inheritdoc />
    public override string Id => Slug($"thermal-shock-profile-{load.Info.ScenarioId ?? "run"}");

    /// <inheritdoc />
    public override string Title => $"Thermal shock profile{(load.Info.ScenarioId is { } id ? $" ({id})" : "")}";

    /// <inheritdoc />
    public override PlotSection Section => PlotSection.Other;

    /// <inheritdoc />
    public override string Caption =>
        $"The extreme the load is to reach (steps at each transfer), the air of the zone the basket is in and the worst-case load's thermocouple ({load.Count:N0} readings), against bench time; decimated for display keeping each pixel column's extremes, full resolution in the series CSV. Transfer, time to temperature, dwell and excursions are judged in the scenario's measurements.";

    /// <inheritdoc />
    public override Plot Build(int width)
    {
        var traces = new[] { specified, air, load };
        var zero = traces.Min(s => s.Info.Origin);
        var end = traces.Max(s => s.Count == 0 ? 0 : (s.Info.Origin - zero).TotalSeconds + s.X.Span[^1]);
        var axis = TimeAxis.For(zero, end);
        var plot = PlotStyle.New(Title, axis.Label("time"), PlotStyle.Label("temperature", "°C"));
        if (specified.Count > 0)
        {
            var (xs, ys) = TemperatureProfilePlot.Steps(specified, end - (specified.Info.Origin - zero).TotalSeconds);
            PlotStyle.Line(plot, xs.Select(x => axis.X(specified.Info.Origin, x)).ToArray(), ys, PlotStyle.Setpoint, "specified load temperature", 2);
        }

        TemperatureProfilePlot.Trace(plot, air, axis, PlotStyle.Air, "zone air around the basket", width);
        TemperatureProfilePlot.Trace(plot, load, axis, PlotStyle.Dut, "worst-case load", width);
        plot.ShowLegend(Alignment.UpperRight);
        return plot;
    }
}
