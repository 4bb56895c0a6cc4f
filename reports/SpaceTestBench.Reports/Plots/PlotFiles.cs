namespace SpaceTestBench.Reports.Plots;

/// <summary>A figure as rendered: its files and the SVG markup the report embeds.</summary>
/// <param name="Plot">The figure.</param>
/// <param name="Png">Path of the PNG.</param>
/// <param name="SvgFile">Path of the SVG.</param>
/// <param name="Svg">The SVG markup.</param>
public sealed record PlotFiles(ReportPlot Plot, string Png, string SvgFile, string Svg)
{
    /// <summary>Width of saved plots in pixels.</summary>
    public const int Width = 900;

    /// <summary>Height of saved plots in pixels.</summary>
    public const int Height = 480;

    /// <summary>
    /// Builds <paramref name="plot"/> once and saves it as PNG and SVG in <paramref name="folder"/>; a
    /// <paramref name="banner"/> (a simulated run's mark) is drawn across the figure, so no copy of it escapes unmarked.
    /// </summary>
    public static PlotFiles Save(ReportPlot plot, string folder, string? banner = null)
    {
        ArgumentNullException.ThrowIfNull(plot);
        Directory.CreateDirectory(folder);
        var built = plot.Build(Width);
        if (banner is not null)
        {
            PlotStyle.Banner(built, banner);
        }

        var png = Path.Combine(folder, plot.Id + ".png");
        var svgFile = Path.Combine(folder, plot.Id + ".svg");
        built.SavePng(png, Width, Height);
        var svg = built.GetSvgXml(Width, Height);
        File.WriteAllText(svgFile, svg);
        return new PlotFiles(plot, png, svgFile, svg);
    }
}
