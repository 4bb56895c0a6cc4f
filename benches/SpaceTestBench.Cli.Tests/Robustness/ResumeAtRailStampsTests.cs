using SpaceTestBench.Cli.Tests.Support;
using SpaceTestBench.Testing;

namespace SpaceTestBench.Cli.Tests.Robustness;

/// <summary>
/// Issue 15: bench-time stamps kept in scenario state (a rail's switch-on, a ramp's or dip's restore, the DUT's reset
/// count before it) are re-based on the resumed clock. A cut of the power features right where they are read, resumed,
/// gives the verdicts and measurements of their own uninterrupted run, its values before the cut exactly, and after it
/// the values of <see cref="PostCutAgreement"/> (U from a run of the same feature with another seed), the boot and
/// recovery times included: the resume re-creates the power-up the completed steps made (the sequence with its spacing,
/// the ramp's rise, the dip's restore), so they are the DUT's response to it, not to the restore's cold start.
/// </summary>
[NonParallelizable]
public class ResumeAtRailStampsTests
{
    /// <summary>
    /// Cuts that land on the rails' bench-time stamps: after a ramp or dip (the reset count and the recovery time
    /// count from the rail's restore) and after the second rail of a sequence came on (the boot time counts from its
    /// switch-on). These features alone take seconds, so the cut is made at the step and compared with their own
    /// uninterrupted run.
    /// </summary>
    [TestCase("power/brown-out.feature", "The core rail dips to 0 V for 100 ms", 3)]
    [TestCase("power/brown-out.feature", "The core rail ramps down", 3)]
    [TestCase("power/sequencing.feature", "core rail first, then io after 100 ms", 5)]
    public async Task A_power_run_cut_after_a_rail_was_switched_ramped_or_dipped_resumes_to_the_verdicts_of_the_uninterrupted_run(string feature, string scenario, int step)
    {
        var features = new[] { "--features", TestRepository.Path("features/" + feature) };
        var whole = Path.Combine(Spacebench.NewFolder(), "run");
        var (wholeExit, wholeOutput) = await Spacebench.RunAsync(["run", "--out", whole, "--quiet", .. features]);
        var referenceFolder = Spacebench.NewFolder();
        var reference = Path.Combine(referenceFolder, "run");
        await Spacebench.RunAsync(["run", "--out", reference, "--quiet", "--bench", PostCutAgreement.ReseededBench(referenceFolder), .. features]);
        var runFolder = Path.Combine(Spacebench.NewFolder(), "run");
        await ResumeAnywhereTests.CutAsync("KILL", new ResumeAnywhereTests.Cut(runFolder, feature, scenario, step, 0), ["run", "--out", runFolder, "--quiet", .. features]);
        var beforeCut = ResumeAnywhereTests.RecordedBeforeCut(runFolder);

        var (exit, output) = await Spacebench.RunAsync("run", "--resume", runFolder, "--quiet");

        Assert.That(ResumeAnywhereTests.Verdicts(runFolder), Is.EquivalentTo(ResumeAnywhereTests.Verdicts(whole)), output + wholeOutput);
        Assert.That(ResumeAnywhereTests.Measurements(runFolder), Is.EquivalentTo(ResumeAnywhereTests.Measurements(whole)), output);
        ResumeAnywhereTests.AssertValuesBeforeTheCut(whole, runFolder, beforeCut);
        Assert.That(exit, Is.EqualTo(wholeExit), output);
        PostCutAgreement.AssertValuesAfterTheCut(whole, reference, runFolder, beforeCut, null);
    }
}
