using System.Text.RegularExpressions;
using System.Xml.Linq;
using SpaceTestBench.Reports.Manifest;
using SpaceTestBench.Reports.Tests.Support;
using SpaceTestBench.Results;
using SpaceTestBench.Results.Quantities;
using SpaceTestBench.Results.Recording;
using SpaceTestBench.Results.Store;
using SpaceTestBench.Testing;

namespace SpaceTestBench.Reports.Tests;

public class ReportRendererTests
{
    [Test]
    public void An_interrupted_run_renders_everything_recorded_and_says_it_was_interrupted()
    {
        var folder = TestRepository.ScratchFolder("report");
        SyntheticCampaign.Write(folder, finish: false);

        var rendered = ReportRenderer.Render(folder);
        var html = File.ReadAllText(rendered.Report);

        Assert.That(rendered.Verdict, Is.EqualTo(Verdict.Aborted));
        Assert.That(html, Does.Contain("id=\"interrupted\"").And.Contain("class=\"verdict aborted\">Aborted</span>"));
        Assert.That(html, Does.Contain("The run ended during step 1: the DUT supply current is logged every minute."));
        Assert.That(html, Does.Contain("not recorded: the run was interrupted"));
        Assert.That(XDocument.Load(rendered.Junit).Descendants("error").Single().Attribute("type")!.Value, Is.EqualTo("Aborted"));
        Assert.That(File.ReadAllLines(rendered.Csv).Length - 1, Is.EqualTo(ResultStoreReader.Read(folder).Measurements.Count));
    }

    [Test]
    public void Re_rendering_replaces_its_own_files_and_leaves_the_store_untouched()
    {
        var folder = TestRepository.ScratchFolder("report");
        SyntheticCampaign.Write(folder);
        var store = Path.Combine(folder, "results.sqlite");
        var storeHash = ArtifactManifest.Hash(store);
        ReportRenderer.Render(folder);
        var stale = Path.Combine(folder, "plots", "a-plot-no-longer-drawn.png");
        File.WriteAllText(stale, "stale");
        File.WriteAllText(Path.Combine(folder, "messages.ndjson"), "{}\n");

        var rendered = ReportRenderer.Render(folder);

        Assert.That(File.Exists(stale), Is.False);
        Assert.That(ArtifactManifest.Hash(store), Is.EqualTo(storeHash));
        Assert.That(File.ReadAllText(rendered.Manifest), Does.Contain("  messages.ndjson").And.Contain("  results.sqlite"));
        Assert.That(File.ReadAllText(rendered.Report), Does.Contain(">messages.ndjson</a>"));
    }

    [Test]
    public void Text_from_feature_files_and_instruments_is_escaped()
    {
        var folder = TestRepository.ScratchFolder("report");
        using (var store = SqliteResultStore.Create(folder))
        {
            var recorder = new ResultRecorder(new ManualClock(SyntheticCampaign.Start), store);
            recorder.StartRun(SyntheticCampaign.Info("escape"));
            var scenario = recorder.StartScenario("a.feature", "F <b>", null, "Scenario <script>alert(1)</script> & \"quotes\"", 1, ["@x"]);
            scenario.Measure("I <i>", Quantity.Parse("1 mA"), instrument: "\"><img src=x>");
            scenario.Attach("../../outside.txt", "text/plain", "x"u8.ToArray());
            scenario.Finish(Verdict.Pass, null);
            recorder.FinishRun(SyntheticCampaign.Start, Verdict.Pass);
        }

        var rendered = ReportRenderer.Render(folder);
        var html = File.ReadAllText(rendered.Report);

        Assert.That(html, Does.Not.Contain("<script>alert").And.Not.Contain("<img src=x>").And.Not.Contain("F <b>"));
        Assert.That(html, Does.Contain("Scenario &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;"));
        Assert.That(File.Exists(Path.Combine(folder, "..", "..", "outside.txt")), Is.False);
        Assert.That(Directory.GetFiles(Path.Combine(folder, "attachments")).Single(), Does.EndWith("outside.txt"));
    }

