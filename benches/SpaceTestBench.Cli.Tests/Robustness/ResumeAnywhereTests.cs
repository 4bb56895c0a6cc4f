using System.Diagnostics;
using System.Globalization;
using SpaceTestBench.Cli.Tests.Support;
using SpaceTestBench.Results;
using SpaceTestBench.Results.Judging;
using SpaceTestBench.Results.Store;
using SpaceTestBench.Testing;

namespace SpaceTestBench.Cli.Tests.Robustness;

/// <summary>
/// Issue 15's evidence: the default run (every feature, the simulated bench, a real child process) cut at many
/// moments — SIGKILL eight times, Ctrl-C (SIGINT) twice, and once killed again during its resume — each resumed
/// to the end, gives every scenario the verdict the uninterrupted run gives it and records the same measurements
/// with the same verdicts, with the same exit code; and every value recorded before the cut is the uninterrupted
/// run's, exactly (the run is reproducible value for value, <see cref="ReproducibleRunTests"/>, and a resume neither
/// rewrites nor loses what was recorded), and every value recorded after it agrees with the uninterrupted run's within
/// their uncertainties (<see cref="PostCutAgreement"/>: E_n, U from a run with another seed). A cut is placed by name, not by position: a number of
/// milliseconds after the run's store shows a named scenario (or one of its steps) started, so scenarios other
/// engineers add to the default run move no cut out of the scenario it was meant for.
/// </summary>
[NonParallelizable]
public class ResumeAnywhereTests
{
    private static Dictionary<string, Verdict>? _uninterrupted;
    private static Dictionary<string, string>? _uninterruptedMeasurements;
    private static int _uninterruptedExit;
    private static string? _uninterruptedFolder;
    private static string? _referenceFolder;

    [OneTimeSetUp]
    public async Task RunUninterrupted()
    {
        var runFolder = _uninterruptedFolder = Path.Combine(Spacebench.NewFolder(), "run");
        using var child = Spacebench.Start([.. Run(runFolder)]);
        var output = child.StandardOutput.ReadToEndAsync();
        await child.WaitForExitAsync();
        _uninterruptedExit = child.ExitCode;
        (_uninterrupted, _uninterruptedMeasurements) = (Verdicts(runFolder), Measurements(runFolder));
        Assert.That(_uninterrupted, Has.Count.GreaterThan(30), await output);

        // The same run with another seed: the Type A evaluation of the values' uncertainties after a cut (PostCutAgreement).
        var referenceFolder = Spacebench.NewFolder();
        _referenceFolder = Path.Combine(referenceFolder, "run");
        await Spacebench.RunAsync([.. Run(_referenceFolder), "--bench", PostCutAgreement.ReseededBench(referenceFolder)]);
    }

    // Every feature but radiation/single-event-effects.feature (cut in ResumeAnywhereSingleEventEffectsTests, run alone), whose low-flux LET sweep is a third of the default
    // run's time and would make these twelve runs the longest part of the test run; its beam runs are the same
    // procedure as AI inference's and the latch-up suite's, which are cut here. Each cut names where it lands and what
    // a resume there must give back: the link (acquisition), AI inference under heavy ions (the beam run plan), protons
    // at 30 MeV (the DUT's boot), latch-up at 125 °C (heavy ions, hot chamber), TID by ESCC 22900 at the low rate (the
    // gamma cell's dose), TID ELDRS by TM 1019 (dose and anneals), thermal cycling inside its cycling step (the
    // plateaus' traces), thermal vacuum (the pump-down); by Ctrl-C, AI inference under protons and protons at 200 MeV.
    // A cut that lands elsewhere in its scenario still has to resume to the same verdicts.
    [TestCase("KILL", "link/optical-inter-satellite-link.feature", "Acquisition from a closed shutter", -1, 300)]
    [TestCase("KILL", "payload/ai-inference.feature", "Heavy ions at LET 20.4", -1, 400)]
    [TestCase("KILL", "radiation/proton.feature", "30 MeV protons", -1, 300)]
    [TestCase("KILL", "radiation/single-event-latchup.feature", "Latch-up immunity", -1, 400)]
    [TestCase("KILL", "radiation/total-ionizing-dose-escc-22900.feature", "Low-rate window", -1, 600)]
    [TestCase("KILL", "radiation/total-ionizing-dose.feature", "ELDRS", -1, 900)]
    [TestCase("KILL", "thermal/thermal-cycling.feature", "Condition B", 5, 50)]
    [TestCase("KILL", "thermal/thermal-vacuum.feature", "27 qualification cycles", -1, 400)]
    [TestCase("INT", "payload/ai-inference.feature", "67 MeV protons", -1, 300)]
    [TestCase("INT", "radiation/proton.feature", "200 MeV protons", -1, 300)]
    public async Task A_run_cut_inside_a_scenario_resumes_to_the_verdicts_of_the_uninterrupted_run(string signal, string feature, string scenario, int step, int delayMs)
    {
        var runFolder = Path.Combine(Spacebench.NewFolder(), "run");
        await CutAsync(signal, new Cut(runFolder, feature, scenario, step, delayMs), [.. Run(runFolder)]);
        var beforeCut = RecordedBeforeCut(runFolder);

        var (exit, output) = await Spacebench.RunAsync("run", "--resume", runFolder, "--quiet");

        Assert.That(Verdicts(runFolder), Is.EquivalentTo(_uninterrupted!), output);
        Assert.That(Measurements(runFolder), Is.EquivalentTo(_uninterruptedMeasurements!), output);
        AssertValuesBeforeTheCut(_uninterruptedFolder!, runFolder, beforeCut);
        PostCutAgreement.ReportValuesAfterTheCut(_uninterruptedFolder!, _referenceFolder!, runFolder, beforeCut);
        Assert.That(exit, Is.EqualTo(_uninterruptedExit), output);
    }

