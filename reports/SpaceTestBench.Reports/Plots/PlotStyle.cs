using System.Globalization;
using ScottPlot;

namespace SpaceTestBench.Reports.Plots;

/// <summary>The report's plot conventions: one palette, one font, log axes drawn the same way everywhere.</summary>
internal static class PlotStyle
{
    public static readonly Color Pass = Color.FromHex("#1b7f3b");
    public static readonly Color Fail = Color.FromHex("#c62828");
    public static readonly Color Data = Color.FromHex("#1565c0");
    public static readonly Color Fit = Color.FromHex("#ef6c00");
    public static readonly Color Limit = Color.FromHex("#6a1b9a");
    public static readonly Color Muted = Color.FromHex("#78909c");
    public static readonly Color Setpoint = Color.FromHex("#37474f");
    public static readonly Color Air = Color.FromHex("#29b6f6");
    public static readonly Color Dut = Color.FromHex("#d84315");

    public static Plot New(string title, string xLabel, string yLabel)
    {
        var plot = new Plot();
        plot.Font.Set("DejaVu Sans");
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        return plot;
    }

    /// <summary>Writes <paramref name="text"/> across the top of the figure's data area in red, over everything drawn.</summary>
    public static void Banner(Plot plot, string text)
    {
        var banner = plot.Add.Annotation(text, Alignment.UpperCenter);
        banner.LabelFontColor = Fail;
        banner.LabelFontSize = 15;
        banner.LabelBold = true;
        banner.LabelBackgroundColor = Colors.White.WithAlpha(0.85);
        banner.LabelBorderColor = Fail;
        banner.LabelShadowColor = Colors.Transparent;
    }

    public static string Label(string name, string unit) => string.IsNullOrEmpty(unit) ? name : $"{name} ({unit})";

    /// <summary>Draws the y axis as log10 of the values plotted: ticks at decades labelled "1e-9".</summary>
    public static void LogY(Plot plot) => plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
    {
        MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
        IntegerTicksOnly = true,
        LabelFormatter = y => string.Create(CultureInfo.InvariantCulture, $"1e{y:0}"),
    };

    /// <summary>Labels a wide-ranging x axis (fluences, bit counts) in scientific notation instead of long digit strings.</summary>
    public static void ScientificXIfLarge(Plot plot, IEnumerable<double> xs)
    {
        if (xs.Select(Math.Abs).DefaultIfEmpty(0).Max() >= 1e5)
        {
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
            {
                LabelFormatter = x => x == 0 ? "0" : x.ToString("0.##E+0", CultureInfo.InvariantCulture),
            };
        }
    }

    /// <summary>A line without markers, for traces and fits.</summary>
    public static ScottPlot.Plottables.Scatter Line(Plot plot, double[] xs, double[] ys, Color color, string legend, float width = 1.5f)
    {
        var line = plot.Add.ScatterLine(xs, ys, color);
        line.LineWidth = width;
        line.MarkerSize = 0;
        line.LegendText = legend;
        return line;
    }

    public static string G(double value) => value.ToString("G4", CultureInfo.InvariantCulture);
}
