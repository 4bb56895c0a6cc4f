using ScottPlot;

namespace SpaceTestBench.Reports.Plots;

/// <summary>Draws a <see cref="MeasurementPlot"/> with ScottPlot: points coloured by verdict over the limit band.</summary>
public static class PlotRenderer
{
    /// <summary>Width of saved plots in pixels.</summary>
    public const int Width = 720;

    /// <summary>Height of saved plots in pixels.</summary>
    public const int Height = 420;

    private static readonly Color Pass = Color.FromHex("#1b7f3b");
    private static readonly Color Fail = Color.FromHex("#c62828");
    private static readonly Color Band = Color.FromHex("#1565c0").WithAlpha(0.15);
    private static readonly Color BandEdge = Color.FromHex("#1565c0");

    /// <summary>Builds the ScottPlot plot.</summary>
    public static Plot Build(MeasurementPlot spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var plot = new Plot();
        plot.Font.Set("DejaVu Sans");
        plot.Title($"{spec.Name} vs {spec.Condition}");
        plot.XLabel(Label(spec.Condition, spec.XUnit.Symbol));
        plot.YLabel(Label(spec.Name, spec.YUnit.Symbol));

        DrawLimits(plot, spec);
        var passing = spec.Points.Where(p => p.Verdict != Results.Verdict.Fail).ToArray();
        var failing = spec.Points.Where(p => p.Verdict == Results.Verdict.Fail).ToArray();
        if (passing.Length > 0)
        {
            var markers = plot.Add.Markers(passing.Select(p => p.X).ToArray(), passing.Select(p => p.Y).ToArray(), MarkerShape.FilledCircle, 9, Pass);
            markers.LegendText = "within limits";
        }

        if (failing.Length > 0)
        {
            var markers = plot.Add.Markers(failing.Select(p => p.X).ToArray(), failing.Select(p => p.Y).ToArray(), MarkerShape.FilledDiamond, 11, Fail);
            markers.LegendText = "outside limits";
        }

        plot.ShowLegend(Alignment.UpperLeft);
        return plot;
    }

    /// <summary>Saves PNG and SVG files and returns the SVG markup for inlining in the report.</summary>
    public static string Save(MeasurementPlot spec, string folder)
    {
        ArgumentNullException.ThrowIfNull(spec);
        Directory.CreateDirectory(folder);
        var plot = Build(spec);
        plot.SavePng(Path.Combine(folder, spec.Id + ".png"), Width, Height);
        var svg = plot.GetSvgXml(Width, Height);
        File.WriteAllText(Path.Combine(folder, spec.Id + ".svg"), svg);
        return svg;
    }

    private static void DrawLimits(Plot plot, MeasurementPlot spec)
    {
        var withLimits = spec.Points.Where(p => p.Low is not null || p.High is not null).ToList();
        if (withLimits.Count == 0)
        {
            return;
        }

        var sameEverywhere = withLimits.All(p => p.Low == withLimits[0].Low && p.High == withLimits[0].High);
        if (sameEverywhere)
        {
            var (low, high) = (withLimits[0].Low, withLimits[0].High);
            if (low is { } l && high is { } h)
            {
                var span = plot.Add.VerticalSpan(l, h, Band);
                span.LegendText = "limits";
            }

            foreach (var bound in new[] { low, high })
            {
                if (bound is { } b)
                {
                    // Solid: the SVG backend cannot draw dash patterns.
                    var line = plot.Add.HorizontalLine(b, 1.5f, BandEdge, LinePattern.Solid);
                    line.LegendText = bound == low ? "lower limit" : "upper limit";
                }
            }

            return;
        }

        // Limits that move with x (a tolerance around a setting): a band through each point's limits.
        var ranged = withLimits.Where(p => p.Low is not null && p.High is not null).ToList();
        if (ranged.Count >= 2)
        {
            var fill = plot.Add.FillY(ranged.Select(p => p.X).ToArray(), ranged.Select(p => p.Low!.Value).ToArray(), ranged.Select(p => p.High!.Value).ToArray());
            fill.FillColor = Band;
            fill.LegendText = "limits";
        }
    }

    private static string Label(string name, string unit) => string.IsNullOrEmpty(unit) ? name : $"{name} ({unit})";
}
