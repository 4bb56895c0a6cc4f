using System.Text.Json.Nodes;
using SpaceTestBench.Reports.Signing;
using SpaceTestBench.Reports.Tests.Support;
using SpaceTestBench.Testing;

namespace SpaceTestBench.Reports.Tests.Signing;

/// <summary>A signed report of a simulated run opened in a real headless Chromium: the simulated mark and the approval block are visible.</summary>
[NonParallelizable]
public sealed class SignedReportBrowserTests
{
    [Test]
    public async Task A_signed_simulated_report_shows_the_simulated_mark_on_the_page_and_plots_and_the_signatures_in_its_approval_block()
    {
        var executable = HeadlessChromium.Find();
        if (executable is null)
        {
            Assert.Ignore($"No Chromium on this machine. {HeadlessChromium.InstallHint}");
        }

        var folder = Path.Combine(TestRepository.ScratchFolder("signed-browser"), "run");
        SignableCampaign.Write(folder);
        var clock = new ManualClock(new DateTimeOffset(2027, 6, 1, 9, 0, 0, TimeSpan.Zero));
        foreach (var (name, meaning) in new[] { (SignableCampaign.Operator, SignatureMeaning.Authored), ("Rita Reviewer", SignatureMeaning.Reviewed), ("Amy Approver", SignatureMeaning.Approved) })
        {
            using var key = SignerKey.Generate(name);
            ReportSigner.Sign(folder, key, meaning, clock);
            clock.Advance(TimeSpan.FromHours(1));
        }

        await using var browser = await HeadlessChromium.StartAsync(executable!);
        await browser.OpenAsync(Path.Combine(folder, "report.html"));
        var page = (await browser.EvaluateAsync("""
            (() => {
              const shown = e => { if (!e) return false; const s = getComputedStyle(e); const b = e.getBoundingClientRect(); return s.display !== 'none' && s.visibility !== 'hidden' && b.width > 0 && b.height > 0; };
              const banner = document.getElementById('simulated-banner');
              const mark = document.querySelector('.simulated-watermark');
              const footer = document.querySelector('.page-footer');
              const block = document.getElementById('approval-block');
              return { banner: shown(banner), bannerText: banner ? banner.textContent : '',
                       mark: shown(mark), markFixed: mark ? getComputedStyle(mark).position : '',
                       footer: footer ? footer.textContent : '', footerFixed: footer ? getComputedStyle(footer).position : '',
                       block: shown(block), signers: Array.from(block.querySelectorAll('tr.signed td.signer')).map(td => td.textContent),
                       end: shown(document.getElementById('end-of-report')) };
            })()
            """))!.AsObject();
        await browser.EvaluateAsync("document.getElementById('approval').scrollIntoView()");
        var screenshot = await browser.ScreenshotAsync();
        var shot = Path.Combine(folder, "signed-report-screenshot.png");
        await File.WriteAllBytesAsync(shot, screenshot);
        TestContext.AddTestAttachment(shot, "The signed simulated report in Chromium");
        TestContext.Out.WriteLine($"Screenshot: {shot}");

        Assert.Multiple(() =>
        {
            Assert.That((bool)page["banner"]!, Is.True, "the banner is visible");
            Assert.That((string)page["bannerText"]!, Does.StartWith("SIMULATED — not valid for qualification"));
            Assert.That((bool)page["mark"]!, Is.True, "the watermark is visible");
            Assert.That((string)page["markFixed"]!, Is.EqualTo("fixed"), "fixed, so it repeats on every printed page");
            Assert.That((string)page["footerFixed"]!, Is.EqualTo("fixed"));
            Assert.That((string)page["footer"]!, Does.Contain("STB-QR-run revision 1").And.Contain("SIMULATED"));
            Assert.That((bool)page["block"]!, Is.True, "the approval block is visible");
            Assert.That(page["signers"]!.AsArray().Select(s => (string)s!), Is.EqualTo(new[] { SignableCampaign.Operator, "Rita Reviewer", "Amy Approver" }));
            Assert.That((bool)page["end"]!, Is.True);
            foreach (var svg in Directory.GetFiles(Path.Combine(folder, "plots"), "*.svg"))
            {
                Assert.That(File.ReadAllText(svg), Does.Contain("SIMULATED — not valid for qualification"), $"{Path.GetFileName(svg)} carries the mark");
            }

            Assert.That(ReportVerifier.Verify(folder).Problems, Is.Empty, "opening it in a browser changes nothing");
        });
    }
}
