using ScottPlot;
using SkiaSharp;

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
        SavePng(built, png);
        var svg = built.GetSvgXml(Width, Height);
        File.WriteAllText(svgFile, svg);
        return new PlotFiles(plot, png, svgFile, svg);
    }

    /// <summary>
    /// The PNG encoder's settings. ScottPlot's own <c>SavePng</c> asks Skia for quality 100, which is zlib's level 9
    /// with all five row filters tried on every row: in the main job's ~200 figures that was about a twentieth of the
    /// whole run's CPU. Level 6 still spent about 3.5 % of the main job's CPU in deflate's lazy matching
    /// (<c>deflate_slow</c>, <c>longest_match</c>); level 3 is zlib's last level without it: the same 366 MB of filtered
    /// rows deflate in less than half the time into 7 % more bytes (13.7 → 14.7 MB for the main job's 212 figures).
    /// PNG is lossless whatever the settings: the pixels are the same, only the file's bytes (and their hash) differ.
    /// </summary>
    internal static SKPngEncoderOptions PngEncoding { get; } = new(SKPngEncoderFilterFlags.Sub, zLibLevel: 3);

    /// <summary>
    /// Rasterizes <paramref name="plot"/> exactly as ScottPlot's <c>GetImage</c> does (an RGBA, premultiplied surface of
    /// the figure's size) and writes it as PNG with <see cref="PngEncoding"/>.
    /// </summary>
    internal static void SavePng(Plot plot, string path)
    {
        using var surface = SKSurface.Create(new SKImageInfo(Width, Height, SKColorType.Rgba8888, SKAlphaType.Premul))
            ?? throw new InvalidOperationException($"Skia could not create a {Width}×{Height} surface for {path}.");
        plot.Render(surface.Canvas, Width, Height);
        using var image = surface.Snapshot();
        using var pixels = image.PeekPixels();
        using var data = pixels.Encode(PngEncoding)
            ?? throw new InvalidOperationException($"Skia could not encode {path} as PNG.");
        using var file = File.Create(path);
        data.SaveTo(file);
    }
}
