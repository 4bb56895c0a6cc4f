using ScottPlot;
using SkiaSharp;
using SpaceTestBench.Reports.Plots;
using SpaceTestBench.Testing;

namespace SpaceTestBench.Reports.Tests.Plots;

public class PlotFilesTests
{
    [Test]
    public void The_saved_PNG_has_the_pixels_ScottPlot_itself_renders()
    {
        var folder = TestRepository.ScratchFolder("plot-files");
        var figure = new TraceFigure();

        var saved = PlotFiles.Save(figure, folder);

        // ScottPlot's own rendering and encoder (zlib level 9, all row filters), as the report saved it before.
        var reference = figure.Build(PlotFiles.Width);
        var referencePng = Path.Combine(folder, "reference.png");
        reference.SavePng(referencePng, PlotFiles.Width, PlotFiles.Height);

        using var ours = SKBitmap.Decode(saved.Png);
        using var theirs = SKBitmap.Decode(referencePng);
        Assert.Multiple(() =>
        {
            Assert.That((ours.Width, ours.Height), Is.EqualTo((PlotFiles.Width, PlotFiles.Height)));
            Assert.That(ours.Bytes, Is.EqualTo(theirs.Bytes), "the same pixels, whatever the encoder's settings");
            Assert.That(saved.Svg, Does.Contain("DUT supply current (mA)"));
        });
    }

    /// <summary>A figure with what the report's figures draw: a noisy trace with a spike, axis labels, a legend and text.</summary>
    private sealed class TraceFigure : ReportPlot
    {
        public override string Id => "trace";

        public override string Title => "A trace";

        public override string Caption => "A noisy trace with one spike.";

        public override PlotSection Section => PlotSection.Other;

        public override Plot Build(int width)
        {
            var random = new Random(7);
            var xs = Enumerable.Range(0, 2000).Select(i => i * 0.5).ToArray();
            var ys = xs.Select((x, i) => i == 1234 ? 900 : 300 + 20 * Math.Sin(x / 40) + random.NextDouble()).ToArray();
            var plot = new Plot();
            var trace = plot.Add.Scatter(xs, ys);
            trace.LegendText = "DUT supply current (mA)";
            plot.Add.HorizontalLine(450);
            plot.Title(Title);
            plot.XLabel("elapsed (s)");
            plot.YLabel("current (mA) — µ ± σ");
            plot.ShowLegend();
            return plot;
        }
    }
}
