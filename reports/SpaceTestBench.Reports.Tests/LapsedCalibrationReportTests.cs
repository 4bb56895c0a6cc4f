using System.Globalization;
using CsvHelper;
using SpaceTestBench.Reports.Tests.Support;
using SpaceTestBench.Results;
using SpaceTestBench.Results.Provenance;
using SpaceTestBench.Results.Quantities;
using SpaceTestBench.Results.Recording;
using SpaceTestBench.Results.Store;
using SpaceTestBench.Testing;

namespace SpaceTestBench.Reports.Tests;

/// <summary>
/// The report and results.csv of a run whose DUT supply's calibration lapses between two measurements: the one before
/// keeps its Pass, the one after is Inconclusive with the reason beside it (ISO/IEC 17025 §6.4.9), the run's verdict
/// follows the one verdict rule, and results.csv gives each measurement's limit source and decision.
/// </summary>
public sealed class LapsedCalibrationReportTests
{
    private string _folder = null!;
    private RenderedReport _rendered = null!;
    private string _html = null!;

    [OneTimeSetUp]
    public void Render()
    {
        _folder = Path.Combine(TestRepository.ScratchFolder("lapsed-calibration-report"), "run");
        var clock = new ManualClock(SyntheticCampaign.Start); // 2026-03-02 08:00 UTC
        var info = SyntheticCampaign.Info("run");
        info = info with
        {
            Bench = info.Bench with
            {
                // Valid through 2026-03-02: lapses at 2026-03-03 00:00 UTC, between the two measurements below.
                Instruments = [.. info.Bench.Instruments.Select(i => i.Id == "psu1" ? i with { CalibrationDue = new DateOnly(2026, 3, 2), Calibration = new CalibrationRecord(new DateOnly(2026, 3, 2), "CAL-0101", null, null) } : i)],
            },
        };
        using (var store = SqliteResultStore.Create(_folder))
        {
            var recorder = new ResultRecorder(clock, store);
            recorder.StartRun(info);
            foreach (var hours in new[] { 0, 24 })
            {
                clock.Advance(TimeSpan.FromHours(hours));
                var s = recorder.StartScenario("power/power-on.feature", "Power-on", null, $"Supply current after {hours} h", 10, ["@power"]);
                s.StepStarted(0, "the DUT supply current is within the DUT profile limits");
                s.Measure("DUT supply current", new Quantity(300, Units.Milliampere), SyntheticCampaign.SupplyLimit, "DUT supply", "E36312A MY61000101", decision: "limit from the DUT profile ($.supplies.core.supplyCurrent): RH-SoC-1 datasheet");
                s.Measure("DUT supply voltage", new Quantity(1.8, Units.Volt), role: "DUT supply");
                s.StepFinished(0, "Then", "the DUT supply current is within the DUT profile limits", 11, StepOutcome.Passed, TimeSpan.FromMilliseconds(4), null);
                s.Finish(Verdict.Pass, null);
            }

            recorder.FinishRun(clock.GetUtcNow(), Verdict.Pass);
        }

        _rendered = ReportRenderer.Render(_folder);
        _html = File.ReadAllText(_rendered.Report);
    }

    [Test]
    public void The_measurement_after_the_lapse_is_Inconclusive_in_the_report_and_so_is_the_run()
    {
        Assert.Multiple(() =>
        {
            Assert.That(_rendered.Verdict, Is.EqualTo(Verdict.Inconclusive));
            Assert.That(_html, Does.Contain("<span id=\"overall-verdict\" class=\"verdict inconclusive\">Inconclusive</span>"));
            Assert.That(_html, Does.Contain("<tr class=\"pass\"><td>1</td><td>DUT supply current</td>"), "measured before the lapse");
            Assert.That(_html, Does.Contain("<tr class=\"inconclusive\"><td>1</td><td>DUT supply current</td>"), "measured after it");
            Assert.That(_html, Does.Contain("<small>Inconclusive: measured at 2026-03-03 08:00:00 UTC with instrument &#39;psu1&#39; (serial MY61000101, due 2026-03-02) out of calibration, not traceable (ISO/IEC 17025 §6.4.9)</small>"));
            Assert.That(_html, Does.Contain("<p><b>Why:</b> instrument &#39;psu1&#39; (Keysight E36312A, serial MY61000101) was out of calibration at its use: due 2026-03-02, lapsed 2026-03-03 00:00:00 UTC; 2 result(s) at 2026-03-03 08:00:00 UTC (DUT supply current, DUT supply voltage)"));
            Assert.That(_html, Does.Contain("each is Inconclusive, so none of those scenarios can be Pass"), "the deviations log states the effect");
        });
    }

    [Test]
    public void Results_csv_gives_each_measurements_limit_source_and_decision_after_the_earlier_columns()
    {
        var header = File.ReadLines(Path.Combine(_folder, "results.csv")).First();
        Assert.That(header, Is.EqualTo("Feature,Scenario,ScenarioId,Step,BenchTime,Measurement,Value,Unit,ValueSi,Comparison,LowerLimit,UpperLimit,Limit,Verdict,Role,Instrument,Conditions,LimitSource,Decision"));
        using var reader = new StreamReader(Path.Combine(_folder, "results.csv"));
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        var rows = csv.GetRecords<dynamic>().Cast<IDictionary<string, object>>().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(rows.Select(r => (string)r["Verdict"]), Is.EqualTo(new[] { "Pass", "NotSet", "Inconclusive", "Inconclusive" }));
            Assert.That(rows.Select(r => (string)r["LimitSource"]), Is.EqualTo(new[] { "the DUT profile ($.supplies.core.supplyCurrent): RH-SoC-1 datasheet", "", "the DUT profile ($.supplies.core.supplyCurrent): RH-SoC-1 datasheet", "" }),
                "the source of a judged limit; empty where nothing is judged");
            Assert.That((string)rows[2]["Decision"], Is.EqualTo("limit from the DUT profile ($.supplies.core.supplyCurrent): RH-SoC-1 datasheet; " +
                "Inconclusive: measured at 2026-03-03 08:00:00 UTC with instrument 'psu1' (serial MY61000101, due 2026-03-02) out of calibration, not traceable (ISO/IEC 17025 §6.4.9)"));
        });
    }
}