    [Test]
    public async Task A_run_killed_again_during_its_resume_still_ends_with_the_verdicts_of_the_uninterrupted_run()
    {
        var runFolder = Path.Combine(Spacebench.NewFolder(), "run");
        // Inside protons at 200 MeV, then, in the resume, inside TID by ESCC 22900 at the low rate.
        await CutAsync("KILL", new Cut(runFolder, "radiation/proton.feature", "200 MeV protons", -1, 300), [.. Run(runFolder)]);
        // Only what the first process recorded is the uninterrupted run's, value for value: the first resume took its
        // readings at other bench instants, after its own safe state and power cycle (docs/safety.md).
        var beforeFirstCut = RecordedBeforeCut(runFolder);
        await CutAsync("KILL", new Cut(runFolder, "radiation/total-ionizing-dose-escc-22900.feature", "Low-rate window", -1, 600), "run", "--resume", runFolder, "--quiet");

        var (exit, output) = await Spacebench.RunAsync("run", "--resume", runFolder, "--quiet");

        Assert.That(Verdicts(runFolder), Is.EquivalentTo(_uninterrupted!), output);
        Assert.That(Measurements(runFolder), Is.EquivalentTo(_uninterruptedMeasurements!), output);
        AssertValuesBeforeTheCut(_uninterruptedFolder!, runFolder, beforeFirstCut);
        PostCutAgreement.ReportValuesAfterTheCut(_uninterruptedFolder!, _referenceFolder!, runFolder, beforeFirstCut);
        Assert.That(exit, Is.EqualTo(_uninterruptedExit), output);
    }

    /// <summary>Where a cut lands: <paramref name="DelayMs"/> after the run's store shows the scenario of <paramref name="Feature"/> whose name starts with <paramref name="Scenario"/> started (or its step <paramref name="Step"/>, 0-based, if not −1).</summary>
    internal sealed record Cut(string RunFolder, string Feature, string Scenario, int Step, int DelayMs);

    private static readonly string[] ResumedFeatures =
    [
        "features/link", "features/payload", "features/power", "features/radiation/proton.feature",
        "features/radiation/single-event-latchup.feature", "features/radiation/total-ionizing-dose-escc-22900.feature",
        "features/radiation/total-ionizing-dose.feature", "features/thermal",
    ];

    private static IEnumerable<string> Run(string runFolder) =>
        new[] { "run", "--out", runFolder, "--quiet" }.Concat(ResumedFeatures.SelectMany(f => new[] { "--features", TestRepository.Path(f) }));

