using System.Text.RegularExpressions;
using SpaceTestBench.Testing;
using static SpaceTestBench.Cli.Tests.RunCommandTests;

namespace SpaceTestBench.Cli.Tests;

/// <summary>
/// The default run's report read as a QA engineer who must sign it: every item of ISO/IEC 17025 §7.8.2.1 (a–p) and
/// of a radiation test report is found, or explicitly not applicable; calibration is judged in bench time; the report
/// is signed and verified through the command line.
/// </summary>
[NonParallelizable]
public sealed partial class QualificationDocumentTests
{
    private string _run = "";
    private string _report = "";

    [OneTimeSetUp]
    public async Task RunTheDefaultCampaign()
    {
        _run = Path.Combine(TestRepository.ScratchFolder("document"), "default");
        var (exit, output) = await Spacebench("run", "--out", _run, "--operator", "Alex Operator");
        Assert.That(exit, Is.EqualTo(ExitCodes.Passed), output);
        _report = await File.ReadAllTextAsync(Path.Combine(_run, "report.html"));
    }

    [TestCase("a", "document", "Qualification test report")]
    [TestCase("b", "document", "SpaceTestBench simulated facility")]
    [TestCase("c", "conditions", "Simulated qualification bench")]
    [TestCase("d", "end-of-report", "revision 1")]
    [TestCase("e", "document", "no customer")]
    [TestCase("f", "test-plan", "feature file(s) with SHA-256")]
    [TestCase("g", "test-article", "RH-SOC-1-CQ256-V")]
    [TestCase("h", "test-article", "not applicable")]
    [TestCase("i", "conditions", "bench time")]
    [TestCase("j", "approval", "rendered")]
    [TestCase("k", "test-article", "one fresh sample per destructive scenario")]
    [TestCase("l", "document", "stated")]
    [TestCase("m", "scenarios", "measurement(s), each with its unit")]
    [TestCase("n", "deviations", "none")]
    [TestCase("o", "approval", "approver (not the operator)")]
    [TestCase("p", "equipment", "not applicable")]
    public void Each_ISO_17025_7_8_2_1_item_is_stated_where_the_index_points(string item, string anchor, string stated)
    {
        var row = Regex.Match(_report, $"<tr id=\"iso-{item}\" data-anchor=\"([a-z0-9-]+)\">(.*?)</tr>");
        Assert.That(row.Success, Is.True, $"§7.8.2.1 {item} is in the index");
        Assert.That(row.Groups[1].Value, Is.EqualTo(anchor));
        Assert.That(row.Groups[2].Value, Does.Contain(stated));
        Assert.That(_report, Does.Contain($"id=\"{anchor}\""), $"the section the index points to for {item} exists");
    }

