using System.Text.Json.Nodes;
using SpaceTestBench.Cli.Tests.Support;
using SpaceTestBench.Results.Store;
using SpaceTestBench.Steps.Resuming;
using SpaceTestBench.Testing;

namespace SpaceTestBench.Cli.Tests.Robustness;

/// <summary>
/// Issue 15: a SIGKILL that lands exactly between two steps — the previous step's end on record, the next not begun —
/// is the one cut a signal timed from outside cannot be aimed at, and the one where nothing re-runs to spend bench
/// time: the resume must itself give the bench the time its restored conditions take (the DUT's boot after its power
/// comes back, the running workload, the chamber's vacuum) before the next step runs. The run kills itself there
/// (<see cref="StepBoundaryCut"/>), is resumed, and is compared with its own uninterrupted run of the same feature: the
/// same verdicts and measurements, the same values for everything recorded before the cut, and values after it that
/// agree with the uninterrupted run's within their uncertainties (<see cref="PostCutAgreement"/>).
/// </summary>
[NonParallelizable]
public class ResumeAtStepBoundaryTests
{
    private static readonly Dictionary<string, (Dictionary<string, Results.Verdict> Verdicts, Dictionary<string, string> Measurements, int Exit, string Folder, string Reference)> Uninterrupted = [];

    /// <summary>
    /// Each cut names what the next step needs of the bench: a DUT just powered (it must boot before its parametrics
    /// settle), a memory test just started (the DUT up and running it before the beam's plan and run), the chamber just
    /// pumped down (the vacuum back before the ramp and the cycles), the gamma source just set (its rate before the DUT's
    /// reference and the first exposure), the thermal shock chamber's zones at their setpoints and its lot loaded (the
    /// zones' air, the basket and the load's temperature and time constant are the world's, restored from the
    /// checkpoint: a fresh chamber's zones at room temperature would fail the load's 15 min to the extreme), the lot's
    /// dose steps of TID by ESCC 22900 done (every sample's dose and trapped charge before the overtest and the anneals,
    /// whose parametrics after the cut show a lost dose).
    /// </summary>
    [TestCase("radiation/proton.feature", 31, 1, null)]
    [TestCase("radiation/proton.feature", 31, 3, null)]
    [TestCase("radiation/proton.feature", 32, 1, null)]
    [TestCase("thermal/thermal-vacuum.feature", 39, 2, null)]
    [TestCase("thermal/thermal-shock-tm1010.feature", 28, 2, null)]
    [TestCase("radiation/total-ionizing-dose-escc-22900.feature", 42, 6, null)]
    public async Task A_run_killed_between_two_steps_resumes_to_the_verdicts_and_measurements_of_the_uninterrupted_run(string feature, int line, int step, string? knownDivergence)
    {
        var features = new[] { "--features", TestRepository.Path("features/" + feature) };
        var whole = await UninterruptedAsync(feature, features);
        var runFolder = Path.Combine(Spacebench.NewFolder(), "run");
        using (var child = Spacebench.Start(new Dictionary<string, string> { [StepBoundaryCut.Variable] = $"{feature}:{line}:{step}" }, ["run", "--out", runFolder, "--quiet", .. features]))
        {
            var output = child.StandardOutput.ReadToEndAsync();
            await child.WaitForExitAsync();
            Assert.That(child.ExitCode, Is.EqualTo(137), "killed by its own SIGKILL at the cut: " + await output);
        }

        var completed = ResumePointOf(runFolder);
        Assert.That(completed, Is.EqualTo(step + 1), "the record ends between the two steps: the cut step finished, the next not begun");
        var beforeCut = ResumeAnywhereTests.RecordedBeforeCut(runFolder);

        var (exit, resumed) = await Spacebench.RunAsync("run", "--resume", runFolder, "--quiet");

        Assert.That(resumed, Does.Contain($"resuming at step {step + 2} of"));
        Assert.That(ResumeAnywhereTests.Verdicts(runFolder), Is.EquivalentTo(whole.Verdicts), resumed);
        Assert.That(ResumeAnywhereTests.Measurements(runFolder), Is.EquivalentTo(whole.Measurements), resumed);
        ResumeAnywhereTests.AssertValuesBeforeTheCut(whole.Folder, runFolder, beforeCut);
        Assert.That(exit, Is.EqualTo(whole.Exit), resumed);
        PostCutAgreement.AssertValuesAfterTheCut(whole.Folder, whole.Reference, runFolder, beforeCut, knownDivergence);
    }

