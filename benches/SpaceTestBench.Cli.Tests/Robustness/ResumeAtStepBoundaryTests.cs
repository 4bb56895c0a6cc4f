using SpaceTestBench.Cli.Tests.Support;
using SpaceTestBench.Steps.Resuming;
using SpaceTestBench.Testing;

namespace SpaceTestBench.Cli.Tests.Robustness;

/// <summary>
/// Issue 15: a SIGKILL that lands exactly between two steps — the previous step's end on record, the next not begun —
/// is the one cut a signal timed from outside cannot be aimed at, and the one where nothing re-runs to spend bench
/// time: the resume must itself give the bench the time its restored conditions take (the DUT's boot after its power
/// comes back, the running workload, the chamber's vacuum) before the next step runs. The run kills itself there
/// (<see cref="StepBoundaryCut"/>), is resumed, and is compared with its own uninterrupted run of the same feature: the
/// same verdicts and measurements, and the same values for everything recorded before the cut.
/// </summary>
[NonParallelizable]
public class ResumeAtStepBoundaryTests
{
    private static readonly Dictionary<string, (Dictionary<string, Results.Verdict> Verdicts, Dictionary<string, string> Measurements, int Exit, string Folder)> Uninterrupted = [];

    /// <summary>
    /// Each cut names what the next step needs of the bench: a DUT just powered (it must boot before its parametrics
    /// settle), a memory test just started (the DUT up and running it before the beam's plan and run), the chamber just
    /// pumped down (the vacuum back before the ramp and the cycles), the gamma source just set (its rate before the DUT's
    /// reference and the first exposure).
    /// </summary>
    [TestCase("radiation/proton.feature", 31, 1)]
    [TestCase("radiation/proton.feature", 31, 3)]
    [TestCase("thermal/thermal-vacuum.feature", 39, 2)]
    public async Task A_run_killed_between_two_steps_resumes_to_the_verdicts_and_measurements_of_the_uninterrupted_run(string feature, int line, int step)
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
    }

    /// <summary>The first unfinished step of the run's open scenario, as a resume reads it.</summary>
    private static int ResumePointOf(string runFolder) =>
        Results.Store.ResumePoint.Read(runFolder).Scenarios.Single(s => !s.Finished).FirstUnfinishedStep;

    private static async Task<(Dictionary<string, Results.Verdict> Verdicts, Dictionary<string, string> Measurements, int Exit, string Folder)> UninterruptedAsync(string feature, string[] features)
    {
        if (!Uninterrupted.TryGetValue(feature, out var whole))
        {
            var runFolder = Path.Combine(Spacebench.NewFolder(), "run");
            var (exit, _) = await Spacebench.RunAsync(["run", "--out", runFolder, "--quiet", .. features]);
            Uninterrupted[feature] = whole = (ResumeAnywhereTests.Verdicts(runFolder), ResumeAnywhereTests.Measurements(runFolder), exit, runFolder);
        }

        return whole;
    }
}
