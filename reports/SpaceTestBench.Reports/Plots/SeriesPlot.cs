using ScottPlot;
using SpaceTestBench.Results.Recording;
using SpaceTestBench.Results.Store;

namespace SpaceTestBench.Reports.Plots;

/// <summary>A series no analysis took: drawn as it is, so no recorded data is left out of the report.</summary>
public sealed class SeriesPlot(SeriesResult series) : ReportPlot
{
    /// <inheritdoc />
    public override string Id => Slug($"series-{series.Info.SeriesId}-{series.Info.Name}");

    /// <inheritdoc />
    public override string Title => series.Info.Kind == SeriesKind.Time ? $"{series.Info.Name} versus time" : $"{series.Info.Name} versus {series.Info.XName}";

    /// <inheritdoc />
    public override PlotSection Section => PlotSection.Other;

    /// <inheritdoc />
    public override string Caption => $"{series.Count:N0} points{(series.Info.ScenarioId is { } id ? $" recorded in {id}" : " recorded across the run")}, decimated for display keeping each pixel column's extremes; full resolution in the series CSV.";

    /// <inheritdoc />
    public override Plot Build(int width)
    {
        var (xs, ys) = Decimation.MinMaxPerColumn(series.X.Span, series.Y.Span, width);
        Plot plot;
        if (series.Info.Kind == SeriesKind.Time)
        {
            var axis = TimeAxis.For(series.Info.Origin, series.Count == 0 ? 0 : series.X.Span[^1]);
            plot = PlotStyle.New(Title, axis.Label("time"), PlotStyle.Label(series.Info.Name, series.Info.YUnit.Symbol));
            xs = xs.Select(x => axis.X(series.Info.Origin, x)).ToArray();
        }
        else
        {
            plot = PlotStyle.New(Title, PlotStyle.Label(series.Info.XName, series.Info.XUnit.Symbol), PlotStyle.Label(series.Info.Name, series.Info.YUnit.Symbol));
        }

        var line = PlotStyle.Line(plot, xs, ys, PlotStyle.Data, series.Info.Name);
        if (series.Info.Kind == SeriesKind.Sweep)
        {
            line.MarkerSize = 5;
        }

        return plot;
    }
}