    internal static async Task CutAsync(string signal, Cut cut, params string[] args)
    {
        using var child = Spacebench.Start(args);
        var output = child.StandardOutput.ReadToEndAsync();
        var errors = child.StandardError.ReadToEndAsync();
        var started = false;
        while (!child.HasExited && !(started = Started(cut)))
        {
            await Task.Delay(5);
        }

        await Task.Delay(cut.DelayMs);
        using (var kill = Process.Start("kill", ["-" + signal, child.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        await child.WaitForExitAsync();
        Assert.That(started, Is.True, $"the run ended before '{cut.Scenario}' of {cut.Feature} started{(cut.Step >= 0 ? $" its step {cut.Step}" : "")}: {await output}{await errors}");
    }

    /// <summary>Whether the run's store shows the cut's scenario (or step) started: read as the report reads it, beside the writer (WAL).</summary>
    private static bool Started(Cut cut) =>
        LiveStore.Count(
            cut.RunFolder,
            cut.Step < 0
                ? "SELECT COUNT(*) FROM scenario WHERE feature_uri LIKE $feature AND name LIKE $name"
                : "SELECT COUNT(*) FROM step JOIN scenario USING (scenario_id) WHERE feature_uri LIKE $feature AND name LIKE $name AND step_index = $step",
            ("$feature", "%" + cut.Feature), ("$name", cut.Scenario + "%"), ("$step", cut.Step)) > 0;

    internal static Dictionary<string, Verdict> Verdicts(string runFolder)
    {
        var results = ResultStoreReader.Read(runFolder);
        var judgement = VerdictPolicy.Judge(results);
        return results.Scenarios
            .GroupBy(s => $"{s.Info.FeatureUri}:{s.Info.Line}")
            .ToDictionary(g => g.Key, g => judgement.VerdictOf(g.Last()));
    }

    /// <summary>
    /// Each scenario's measurements as names, units and verdicts, in the order recorded: what a resume must give back for
    /// the whole run. Values are compared by <see cref="MeasuredValues"/> where the record was made before the cut, and by
    /// <see cref="PostCutAgreement"/> (within their uncertainties) after it, where they are taken at other bench instants: not because of randomness (a restored world draws what the
    /// uninterrupted one draws at the same instant, counter-based, Simulation.Tests ResumedWorldTests), but because the
    /// resume is a physical event of its own — the safe state switches the DUT off, the settings restore switches it on
    /// and it boots, the cut step runs again from its start (docs/safety.md, "Resuming inside a scenario").
    /// </summary>
    internal static Dictionary<string, string> Measurements(string runFolder)
    {
        var results = ResultStoreReader.Read(runFolder);
        return results.Scenarios
            .GroupBy(s => $"{s.Info.FeatureUri}:{s.Info.Line}")
            .ToDictionary(g => g.Key, g => string.Join("; ", g.Last().Measurements.Select(m => $"{m.Name} ({m.Value.Unit}) {m.Verdict}")));
    }

    /// <summary>
    /// Each scenario's measurements with their values, exactly: step, name, value in SI (round-trip), unit, verdict,
    /// bench time from the start of the run and conditions, in the order recorded, for the steps before
    /// <paramref name="stepsRecordedBefore"/>(scenario) only. Two runs with the same seed give the same (the determinism
    /// guarantee, <see cref="ReproducibleRunTests"/>); a resumed run gives the uninterrupted run's for everything
    /// recorded before its cut (<see cref="RecordedBeforeCut"/>): a resume neither rewrites nor loses those.
    /// </summary>
    internal static Dictionary<string, List<string>> MeasuredValues(string runFolder, Func<string, int> stepsRecordedBefore)
    {
        var results = ResultStoreReader.Read(runFolder);
        var start = results.Run.StartedBench;
        return results.Scenarios
            .GroupBy(s => $"{s.Info.FeatureUri}:{s.Info.Line}")
            .ToDictionary(g => g.Key, g => g.Last().Measurements
                .Where(m => m.StepIndex < stepsRecordedBefore(g.Key))
                .Select(m => FormattableString.Invariant(
                    $"step {m.StepIndex} {m.Name} = {m.Value.SiValue:R} ({m.Value.Unit}) {m.Verdict} at +{(m.BenchTime - start).Ticks} ticks; {Conditions(m)}"))
                .ToList());
    }

    private static string Conditions(MeasurementResult measurement) =>
        string.Join(", ", measurement.Conditions.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => FormattableString.Invariant($"{c.Key} = {c.Value.SiValue:R}")));

    /// <summary>
    /// What a cut run folder recorded before its cut, scenario by scenario: every step of a finished scenario, the steps
    /// before the first unfinished one of the scenario it cut, nothing of a scenario not begun.
    /// </summary>
    internal static Func<string, int> RecordedBeforeCut(string runFolder)
    {
        var recorded = ResumePoint.Read(runFolder).Scenarios
            .GroupBy(s => $"{s.FeatureUri}:{s.Line}")
            .ToDictionary(g => g.Key, g => g.Last().Finished ? int.MaxValue : g.Last().FirstUnfinishedStep);
        return scenario => recorded.GetValueOrDefault(scenario);
    }

    /// <summary>Asserts that the resumed run recorded, before its cut, exactly the values of the uninterrupted run (the cut's <see cref="RecordedBeforeCut"/>).</summary>
    internal static void AssertValuesBeforeTheCut(string uninterruptedFolder, string resumedFolder, Func<string, int> recordedBeforeCut)
    {
        var uninterrupted = MeasuredValues(uninterruptedFolder, recordedBeforeCut);
        var resumed = MeasuredValues(resumedFolder, recordedBeforeCut);
        Assert.Multiple(() =>
        {
            foreach (var (scenario, measurements) in uninterrupted.Where(u => u.Value.Count > 0))
            {
                Assert.That(resumed.GetValueOrDefault(scenario), Is.EqualTo(measurements), $"{scenario}: its values recorded before the cut");
            }
        });
    }
}