    [Test]
    public void The_items_the_index_points_to_hold_what_they_claim()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Section("document"), Does.Contain("<th>Document number</th><td>STB-SIM-default</td>").And.Contain("<th>Revision</th><td>1</td>"));
            Assert.That(Section("document"), Does.Contain("The results relate only to the items tested"), "l");
            Assert.That(Section("document"), Does.Contain("RH1-0042.2, RH1-0042.3"), "each sample's serial in the header");
            Assert.That(Regex.Match(_report, "<h1>(.*?)</h1>").Groups[1].Value, Does.Match(@"^Qualification report: .+, [0-9]+ samples$"),
                "the title counts the samples tested rather than naming the profile's base serial as if it were one part");
            Assert.That(Section("procedures"), Does.Match("radiation/total-ionizing-dose.feature</a></td><td><code>[0-9a-f]{64}</code>"), "f: each feature file by hash");
            Assert.That(Section("procedures"), Does.Contain("MIL-STD-883-TM1019"), "f: the clauses followed");
            Assert.That(Section("deviations"), Does.Contain("No deviation from the procedure was recorded"), "n: said, not left blank");
            Assert.That(Section("approval-block"), Does.Contain("Author (operator)").And.Contain("Reviewer").And.Contain("Approver"), "o");
            Assert.That(_report, Does.Contain("id=\"end-of-report\" class=\"end\">End of report STB-SIM-default revision 1."), "d");
            Assert.That(_report, Does.Contain("class=\"page-footer\">STB-SIM-default revision 1 — SIMULATED — not valid for qualification"), "d: every printed page");
            Assert.That(_report, Does.Contain("id=\"simulated-banner\">SIMULATED — not valid for qualification"));
        });
    }

    [TestCase("part-number", "RH-SOC-1-CQ256-V")]
    [TestCase("lot-date-code", "lot W2619-07, date code 2619")]
    [TestCase("package-lid", "CQFP-256, ceramic, cavity-up; delidded")]
    [TestCase("sample-serials", "sample(s), in the header and per scenario")]
    [TestCase("control-samples", "RH1-0042.C1, RH1-0042.C2")]
    [TestCase("co60-dosimetry", "filter box")]
    [TestCase("beam", "per ion")]
    [TestCase("proton-energy", "as each exposure recorded it")]
    [TestCase("calibration", "every calibrated instrument in calibration at its uses")]
    [TestCase("deviations", "none")]
    [TestCase("decision-rule", "simple acceptance")]
    [TestCase("conditions", "stated")]
    [TestCase("operator", "Alex Operator")]
    public void Each_radiation_report_item_is_stated(string item, string stated)
    {
        var row = Regex.Match(_report, $"<tr id=\"rad-{item}\" data-anchor=\"([a-z0-9-]+)\">(.*?)</tr>");
        Assert.That(row.Success, Is.True, $"{item} is in the index");
        Assert.That(row.Groups[2].Value, Does.Contain(stated));
        Assert.That(_report, Does.Contain($"id=\"{row.Groups[1].Value}\""));
    }

    [Test]
    public void Dosimetry_and_beam_come_from_the_run_and_the_bench_file()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Section("gamma-dosimetry"), Does.Contain("Pb/Al").And.Contain("± 5 % (k = 1)").And.Contain("dose enhancement"));
            Assert.That(Section("dose-rates"), Does.Match(@"rad\(Si\)/h</td><td>36 rad\(Si\)/h ≤ x ≤ 360 rad\(Si\)/h"), "the dose rate measured at the DUT, with its window");
            Assert.That(Section("ions"), Does.Match("<td>XE</td><td>124Xe35\\+</td><td>995 MeV</td><td>73 µm</td>"), "ion, energy, range");
            Assert.That(Section("beam-characterisation"), Does.Contain("± 10 % over the DUT area").And.Contain("± 10 % (k = 1, bench file)"));
            Assert.That(Section("proton-energies"), Does.Contain("67 MeV").And.Contain("200 MeV"));
        });
    }

    [Test]
    public void The_default_campaign_is_in_calibration_at_every_use_of_every_calibrated_instrument()
    {
        var instruments = Section("instruments");
        // The default bench's calibrations cover the default campaign (about 380 days of bench time from its clock start): a facility
        // does not schedule a campaign past its due dates. Lapsed calibrations: LapsedCalibrationRunTests, on a bench made for it.
        // The bench pins its virtual clock's start (clockStart), so this does not depend on the day the test runs.
        foreach (var id in new[] { "psu1", "smu1", "tvac1", "shock1", "co60", "beam1", "voa1", "bert1" })
        {
            Assert.That(instruments, Does.Match($"<td>{id}</td>.*?in calibration at every use"), $"{id}: in calibration from the bench's pinned clock start to the campaign's end");
        }

        Assert.That(Regex.Matches(instruments, "<tr class=\"out-of-calibration\"><td>([a-z0-9]+)</td>"), Is.Empty,
            "the beam line's dosimetry carries its calibration record: no instrument is flagged (a missing record still is: SyntheticReportTests, CalibrationGateTests)");
        Assert.That(instruments, Does.Match("<td>beam1</td>.*?SIM-DOS-2026-0008"), "the beam line's calibration certificate is stated");
        Assert.That(instruments, Does.Match("<td>agent1</td>.*?calibration not required: software on the DUT"));
        Assert.That(Section("deviations"), Does.Not.Contain("Calibration: instrument").And.Not.Contain("without calibration record"), "the calibration gate found nothing to record");
        // No --planned-duration: the campaign plan's total is the planned end the gate checks to.
        Assert.That(_report, Does.Contain("The campaign was planned to take").And.Contain("the calibration gate checked every instrument from the start to the planned end"));
        var csv = File.ReadAllLines(Path.Combine(_run, "calibration-status.csv"));
        Assert.That(csv.Count(l => l.EndsWith(",OUT OF CALIBRATION", StringComparison.Ordinal)), Is.Zero);
        var measured = int.Parse(Regex.Match(_report, @"(\d+) measurement\(s\), each with its unit").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.That(csv, Has.Length.EqualTo(measured + 1), "one line per measurement, after the header");
    }

    [Test]
    public async Task The_report_is_signed_and_verified_from_the_command_line_and_the_operator_cannot_approve_it()
    {
        var keys = TestRepository.ScratchFolder("document-keys");
        foreach (var (name, file) in new[] { ("Alex Operator", "alex"), ("Rita Reviewer", "rita"), ("Amy Approver", "amy") })
        {
            var (made, madeOutput) = await Spacebench("report", "keygen", "--name", name, "--out", Path.Combine(keys, file));
            Assert.That(made, Is.EqualTo(ExitCodes.Passed), madeOutput);
        }

        var (selfApproval, refusal) = await Spacebench("report", "sign", _run, "--meaning", "approved", "--key", Path.Combine(keys, "alex.key.pem"));
        Assert.That(selfApproval, Is.EqualTo(ExitCodes.UsageError));
        Assert.That(refusal, Does.Contain("Alex Operator operated this run and cannot approve its report"));

        foreach (var (meaning, file) in new[] { ("authored", "alex"), ("reviewed", "rita"), ("approved", "amy") })
        {
            var (signed, signedOutput) = await Spacebench("report", "sign", _run, "--meaning", meaning, "--key", Path.Combine(keys, $"{file}.key.pem"));
            Assert.That(signed, Is.EqualTo(ExitCodes.Passed), signedOutput);
        }

        var (verified, verifyOutput) = await Spacebench("report", "verify", _run);
        Assert.That(verified, Is.EqualTo(ExitCodes.Passed), verifyOutput);
        Assert.That(verifyOutput, Does.Contain("approved by Amy Approver").And.Contain("Verified STB-SIM-default"));

        var (rendered, renderOutput) = await Spacebench("report", _run, "--reason", "test amendment");
        Assert.That(rendered, Is.EqualTo(ExitCodes.Passed), renderOutput);
        Assert.That(renderOutput, Does.Contain("STB-SIM-default revision 2"));

        var calibration = Path.Combine(_run, "inputs", "calibration.json");
        await File.WriteAllTextAsync(calibration, (await File.ReadAllTextAsync(calibration)).Replace("2028-12-31", "2029-12-31", StringComparison.Ordinal));
        var (broken, brokenOutput) = await Spacebench("report", "verify", _run);
        Assert.That(broken, Is.EqualTo(ExitCodes.Failed));
        Assert.That(brokenOutput, Does.Contain("FAILED inputs/calibration.json: has changed since"));
    }

    private string Section(string id)
    {
        var start = _report.IndexOf($"id=\"{id}\"", StringComparison.Ordinal);
        Assert.That(start, Is.GreaterThanOrEqualTo(0), $"no element with id {id}");
        var tag = _report.LastIndexOf('<', start);
        var name = Regex.Match(_report[tag..], "^<([a-z0-9]+)").Groups[1].Value;
        var end = _report.IndexOf($"</{name}>", start, StringComparison.Ordinal);
        return _report[tag..(end + name.Length + 3)];
    }
}
