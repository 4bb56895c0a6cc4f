using System.Text.Json.Nodes;
using SpaceTestBench.Cli.Tests.Support;
using SpaceTestBench.Results;
using SpaceTestBench.Results.Recording;
using SpaceTestBench.Results.Store;
using SpaceTestBench.Steps.Resuming;
using SpaceTestBench.Testing;

namespace SpaceTestBench.Cli.Tests.Robustness;

/// <summary>
/// Issue 15: a run cut inside a long exposure — the low-rate (ELDRS) overtest of TM 1019, 1,500 h of bench time from
/// 100 to 150 krad(Si) at 9 mrad(Si)/s, whose world is saved every 4 h of it — resumes with the settings in force when
/// that world was saved, not those the step began with. The step commanded the overtest's dose target before its wait;
/// restored with the ladder's 100 krad(Si) target, a world 400 h into the exposure (above 105 krad(Si)) tripped the
/// dose-overrun interlock as the resume began and the scenario was Aborted. The run kills itself (SIGKILL of the real
/// child process, <see cref="InStepCut"/>) right after the wait's 100th checkpoint, is resumed, and is compared with the
/// feature's own uninterrupted low-rate run.
/// </summary>
[NonParallelizable]
public class ResumeInsideExposureWaitTests
{
    private const string Feature = "radiation/total-ionizing-dose.feature";
    private const int Line = 49;
    private const int OvertestStep = 7;
    private const int CheckpointInWait = 100;
    private const double LadderTargetGray = 1000; // 100 krad(Si), the ladder's last dose step (the feature's Examples)
    private const double OvertestTargetGray = 1500; // 100 krad(Si) plus the 50 % overtest
    private const double DoseOverrunTolerance = 0.05; // benches/simulated.bench.json, the dose overrun interlock's tolerance

    private static string[] Arguments(string runFolder) =>
        ["run", "--out", runFolder, "--quiet", "--features", TestRepository.Path("features/" + Feature), "--tags", "@low-dose-rate"];

    [Test]
    public async Task A_run_cut_inside_a_long_exposure_resumes_with_the_dose_target_of_that_exposure_and_ends_as_uninterrupted()
    {
        var whole = Path.Combine(Spacebench.NewFolder(), "run");
        var (wholeExit, wholeOutput) = await Spacebench.RunAsync(Arguments(whole));
        Assert.That(ResumeAnywhereTests.Verdicts(whole).Values, Is.All.EqualTo(Verdict.Pass), wholeOutput);

        var runFolder = Path.Combine(Spacebench.NewFolder(), "run");
        using (var child = Spacebench.Start(new Dictionary<string, string> { [InStepCut.InWait.Variable] = $"{Feature}:{Line}:{OvertestStep}:{CheckpointInWait}" }, Arguments(runFolder)))
        {
            var output = child.StandardOutput.ReadToEndAsync();
            await child.WaitForExitAsync();
            Assert.That(child.ExitCode, Is.EqualTo(137), "killed by its own SIGKILL inside the exposure's wait: " + await output);
        }

        Assert.That(ResumePoint.Read(runFolder).Scenarios.Single(s => !s.Finished).FirstUnfinishedStep, Is.EqualTo(OvertestStep), "cut inside the overtest step");
        // The cut is where the step's initial settings cannot hold: the saved dose is past the ladder target's limit.
        var saved = JsonNode.Parse(File.ReadAllText(Path.Combine(runFolder, "checkpoints", "world.json")))!.AsObject();
        var cell = JsonNode.Parse(saved["world"]!.GetValue<string>())!["gammaCells"]![0]!;
        Assert.That(cell["DoseRad"]!.GetValue<double>() / 100, Is.GreaterThan(LadderTargetGray * (1 + DoseOverrunTolerance)).And.LessThan(OvertestTargetGray));
        var beforeCut = ResumeAnywhereTests.RecordedBeforeCut(runFolder);

        var (exit, resumed) = await Spacebench.RunAsync("run", "--resume", runFolder, "--quiet");

        Assert.That(resumed, Does.Contain($"resuming at step {OvertestStep + 1} of"));
        var results = ResultStoreReader.Read(runFolder);
        Assert.That(results.EventsOf(results.Scenarios.Single().Info.ScenarioId).Where(e => e.Kind == BenchEventKind.InterlockTrip).Select(e => e.Message), Is.Empty, resumed);
        Assert.That(ResumeAnywhereTests.Verdicts(runFolder), Is.EquivalentTo(ResumeAnywhereTests.Verdicts(whole)), resumed);
        Assert.That(ResumeAnywhereTests.Measurements(runFolder), Is.EquivalentTo(ResumeAnywhereTests.Measurements(whole)), resumed);
        ResumeAnywhereTests.AssertValuesBeforeTheCut(whole, runFolder, beforeCut);
        Assert.That(exit, Is.EqualTo(wholeExit), resumed);
        // The samples were in the field from the raise before the cut: the gap from the ladder's last test to the overtest's
        // exposure is the uninterrupted run's, not the resume.
        Assert.That(Gap(runFolder), Is.EqualTo(Gap(whole)).Within(1e-3));

        // Because the settings saved with that world command the overtest's target, the one the restore replays.
        var targets = (saved["journal"] is { } journal ? JsonNode.Parse(journal.GetValue<string>())!.AsArray().OfType<JsonObject>() : [])
            .Where(e => (string?)e["Operation"] == "SetDoseTargetAsync").Select(e => e["Arguments"]![0]!.GetValue<double>()).ToList();
        Assert.That(targets, Is.EqualTo(new[] { OvertestTargetGray }), "the settings in force in the wait: the overtest's target");
    }

    private static double Gap(string runFolder) =>
        ResultStoreReader.Read(runFolder).Scenarios[^1].Measurements
            .Single(m => m.StepIndex == OvertestStep && m.Name == "time from parametric test to next exposure").Value.SiValue;
}
