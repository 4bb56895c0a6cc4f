using System.Text.Json.Nodes;
using SpaceTestBench.Reports.Tests.Support;
using SpaceTestBench.Testing;

namespace SpaceTestBench.Reports.Tests;

/// <summary>report.html opened in a real headless Chromium: the plots render and the verdict table is visible.</summary>
[NonParallelizable]
public class BrowserTests
{
    [Test]
    public async Task The_report_renders_its_plots_and_shows_the_verdict_table_in_a_real_browser()
    {
        var executable = HeadlessChromium.Find();
        if (executable is null)
        {
            Assert.Ignore($"No Chromium on this machine. {HeadlessChromium.InstallHint}");
        }

        var folder = TestRepository.ScratchFolder("report");
        SyntheticCampaign.Write(folder);
        var report = ReportRenderer.Render(folder);

        await using var browser = await HeadlessChromium.StartAsync(executable!);
        await browser.OpenAsync(report.Report);

        // Every figure decodes, and drawn onto a canvas it has more than a thousand non-white pixels:
        // axes, traces and labels, not an empty or broken image.
        var plots = (await browser.EvaluateAsync("""
            Promise.all(Array.from(document.querySelectorAll('figure.plot img')).map(async img => {
              await img.decode();
              const canvas = document.createElement('canvas');
              canvas.width = img.naturalWidth; canvas.height = img.naturalHeight;
              const context = canvas.getContext('2d');
              context.drawImage(img, 0, 0);
              const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
              let inked = 0;
              for (let i = 0; i < pixels.length; i += 4) { if (pixels[i] < 200 || pixels[i + 1] < 200 || pixels[i + 2] < 200) inked++; }
              return { id: img.parentElement.id, width: img.naturalWidth, shown: img.getBoundingClientRect().width, inked };
            }))
            """))!.AsArray();
        var table = (await browser.EvaluateAsync("""
            (() => {
              const table = document.getElementById('verdict-table');
              const style = getComputedStyle(table);
              const box = table.getBoundingClientRect();
              return { visible: style.display !== 'none' && style.visibility !== 'hidden' && box.width > 0 && box.height > 0,
                       rows: table.tBodies[0].rows.length,
                       failing: Array.from(table.querySelectorAll('td.verdict.fail')).length,
                       overall: document.getElementById('overall-verdict').textContent };
            })()
            """))!.AsObject();
        var screenshot = await browser.ScreenshotAsync();
        var shot = Path.Combine(folder, "report-screenshot.png");
        await File.WriteAllBytesAsync(shot, screenshot);
        TestContext.Out.WriteLine($"Screenshot: {shot}");

        Assert.Multiple(() =>
        {
            Assert.That(plots, Has.Count.EqualTo(Directory.GetFiles(Path.Combine(folder, "plots"), "*.svg").Length));
            foreach (var plot in plots.Select(p => p!.AsObject()))
            {
                Assert.That((int)plot["width"]!, Is.EqualTo(SpaceTestBench.Reports.Plots.PlotFiles.Width), $"{plot["id"]} decodes at its size");
                Assert.That((double)plot["shown"]!, Is.GreaterThan(100), $"{plot["id"]} takes space on the page");
                Assert.That((int)plot["inked"]!, Is.GreaterThan(1000), $"{plot["id"]} has content");
            }

            Assert.That((bool)table["visible"]!, Is.True, "the verdict table is visible");
            Assert.That((int)table["rows"]!, Is.EqualTo(10));
            Assert.That((int)table["failing"]!, Is.EqualTo(2));
            Assert.That((string)table["overall"]!, Is.EqualTo("Fail"));
            Assert.That(screenshot.Length, Is.GreaterThan(10_000));
        });
    }
}
