using SpaceTestBench.Cli.Tests.Support;
using SpaceTestBench.Results;
using SpaceTestBench.Results.Recording;
using SpaceTestBench.Results.Store;
using SpaceTestBench.Steps.Resuming;
using SpaceTestBench.Testing;

namespace SpaceTestBench.Cli.Tests.Robustness;

/// <summary>
/// Issue 15: a scenario cut after a step that failed (or the skipped step after it) resumes to the uninterrupted run's
/// ending — its remaining steps skipped unrun, not run on a bench with no checkpoint after the failure — not to Error.
/// The auto-retrying DUT latches up ten times under the single-event latch-up suite's beam, so the count step (8) fails
/// on its judged limit and the steps after it are skipped. The run cuts itself after step 8 and after step 9
/// (<see cref="StepBoundaryCut"/>) and is resumed (docs/safety.md, "resumes to Error").
/// </summary>
[NonParallelizable]
public class ResumeAfterFailedStepTests
{
    private const string Feature = "radiation/single-event-latchup.feature";
    private static (int Exit, string Folder, string Output)? _uninterrupted;

    private static string[] Arguments => ["--features", TestRepository.Path("features/" + Feature), "--dut", TestRepository.Path("fixtures/duts/rad-tolerant-soc.json")];

    /// <summary>Without a cut the count step fails on its limit and the rest are skipped: Fail, which the resumes below must give again.</summary>
    [Test]
    public async Task The_uninterrupted_run_fails_the_count_step_and_skips_the_rest()
    {
        var (exit, folder, output) = await UninterruptedAsync();

        Assert.That(exit, Is.EqualTo(ExitCodes.Failed), output);
        var steps = ResultStoreReader.Read(folder).Scenarios.Single().Steps;
        Assert.Multiple(() =>
        {
            Assert.That(steps.Single(s => s.Index == 8).Outcome, Is.EqualTo(StepOutcome.Failed));
            Assert.That(steps.Where(s => s.Index > 8).Select(s => s.Outcome), Is.Not.Empty.And.All.EqualTo(StepOutcome.Skipped));
            Assert.That(ResumeAnywhereTests.Verdicts(folder).Values.Single(), Is.EqualTo(Verdict.Fail));
        });
    }

    /// <summary>
    /// Cut before the failed step (after 7: it runs again, and fails again, as usual), after it or after the skipped one,
    /// resumed: the same step outcomes, the same measurement rows (name,
    /// unit, verdict), the values before the cut exact, the scenario Fail and the same exit code; nothing is Error.
    /// </summary>
    [TestCase(7)]
    [TestCase(8)]
    [TestCase(9)]
    public async Task A_resume_after_the_failed_step_skips_the_rest_and_fails_as_the_uninterrupted_run(int cutAfter)
    {
        var whole = await UninterruptedAsync();
        var runFolder = Path.Combine(Spacebench.NewFolder(), "run");
        using (var child = Spacebench.Start(new Dictionary<string, string> { [StepBoundaryCut.Variable] = $"{Feature}:32:{cutAfter}" }, ["run", "--out", runFolder, "--quiet", .. Arguments]))
        {
            var cutOutput = child.StandardOutput.ReadToEndAsync();
            await child.WaitForExitAsync();
            Assert.That(child.ExitCode, Is.EqualTo(137), "killed by its own SIGKILL at the cut: " + await cutOutput);
        }

        Assert.That(ResumePoint.Read(runFolder).Scenarios.Single(s => !s.Finished).FirstUnfinishedStep, Is.EqualTo(cutAfter + 1));
        var beforeCut = ResumeAnywhereTests.RecordedBeforeCut(runFolder);

        var (exit, output) = await Spacebench.RunAsync("run", "--resume", runFolder);

        var uninterrupted = ResultStoreReader.Read(whole.Folder).Scenarios.Single();
        var resumed = ResultStoreReader.Read(runFolder).Scenarios.Single();
        Assert.Multiple(() =>
        {
            Assert.That(ResumeAnywhereTests.Verdicts(runFolder).Values.Single(), Is.EqualTo(Verdict.Fail), output);
            Assert.That(resumed.RecordedVerdict, Is.EqualTo(Verdict.Fail), "the verdict the resumed scenario recorded at its end");
            Assert.That(Outcomes(resumed), Is.EqualTo(Outcomes(uninterrupted)), "every step's outcome: the steps after the failed one skipped, unrun");
            Assert.That(resumed.Measurements.Select(Row), Is.EqualTo(uninterrupted.Measurements.Select(Row)));
            Assert.That(exit, Is.EqualTo(whole.Exit));
        });
        ResumeAnywhereTests.AssertValuesBeforeTheCut(whole.Folder, runFolder, beforeCut);
    }

    private static string Row(MeasurementResult m) => $"{m.StepIndex} {m.Name} ({m.Value.Unit}) {m.Verdict}";

    private static List<string> Outcomes(ScenarioResult scenario) =>
        [.. scenario.Steps.Where(s => s.Finished).OrderBy(s => s.Index).Select(s => $"{s.Index} {s.Outcome}")];

    private static async Task<(int Exit, string Folder, string Output)> UninterruptedAsync()
    {
        if (_uninterrupted is null)
        {
            var folder = Path.Combine(Spacebench.NewFolder(), "run");
            var (exit, output) = await Spacebench.RunAsync(["run", "--out", folder, "--quiet", .. Arguments]);
            _uninterrupted = (exit, folder, output);
        }

        return _uninterrupted.Value;
    }
}
