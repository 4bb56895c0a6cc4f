using System.Globalization;
using System.Text.RegularExpressions;
using CsvHelper;
using SpaceTestBench.Testing;
using static SpaceTestBench.Cli.Tests.RunCommandTests;

namespace SpaceTestBench.Cli.Tests;

/// <summary>
/// A simulated bench with an instrument out of calibration (fixtures/benches/lapsed-calibration.bench.json: the DUT
/// supply's calibration lapsed on 2020-01-31) runs, records it as a deviation, and every result taken with it is
/// Inconclusive, never Pass (ISO/IEC 17025 §6.4.9): the scenarios, the run's verdict and exit code, the report's
/// tables, results.csv, calibration-status.csv, the equipment list and the document-control index all say so.
/// </summary>
[NonParallelizable]
public sealed class LapsedCalibrationRunTests
{
    private string _run = "";
    private string _report = "";
    private int _exit;
    private string _output = "";

    [OneTimeSetUp]
    public async Task RunPowerOnWithTheSupplyOutOfCalibration()
    {
        _run = Path.Combine(TestRepository.ScratchFolder("lapsed-calibration"), "run");
        (_exit, _output) = await Spacebench("run", "--bench", TestRepository.Path("fixtures/benches/lapsed-calibration.bench.json"),
            "--features", TestRepository.Path("features/power/power-on.feature"), "--out", _run);
        _report = await File.ReadAllTextAsync(Path.Combine(_run, "report.html"));
    }

    [Test]
    public void The_run_is_Inconclusive_not_Pass_and_each_scenario_says_which_instrument_its_due_date_and_when_it_was_used()
    {
        Assert.That(_exit, Is.EqualTo(ExitCodes.Failed), _output);
        Assert.That(_output, Does.Contain("Inconclusive"));
        Assert.That(_output, Does.Not.Match(@"Pass\s*│\s*\d"), "no scenario passed: every one measured with the supply");
        var why = Regex.Matches(_report, "<p><b>Why:</b> ([^<]*)</p>").Select(m => m.Groups[1].Value).ToList();
        Assert.That(why, Is.Not.Empty);
        Assert.That(why, Has.All.Contain("instrument &#39;psu1&#39; (Keysight E36312A, serial MY61000101) was out of calibration at its use: due 2020-01-31, lapsed 2020-02-01 00:00:00 UTC")
            .And.All.Contain("ISO/IEC 17025 §6.4.9").And.All.Match(@"result\(s\) (at|from) 20\d\d-\d\d-\d\d \d\d:\d\d:\d\d UTC"));
    }

    [Test]
    public void Results_csv_marks_each_supply_measurement_Inconclusive_with_the_reason_and_keeps_the_others_verdicts()
    {
        using var reader = new StreamReader(Path.Combine(_run, "results.csv"));
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        var rows = csv.GetRecords<dynamic>().Cast<IDictionary<string, object>>().ToList();
        var supply = rows.Where(r => (string)r["Role"] == "DUT supply").ToList();
        Assert.That(supply, Is.Not.Empty);
        Assert.That(supply.Select(r => (string)r["Verdict"]), Has.All.EqualTo("Inconclusive"));
        Assert.That(supply.Select(r => (string)r["Decision"]), Has.All.Contain("with instrument 'psu1' (serial MY61000101, due 2020-01-31) out of calibration, not traceable (ISO/IEC 17025 §6.4.9)"));
        Assert.That(rows.Where(r => (string)r["Role"] == "DUT" && (string)r["Verdict"] != "NotSet").Select(r => (string)r["Verdict"]), Has.All.EqualTo("Pass"),
            "the DUT agent needs no calibration: its results keep their verdicts");
    }

    [Test]
    public void The_equipment_list_the_deviations_log_and_the_index_flag_the_supply()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Regex.IsMatch(_report, "<tr class=\"out-of-calibration\"><td>psu1</td>.*?OUT OF CALIBRATION at \\d+ of \\d+ use"), Is.True);
            Assert.That(_report, Does.Match("id=\"rad-calibration\"[^\n]*out of calibration at some uses: psu1</td>"));
            Assert.That(_report, Does.Contain("Calibration: instrument &#39;psu1&#39;").And.Contain("A real bench would have refused to start"));
            Assert.That(_report, Does.Contain("each is Inconclusive, so none of those scenarios can be Pass"));
            Assert.That(_report, Does.Match("<td>smu1</td>.*?not used by this run"));
            var csv = File.ReadAllLines(Path.Combine(_run, "calibration-status.csv"));
            Assert.That(csv.Count(l => l.EndsWith(",OUT OF CALIBRATION", StringComparison.Ordinal)), Is.GreaterThan(0));
        });
    }
}