    [Test]
    public void Sections_and_plots_appear_only_for_the_data_the_run_holds()
    {
        var folder = TestRepository.ScratchFolder("report");
        using (var store = SqliteResultStore.Create(folder))
        {
            var recorder = new ResultRecorder(new ManualClock(SyntheticCampaign.Start), store);
            recorder.StartRun(SyntheticCampaign.Info("power-only"));
            foreach (var volts in new[] { 1.71, 1.8, 1.89 })
            {
                var scenario = recorder.StartScenario("power/power-on.feature", "Power-on", null, $"At {volts} V", 1, ["@power"]);
                scenario.Measure("DUT supply current", new Quantity(280 + (100 * (volts - 1.8)), Units.Milliampere), SyntheticCampaign.SupplyLimit,
                    conditions: new Dictionary<string, Quantity> { ["DUT supply voltage"] = new(volts, Units.Volt) });
                scenario.Finish(Verdict.Pass, null);
            }

            recorder.FinishRun(SyntheticCampaign.Start, Verdict.Pass);
        }

        var rendered = ReportRenderer.Render(folder);
        var html = File.ReadAllText(rendered.Report);

        foreach (var absent in new[] { "tid", "see", "thermal", "link", "payload" })
        {
            Assert.That(html, Does.Not.Contain($"<section id=\"{absent}\">"), absent);
        }

        Assert.That(rendered.Plots.Select(Path.GetFileName), Is.EqualTo(new[] { "dut-supply-current-vs-dut-supply-voltage.png" }));
        Assert.That(html, Does.Contain("No scenario is tagged with a standard clause"));
    }

    [Test]
    public void A_million_point_trace_is_drawn_decimated_with_its_spike()
    {
        var folder = TestRepository.ScratchFolder("report");
        using (var store = SqliteResultStore.Create(folder, new StoreOptions { MaxPendingPoints = 100_000 }))
        {
            var clock = new ManualClock(SyntheticCampaign.Start);
            var recorder = new ResultRecorder(clock, store);
            recorder.StartRun(SyntheticCampaign.Info("big-trace"));
            var scenario = recorder.StartScenario("power/monitor.feature", "Monitor", null, "A long trace", 1, []);
            var trace = scenario.StartTimeSeries("core current", Units.Milliampere);
            for (var i = 0; i < 1_000_000; i++)
            {
                trace.AppendAt(SyntheticCampaign.Start.AddMilliseconds(i), new Quantity(i == 777_777 ? 5000 : 300 + (i % 7), Units.Milliampere));
            }

            scenario.Finish(Verdict.Pass, null);
            recorder.FinishRun(SyntheticCampaign.Start, Verdict.Pass);
        }

        var rendered = ReportRenderer.Render(folder);
        var svg = File.ReadAllText(Path.ChangeExtension(rendered.Plots.Single(), ".svg"));

        Assert.That(svg.Length, Is.LessThan(300_000), "decimated to about two points per pixel column");
        Assert.That(svg, Does.Contain("5,000"), "the y axis reaches the one-sample spike (its tick label)");
        Assert.That(File.ReadAllLines(Path.Combine(folder, "series", "001-core-current.csv")).Length, Is.EqualTo(1_000_001), "full resolution in the CSV");
    }

    [Test]
    public void A_run_with_an_analysis_that_cannot_be_fitted_says_why()
    {
        var folder = TestRepository.ScratchFolder("report");
        using (var store = SqliteResultStore.Create(folder))
        {
            var recorder = new ResultRecorder(new ManualClock(SyntheticCampaign.Start), store);
            recorder.StartRun(SyntheticCampaign.Info("few"));
            var scenario = recorder.StartScenario("radiation/see.feature", "SEE", null, "Two ions only", 1, ["@ESCC-25100"]);
            scenario.RecordSingleEventExposure("SEU", 10, Quantity.Parse("20 MeV·cm²/mg"), Quantity.Parse("1e7 ions/cm²"));
            scenario.RecordSingleEventExposure("SEU", 40, Quantity.Parse("60 MeV·cm²/mg"), Quantity.Parse("1e7 ions/cm²"));
            scenario.Finish(Verdict.Pass, null);
            recorder.FinishRun(SyntheticCampaign.Start, Verdict.Pass);
        }

        var html = File.ReadAllText(ReportRenderer.Render(folder).Report);

        Assert.That(html, Does.Contain("No Weibull fit: A Weibull fit needs at least 5 exposures"));
        Assert.That(Regex.Count(html, "<figure id=\"plot-cross-section-seu-events\""), Is.EqualTo(1), "the cross-sections are still drawn");
    }
}
