using System.Text.Json.Nodes;
using System.Xml.Linq;
using SpaceTestBench.Results;
using SpaceTestBench.Results.Judging;
using SpaceTestBench.Results.Quantities;
using SpaceTestBench.Results.Store;
using SpaceTestBench.Testing;

namespace SpaceTestBench.Cli.Tests;

/// <summary>
/// The total-dose suites' unirradiated control separates the test system's drift from the radiation's (MIL-STD-883
/// TM 1019, ESCC 22900). When the bench's supply drifts (a current-reading shift injected into the simulated
/// supply after the references were taken), the control moves with it: the measurement system cannot be trusted, so
/// the control's change and every irradiated sample's change of that parameter are Inconclusive with the drift, the
/// allowance and its source — never Pass, and not a Fail of the DUT. The parameter the supply does not measure (the
/// monitor threshold, read by the DUT's agent) is still judged. Without the shift the same scenario passes
/// (<see cref="SampleUseAndLimitSourceTests.The_samples_a_campaign_names_are_mounted_in_order"/>).
/// </summary>
public sealed class ControlDriftVerdictTests
{
    [Test]
    public async Task A_supply_drift_that_moves_the_control_makes_the_supply_current_results_Inconclusive_with_the_drift_and_its_allowance()
    {
        var scratch = TestRepository.ScratchFolder("control-drift");
        var benchFile = Path.Combine(scratch, "drifting-supply.bench.json");
        var bench = JsonNode.Parse(await File.ReadAllTextAsync(TestRepository.Path("benches/simulated.bench.json")))!;
        bench["dut"] = TestRepository.Path("fixtures/duts/rad-hard-soc.json");
        // After every sample's reference (about 53 min of bench time), during the dose ladder: 2 mA is 20 % of the
        // 10 mA PIPL, twice the 10 % the control may drift, and far inside what the irradiated samples may change.
        bench["instruments"]!["psu1"]!["faults"] = JsonNode.Parse("""[ { "kind": "currentReadingShift", "at": "1 h", "offset": "2 mA" } ]""");
        await File.WriteAllTextAsync(benchFile, bench.ToJsonString());
        var folder = Path.Combine(scratch, "run");

        var (exit, output) = await RunCommandTests.Spacebench("run", "--quiet", "--bench", benchFile,
            "--features", TestRepository.Path("features/radiation/total-ionizing-dose.feature"), "--tags", "not @low-dose-rate", "--out", folder);

        var run = ResultStoreReader.Read(folder);
        var judged = VerdictPolicy.Judge(run);
        var control = run.Measurements.Single(m => m.Name == "core supply current change of the unirradiated control");
        var corrected = run.Measurements.Where(m => m.Name == "core supply current change less the controls'").ToList();
        var threshold = run.Measurements.Where(m => m.Name is "threshold voltage change less the controls'" or "threshold voltage change of the unirradiated control").ToList();
        var report = await File.ReadAllTextAsync(Path.Combine(folder, "report.html"));
        var junit = XDocument.Load(Path.Combine(folder, "junit.xml")).Descendants("failure").Single();
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(ExitCodes.Failed), "only Pass passes: " + output);
            Assert.That(judged.Verdict, Is.EqualTo(Verdict.Inconclusive), "Inconclusive beats Pass and nothing failed");
            Assert.That(run.Scenarios.Single().RecordedVerdict, Is.EqualTo(Verdict.Inconclusive));
            Assert.That(run.Measurements.Where(m => m.Verdict == Verdict.Fail).Select(m => m.Name), Is.Empty, "the drift is no DUT failure");
            Assert.That(control.Verdict, Is.EqualTo(Verdict.Inconclusive));
            Assert.That(control.Value.In(Units.Milliampere), Is.EqualTo(2).Within(0.2), "the control moved by the supply's shift");
            Assert.That(control.Decision, Does.StartWith("limit from 10 % (the scenario's Examples, per MIL-STD-883-TM1019) of the DUT profile rad-hard-soc.json ($.totalIonizingDose.limits.leakageIncrease)"));
            Assert.That(control.Decision, Does.Contain("Inconclusive: the unirradiated control 11 (").And.Contain("outside the allowed x = 0 mA ± 1 mA (10 % of the post-irradiation limit, from the scenario's Examples, per MIL-STD-883-TM1019)"));
            Assert.That(corrected, Has.Count.EqualTo(10), "5 biased and 5 unbiased samples");
            Assert.That(corrected.Select(m => m.Verdict), Is.All.EqualTo(Verdict.Inconclusive), "never Pass while the control says the meter moved");
            Assert.That(corrected.Select(m => m.Decision), Is.All.Contain("; Inconclusive: the unirradiated control 11 (").And.All.Contain("the measurement system cannot be trusted for the core supply current"));
            Assert.That(threshold, Has.Count.EqualTo(11));
            Assert.That(threshold.Select(m => m.Verdict), Is.All.EqualTo(Verdict.Pass), "the threshold is read by the DUT's agent, not the drifting supply");
            Assert.That(judged.Scenarios.Single().Reasons.Select(r => r.Verdict), Is.All.EqualTo(Verdict.Inconclusive));
            Assert.That(report, Does.Contain("Inconclusive: the unirradiated control 11 ("), "the report gives the reason beside the limit");
            Assert.That(junit.Attribute("type")?.Value, Is.EqualTo("Inconclusive"));
        });
    }
}
