using System.Globalization;
using System.Text.Json.Nodes;
using SpaceTestBench.Cli.Tests.Support;
using SpaceTestBench.Results;
using SpaceTestBench.Results.Store;
using SpaceTestBench.Steps.Resuming;
using SpaceTestBench.Testing;

namespace SpaceTestBench.Cli.Tests.Robustness;

/// <summary>
/// Issue 15: a TID ladder cut inside a later exposure continues that exposure on resume, keeping the dose steps it had
/// exposed and tested before the cut as recorded. Before, the step ran again from its start, found those doses delivered,
/// and re-tested each of them at the dose the cut found delivered, superseding the rows measured at each step's own dose:
/// honest, but no test at the step's dose, and not the uninterrupted run's record. The low-rate (ELDRS) ladder of TM 1019
/// at 9 mrad(Si)/s saves its world every 4 h of an exposure; the run kills itself (SIGKILL of the real child process,
/// <see cref="InStepCut"/>) right after the ladder's 100th in-wait checkpoint, inside its third exposure (10 to
/// 20 krad(Si), the first two are 38 checkpoints each), is resumed, and is compared with the feature's own uninterrupted
/// low-rate run: the rows of the two dose steps before the cut exactly, value and bench time, the rest within their
/// uncertainties (<see cref="PostCutAgreement"/>, U from a run with another seed).
/// </summary>
[NonParallelizable]
public class ResumeInsideLadderExposureTests
{
    private const string Feature = "radiation/total-ionizing-dose.feature";
    private const int Line = 49;
    private const int LadderStep = 6;
    private const int CheckpointInWait = 100;
    private const double SecondDoseStepRad = 10_000; // the Examples' dose steps: 5, 10, 20 … krad(Si)
    private const double ThirdDoseStepRad = 20_000;

    private static string[] Arguments(string runFolder) =>
        ["run", "--out", runFolder, "--quiet", "--features", TestRepository.Path("features/" + Feature), "--tags", "@low-dose-rate"];

    [Test]
    public async Task A_ladder_cut_inside_a_later_exposure_keeps_the_dose_steps_tested_before_the_cut_and_continues_the_exposure()
    {
        var whole = Path.Combine(Spacebench.NewFolder(), "run");
        var (wholeExit, wholeOutput) = await Spacebench.RunAsync(Arguments(whole));
        Assert.That(ResumeAnywhereTests.Verdicts(whole).Values, Is.All.EqualTo(Verdict.Pass), wholeOutput);
        var referenceFolder = Spacebench.NewFolder();
        var reference = Path.Combine(referenceFolder, "run");
        await Spacebench.RunAsync([.. Arguments(reference), "--bench", PostCutAgreement.ReseededBench(referenceFolder)]);

        var runFolder = Path.Combine(Spacebench.NewFolder(), "run");
        using (var child = Spacebench.Start(new Dictionary<string, string> { [InStepCut.InWait.Variable] = $"{Feature}:{Line}:{LadderStep}:{CheckpointInWait}" }, Arguments(runFolder)))
        {
            var output = child.StandardOutput.ReadToEndAsync();
            await child.WaitForExitAsync();
            Assert.That(child.ExitCode, Is.EqualTo(137), "killed by its own SIGKILL inside the exposure's wait: " + await output);
        }

        Assert.That(ResumePoint.Read(runFolder).Scenarios.Single(s => !s.Finished).FirstUnfinishedStep, Is.EqualTo(LadderStep), "cut inside the ladder");
        var saved = JsonNode.Parse(File.ReadAllText(Path.Combine(runFolder, "checkpoints", "world.json")))!.AsObject();
        var cell = JsonNode.Parse(saved["world"]!.GetValue<string>())!["gammaCells"]![0]!;
        Assert.That(cell["DoseRad"]!.GetValue<double>(), Is.GreaterThan(SecondDoseStepRad).And.LessThan(ThirdDoseStepRad), "inside the third exposure");
        Assert.That(saved["state"], Is.Not.Null, "the ladder's progress saved with the world inside its exposure");
        var cutAt = DateTimeOffset.Parse(saved["savedAt"]!.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
        var beforeCut = ResumeAnywhereTests.RecordedBeforeCut(runFolder);

        var (exit, resumed) = await Spacebench.RunAsync("run", "--resume", runFolder, "--quiet");

        Assert.That(resumed, Does.Contain($"resuming at step {LadderStep + 1} of"));
        Assert.That(ResumeAnywhereTests.Verdicts(runFolder), Is.EquivalentTo(ResumeAnywhereTests.Verdicts(whole)), resumed);
        Assert.That(ResumeAnywhereTests.Measurements(runFolder), Is.EquivalentTo(ResumeAnywhereTests.Measurements(whole)), resumed);
        ResumeAnywhereTests.AssertValuesBeforeTheCut(whole, runFolder, beforeCut);
        Assert.That(exit, Is.EqualTo(wholeExit), resumed);

        // The ladder's rows before the cut — the first two dose steps' tests, each at its own dose, and the gap to the third
        // exposure — are the uninterrupted run's, value for value and bench time for bench time, each once.
        var kept = LadderRowsBefore(whole, cutAt);
        Assert.That(kept.Where(r => r.Contains("time from end of exposure to parametric test", StringComparison.Ordinal)).Count(), Is.EqualTo(22), "both dose steps' tests, 11 samples each");
        Assert.That(LadderRowsBefore(runFolder, cutAt), Is.EqualTo(kept));
        PostCutAgreement.AssertValuesAfterTheCut(whole, reference, runFolder, beforeCut);
    }

    private static List<string> LadderRowsBefore(string runFolder, DateTimeOffset moment)
    {
        var results = ResultStoreReader.Read(runFolder);
        var start = results.Run.StartedBench;
        return results.Scenarios[^1].Measurements
            .Where(m => m.StepIndex == LadderStep && m.BenchTime < moment)
            .Select(m => FormattableString.Invariant(
                $"{m.Name} = {m.Value.SiValue:R} ({m.Value.Unit}) {m.Verdict} at +{(m.BenchTime - start).Ticks} ticks; {string.Join(", ", m.Conditions.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => FormattableString.Invariant($"{c.Key} = {c.Value.SiValue:R}")))}"))
            .ToList();
    }
}
