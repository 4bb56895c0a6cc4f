using SpaceTestBench.Cli.Tests.Support;
using SpaceTestBench.Results;
using SpaceTestBench.Results.Store;
using SpaceTestBench.Steps.Resuming;
using SpaceTestBench.Testing;

namespace SpaceTestBench.Cli.Tests.Robustness;

/// <summary>
/// Issue 15: a state a completed step established in the DUT that only lasts while it stays powered — the DUT's
/// latching protection tripped off by the over-current suite's fault — is cleared by a resume's safe state and settings
/// restore, which power-cycle the DUT as a real power cut does. Restoring it would contradict that power cycle, making it
/// again would repeat the fault on the part. So the look at it is recorded Inconclusive with the reason (the resume's
/// power cycle, the step that established the state), never Pass or Fail, and the rest of the scenario is judged as
/// usual (docs/safety.md, "Resuming inside a scenario", latched states). The run cuts itself right after the suite's
/// peak-current step (<see cref="StepBoundaryCut"/>), before its response and recovery steps, and is resumed.
/// </summary>
[NonParallelizable]
public class ResumeAfterLatchedProtectionTests
{
    private const string Feature = "power/over-current-protection.feature";
    private const string Hold = "DUT rail held off by its latched protection";
    private static (int Exit, string Folder, string Output)? _uninterrupted;

    private static string[] Features => ["--features", TestRepository.Path("features/" + Feature)];

    /// <summary>Without a cut the latch is seen holding the rail off, and the suite passes: the Inconclusive below is the resume's, not the part's.</summary>
    [Test]
    public async Task The_uninterrupted_run_sees_the_latch_hold_the_rail_off_and_passes()
    {
        var (exit, folder, output) = await UninterruptedAsync();

        Assert.That(exit, Is.EqualTo(ExitCodes.Passed), output);
        var scenario = ResultStoreReader.Read(folder).Scenarios.Single();
        var hold = scenario.Measurements.Single(m => m.Name == Hold);
        Assert.That((hold.Value.Value, hold.Verdict), Is.EqualTo((1.0, Verdict.Pass)));
        Assert.That(ResumeAnywhereTests.Verdicts(folder).Values.Single(), Is.EqualTo(Verdict.Pass));
    }

    /// <summary>
    /// Cut after the fault's peak was judged, resumed: the hold is recorded Inconclusive, its reason naming the resume's
    /// power cycle and the fault step, in the console, beside the row of the report and in its deviations; every other
    /// row has the uninterrupted run's name, unit and verdict (the power cycle, the boot, the damage check and the
    /// functional test after it judged as usual), every value before the cut is the uninterrupted run's, the scenario is
    /// Inconclusive and the exit code the one an Inconclusive run gives.
    /// </summary>
    [Test]
    public async Task A_resume_after_the_fault_records_the_latchs_hold_inconclusive_with_its_reason_and_judges_the_rest_as_usual()
    {
        var whole = await UninterruptedAsync();
        var runFolder = Path.Combine(Spacebench.NewFolder(), "run");
        using (var child = Spacebench.Start(new Dictionary<string, string> { [StepBoundaryCut.Variable] = $"{Feature}:30:4" }, ["run", "--out", runFolder, "--quiet", .. Features]))
        {
            var cutOutput = child.StandardOutput.ReadToEndAsync();
            await child.WaitForExitAsync();
            Assert.That(child.ExitCode, Is.EqualTo(137), "killed by its own SIGKILL at the cut: " + await cutOutput);
        }

        Assert.That(ResumePoint.Read(runFolder).Scenarios.Single(s => !s.Finished).FirstUnfinishedStep, Is.EqualTo(5), "the record ends after the peak's step, before the response's");
        var beforeCut = ResumeAnywhereTests.RecordedBeforeCut(runFolder);

        var (exit, output) = await Spacebench.RunAsync("run", "--resume", runFolder);

        var uninterrupted = ResultStoreReader.Read(whole.Folder).Scenarios.Single().Measurements;
        var resumed = ResultStoreReader.Read(runFolder).Scenarios.Single().Measurements;
        var hold = resumed.Single(m => m.Name == Hold);
        Assert.Multiple(() =>
        {
            Assert.That(hold.Verdict, Is.EqualTo(Verdict.Inconclusive), output);
            Assert.That(hold.Decision, Does.Contain("Inconclusive: a resume of the run power-cycled the DUT after step 4 established the DUT's latching protection's response to a fault of 100 mΩ across its core rail"));
            Assert.That(hold.Decision, Does.Contain("its settings restore on again at 20"), "the resume's power cycle named by its bench time");
            Assert.That(resumed.Select(Row), Is.EqualTo(uninterrupted.Select(m => m.Name == Hold ? $"{m.StepIndex} {m.Name} ({m.Value.Unit}) {Verdict.Inconclusive}" : Row(m))),
                "every other row as the uninterrupted run recorded it: the power cycle and boot after the look, the damage check and the functional test judged as usual");
            Assert.That(ResumeAnywhereTests.Verdicts(runFolder).Values.Single(), Is.EqualTo(Verdict.Inconclusive));
            Assert.That(exit, Is.EqualTo(ExitCodes.Failed), "only Pass passes: an Inconclusive run exits as any run that is not Pass");
        });
        ResumeAnywhereTests.AssertValuesBeforeTheCut(whole.Folder, runFolder, beforeCut);

        // What the QA engineer signing the run reads: the reason in the console, beside the row and in the deviations.
        var reason = hold.Decision![(hold.Decision!.IndexOf("Inconclusive: ", StringComparison.Ordinal) + "Inconclusive: ".Length)..];
        Assert.That(Flatten(output), Does.Contain(reason[..80]), "the console's line for the scenario gives the reason");
        var report = await File.ReadAllTextAsync(Path.Combine(runFolder, "report.html"));
        var deviations = report[report.IndexOf("<section id=\"deviations\">", StringComparison.Ordinal)..];
        deviations = deviations[..deviations.IndexOf("</section>", StringComparison.Ordinal)];
        Assert.Multiple(() =>
        {
            Assert.That(report, Does.Contain(Html(hold.Decision!)), "beside the row");
            Assert.That(deviations, Does.Contain(Html($"The latched protection's hold was recorded Inconclusive, not judged: {reason}.")), "in the deviations log");
            Assert.That(deviations, Does.Contain("resumed run"));
        });
    }

    /// <summary>Text as the report escapes it (HtmlText.E: the five characters HTML reserves, nothing else).</summary>
    private static string Html(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal).Replace("'", "&#39;", StringComparison.Ordinal);

    private static string Row(MeasurementResult m) => $"{m.StepIndex} {m.Name} ({m.Value.Unit}) {m.Verdict}";

    /// <summary>The console wraps long lines at its width: joined again to find a sentence.</summary>
    private static string Flatten(string output) => output.Replace("\r", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal);

    private static async Task<(int Exit, string Folder, string Output)> UninterruptedAsync()
    {
        if (_uninterrupted is null)
        {
            var folder = Path.Combine(Spacebench.NewFolder(), "run");
            var (exit, output) = await Spacebench.RunAsync(["run", "--out", folder, "--quiet", .. Features]);
            _uninterrupted = (exit, folder, output);
        }

        return _uninterrupted.Value;
    }
}
