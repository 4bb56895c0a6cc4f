using SpaceTestBench.Cli.Tests.Support;
using SpaceTestBench.Testing;
using SpaceTestBench.Results;

namespace SpaceTestBench.Cli.Tests.Robustness;

/// <summary>
/// <see cref="ResumeAnywhereTests"/> for radiation/single-event-effects.feature, the one default feature that fixture
/// leaves out: its low-flux LET sweep is a third of the default run, so here it runs alone, uninterrupted once and
/// then cut inside its beam runs — by SIGKILL early and late in the upset sweep (the beam run plan, the LET points measured, the ion's
/// fluence counted so far) and by Ctrl-C inside the functional-interrupt run at 32.4 MeV·cm²/mg — and each resume
/// must give back the uninterrupted run's verdicts and measurements, scenario by scenario, its values before the cut
/// exactly and after it within their uncertainties (<see cref="PostCutAgreement"/>).
/// </summary>
[TestFixture]
[NonParallelizable]
public class ResumeAnywhereSingleEventEffectsTests
{
    private const string Feature = "radiation/single-event-effects.feature";
    private static Dictionary<string, Verdict>? _uninterrupted;
    private static Dictionary<string, string>? _uninterruptedMeasurements;
    private static int _uninterruptedExit;
    private static string? _uninterruptedFolder;
    private static string? _referenceFolder;

    [OneTimeSetUp]
    public async Task RunUninterrupted()
    {
        var runFolder = _uninterruptedFolder = Path.Combine(Spacebench.NewFolder(), "run");
        var (exit, output) = await Spacebench.RunAsync([.. Run(runFolder)]);
        _uninterruptedExit = exit;
        (_uninterrupted, _uninterruptedMeasurements) = (ResumeAnywhereTests.Verdicts(runFolder), ResumeAnywhereTests.Measurements(runFolder));
        Assert.That(_uninterrupted, Has.Count.EqualTo(4), "the upset sweep and three functional-interrupt runs", output);
        var referenceFolder = Spacebench.NewFolder();
        _referenceFolder = Path.Combine(referenceFolder, "run");
        await Spacebench.RunAsync([.. Run(_referenceFolder), "--bench", PostCutAgreement.ReseededBench(referenceFolder)]);
    }

    [TestCase("KILL", "Upset cross-section versus LET", 400)]
    [TestCase("KILL", "Upset cross-section versus LET", 2500)]
    [TestCase("INT", "Functional interrupts at LET 32.4", 300)]
    public async Task A_cut_inside_a_beam_run_resumes_to_the_verdicts_of_the_uninterrupted_run(string signal, string scenario, int delayMs)
    {
        var runFolder = Path.Combine(Spacebench.NewFolder(), "run");
        await ResumeAnywhereTests.CutAsync(signal, new ResumeAnywhereTests.Cut(runFolder, Feature, scenario, -1, delayMs), [.. Run(runFolder)]);
        var beforeCut = ResumeAnywhereTests.RecordedBeforeCut(runFolder);

        var (exit, output) = await Spacebench.RunAsync("run", "--resume", runFolder, "--quiet");

        Assert.That(ResumeAnywhereTests.Verdicts(runFolder), Is.EquivalentTo(_uninterrupted!), output);
        Assert.That(ResumeAnywhereTests.Measurements(runFolder), Is.EquivalentTo(_uninterruptedMeasurements!), output);
        ResumeAnywhereTests.AssertValuesBeforeTheCut(_uninterruptedFolder!, runFolder, beforeCut);
        PostCutAgreement.ReportValuesAfterTheCut(_uninterruptedFolder!, _referenceFolder!, runFolder, beforeCut);
        Assert.That(exit, Is.EqualTo(_uninterruptedExit), output);
    }

    private static IEnumerable<string> Run(string runFolder) =>
        ["run", "--out", runFolder, "--quiet", "--features", TestRepository.Path("features/" + Feature)];
}