    /// <summary>
    /// A resumed scenario whose completed step held the DUT at a temperature gets it back there before its next step:
    /// cut right after the latch-up suite brought the DUT to 125 °C, with the checkpoint's world set to what a power
    /// failure leaves (chamber air and DUT back at room temperature), the resume waits for the chamber to bring the DUT
    /// back — bench time passes before the next step starts, as a ramp of some 100 K at 2 K/min takes — and the scenario
    /// ends with the uninterrupted run's verdicts and measurements, its DUT at the temperature it was tested at then.
    /// </summary>
    [Test]
    public async Task A_resume_after_a_hold_waits_until_the_chamber_has_the_DUT_back_at_its_temperature()
    {
        const string feature = "radiation/single-event-latchup.feature";
        var features = new[] { "--features", TestRepository.Path("features/" + feature) };
        var whole = await UninterruptedAsync(feature, features);
        var runFolder = Path.Combine(Spacebench.NewFolder(), "run");
        using (var child = Spacebench.Start(new Dictionary<string, string> { [StepBoundaryCut.Variable] = $"{feature}:32:1" }, ["run", "--out", runFolder, "--quiet", .. features]))
        {
            var output = child.StandardOutput.ReadToEndAsync();
            await child.WaitForExitAsync();
            Assert.That(child.ExitCode, Is.EqualTo(137), "killed by its own SIGKILL after the hold: " + await output);
        }

        var cooled = CoolTheSavedWorld(runFolder, nextStep: 2);
        Assert.That(cooled, Is.GreaterThan(0), "the checkpoint before the next step holds the world");

        var (exit, resumed) = await Spacebench.RunAsync("run", "--resume", runFolder, "--quiet");

        var scenario = ResultStoreReader.Read(runFolder).Scenarios.Single();
        var held = scenario.Steps.Single(s => s.Index == 1);
        var next = scenario.Steps.Single(s => s.Index == 2);
        Assert.That(next.StartedBench!.Value - held.FinishedBench!.Value, Is.GreaterThan(TimeSpan.FromMinutes(30)), "the chamber took its time to bring the DUT back from room temperature: " + resumed);
        Assert.That(ResumeAnywhereTests.Verdicts(runFolder), Is.EquivalentTo(whole.Verdicts), resumed);
        Assert.That(ResumeAnywhereTests.Measurements(runFolder), Is.EquivalentTo(whole.Measurements), resumed);
        var testedAt = scenario.Measurements.First(m => m.Name == "functional test result").Conditions["DUT temperature"];
        Assert.That(testedAt.ConvertTo(Results.Quantities.Units.DegreeCelsius).Value, Is.GreaterThan(125), "the DUT tested hot, not at the room temperature the power failure left");
        Assert.That(exit, Is.EqualTo(whole.Exit), resumed);
    }

    /// <summary>Sets the chamber air and the DUT of the saved worlds a resume restores before <paramref name="nextStep"/> to room temperature; returns how many it changed.</summary>
    private static int CoolTheSavedWorld(string runFolder, int nextStep)
    {
        const double room = 296.15;
        var changed = 0;
        foreach (var file in Directory.GetFiles(Path.Combine(runFolder, "checkpoints"), $"before-step-{nextStep}.json", SearchOption.AllDirectories)
            .Concat(Directory.GetFiles(Path.Combine(runFolder, "checkpoints"), "world.json", SearchOption.AllDirectories)))
        {
            var checkpoint = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
            if (checkpoint["world"]?.GetValue<string>() is not { } saved)
            {
                continue;
            }

            var world = JsonNode.Parse(saved)!.AsObject();
            foreach (var chamber in world["chambers"]!.AsArray().OfType<JsonObject>())
            {
                chamber["Air"] = room;
                chamber["AirRate"] = 0.0;
                chamber["Target"] = room;
            }

            world["dut"]!["CaseKelvin"] = room;
            checkpoint["world"] = world.ToJsonString();
            File.WriteAllText(file, checkpoint.ToJsonString());
            changed++;
        }

        return changed;
    }

    /// <summary>The first unfinished step of the run's open scenario, as a resume reads it.</summary>
    private static int ResumePointOf(string runFolder) =>
        Results.Store.ResumePoint.Read(runFolder).Scenarios.Single(s => !s.Finished).FirstUnfinishedStep;

    /// <summary>The feature's uninterrupted run, once per fixture, and its reference run with another seed (<see cref="PostCutAgreement"/>).</summary>
    private static async Task<(Dictionary<string, Results.Verdict> Verdicts, Dictionary<string, string> Measurements, int Exit, string Folder, string Reference)> UninterruptedAsync(string feature, string[] features)
    {
        if (!Uninterrupted.TryGetValue(feature, out var whole))
        {
            var runFolder = Path.Combine(Spacebench.NewFolder(), "run");
            var (exit, _) = await Spacebench.RunAsync(["run", "--out", runFolder, "--quiet", .. features]);
            var referenceFolder = Spacebench.NewFolder();
            var reference = Path.Combine(referenceFolder, "run");
            await Spacebench.RunAsync(["run", "--out", reference, "--quiet", "--bench", PostCutAgreement.ReseededBench(referenceFolder), .. features]);
            Uninterrupted[feature] = whole = (ResumeAnywhereTests.Verdicts(runFolder), ResumeAnywhereTests.Measurements(runFolder), exit, runFolder, reference);
        }

        return whole;
    }
}
