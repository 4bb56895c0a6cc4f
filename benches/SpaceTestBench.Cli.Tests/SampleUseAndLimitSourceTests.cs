using SpaceTestBench.Cli.Commands;
using SpaceTestBench.Cli.Tests.Robustness;
using SpaceTestBench.Cli.Tests.Support;
using SpaceTestBench.Testing;
using SpaceTestBench.Results;
using SpaceTestBench.Results.Recording;
using SpaceTestBench.Results.Store;

namespace SpaceTestBench.Cli.Tests;

/// <summary>
/// What the default run (the radiation-hardened profile, every suite) records about its samples and its limits:
/// a destructive procedure gets a sample of its own, the electrical tests within the part's ratings share the one
/// on the bench until a destructive procedure has used it; and every limit read from the DUT profile, and the TID
/// windows of the Examples, carry their source beside them ("limit from …" in the decision the report prints).
/// </summary>
public sealed class SampleUseAndLimitSourceTests
{
    [Test]
    public async Task Power_scenarios_share_a_sample_no_destructive_test_used_and_destructive_ones_each_get_a_fresh_one()
    {
        var run = ResultStoreReader.Read((await ProfileRuns.RadHardAsync()).Folder);
        var serialOf = SerialsByScenario(run);
        var power = run.Scenarios.Where(s => s.Info.FeatureUri.StartsWith("power/", StringComparison.Ordinal)).Select(s => serialOf[s.Info.ScenarioId]).ToList();
        var destructive = run.Scenarios.Where(s => s.Info.FeatureUri.StartsWith("radiation/", StringComparison.Ordinal)).Select(s => serialOf[s.Info.ScenarioId]).ToList();

        Assert.That(power, Is.Not.Empty);
        Assert.That(destructive, Is.Unique, "every radiation scenario irradiates a sample of its own");
        Assert.That(power, Has.None.AnyOf(destructive.Cast<object>().ToArray()), "no power scenario runs on an irradiated sample");
        Assert.That(power.Distinct().Count(), Is.LessThan(power.Count), "power scenarios keep the sample on the bench");
        Assert.That(serialOf.Values.Distinct().Count(), Is.LessThan(run.Scenarios.Count), "fewer samples than scenarios");
    }

    [Test]
    public async Task Every_profile_limit_and_every_TID_window_shows_its_source_beside_it()
    {
        var run = ResultStoreReader.Read((await ProfileRuns.RadHardAsync()).Folder);
        var tid = run.Scenarios.Where(s => s.Info.FeatureUri.StartsWith("radiation/total-ionizing-dose", StringComparison.Ordinal)).SelectMany(s => s.Measurements).ToList();
        var profileCurrents = run.Measurements.Where(m => m.Name is "DUT supply current" or "core supply current" or "io supply current" && m.Limit is not null).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(tid.Where(m => m.Name == "core supply current (TID)" && m.Limit is not null).Select(m => m.Decision),
                Is.Not.Empty.And.All.StartWith("limit from the DUT profile rad-hard-soc.json ($.totalIonizingDose.limits.leakageIncrease): RH-SoC-1 detail specification"));
            Assert.That(tid.Where(m => m.Name == "threshold voltage (TID)" && m.Limit is not null).Select(m => m.Decision),
                Is.Not.Empty.And.All.StartWith("limit from the DUT profile rad-hard-soc.json ($.totalIonizingDose.limits.thresholdShift)"));
            Assert.That(tid.Where(m => m.Name is "dose rate at the DUT" or "time from end of exposure to parametric test").Select(m => m.Decision),
                Is.Not.Empty.And.All.Match("^limit from the scenario's Examples, per (MIL-STD-883-TM1019|ESCC-22900)$"));
            Assert.That(profileCurrents.Select(m => m.Decision), Is.Not.Empty.And.All.Match(@"^limit from the DUT profile rad-hard-soc\.json \(\$\.supplies\.(core|io)\.supplyCurrent\): RH-SoC-1 datasheet"));
        });
    }

    /// <summary>
    /// Every judged measurement of the suites this file answers for (all but thermal, latch-up and over-current,
    /// whose limits other tests pin) names where its limit comes from: "limit from …" (the Examples' source column,
    /// the scenario's clauses, the DUT profile's field) or "limit set by the procedure: …".
    /// </summary>
    [Test]
    public async Task Every_judged_measurement_of_the_default_run_names_its_limits_source()
    {
        var run = ResultStoreReader.Read((await ProfileRuns.RadHardAsync()).Folder);
        var feature = run.Scenarios.ToDictionary(s => s.Info.ScenarioId, s => s.Info.FeatureUri, StringComparer.Ordinal);
        var judged = run.Measurements.Where(m => m.Limit is not null).ToList();

        Assert.That(judged.Select(m => feature[m.ScenarioId]).Distinct(), Is.SupersetOf(new[]
        {
            "power/power-on.feature", "power/over-current-protection.feature", "radiation/proton.feature", "radiation/single-event-effects.feature",
            "radiation/single-event-latchup.feature", "thermal/thermal-cycling.feature", "thermal/thermal-vacuum.feature", "payload/ai-inference.feature",
        }));
        // A count that cannot decide is recorded "not judged: …; limit from …" (ScenarioRecorder.MeasureCountedRate).
        Assert.That(judged.Where(m => m.Decision is null || !(m.Decision.StartsWith("limit from ", StringComparison.Ordinal) || m.Decision.StartsWith("limit set by the procedure", StringComparison.Ordinal)
                || (m.Decision.StartsWith("not judged: ", StringComparison.Ordinal) && m.Decision.Contains("; limit from ", StringComparison.Ordinal))))
            .Select(m => $"{feature[m.ScenarioId]}: {m.Name} ({m.Decision ?? "no decision"})").Distinct(), Is.Empty);
    }

    [Test]
    public async Task Functional_interrupts_in_runs_counting_other_effects_are_judged_against_the_profiles_SEFI_limit_with_its_source()
    {
        var run = ResultStoreReader.Read((await ProfileRuns.RadHardAsync()).Folder);
        var incidental = run.Measurements.Where(m => m.Name == "SEFI cross-section in a run counting other effects").ToList();
        var scenarios = incidental.Select(m => run.Scenarios.Single(s => s.Info.ScenarioId == m.ScenarioId).Info.FeatureUri).Distinct().ToList();

        Assert.Multiple(() =>
        {
            Assert.That(scenarios, Is.SupersetOf(new[] { "radiation/single-event-effects.feature", "radiation/single-event-latchup.feature" }), "the upset sweep and the latch-up run");
            Assert.That(incidental.Select(m => m.Decision), Has.All.Contain("limit from the DUT profile rad-hard-soc.json ($.singleEventEffects.limits.functionalInterruptCrossSection): RH-SoC-1 datasheet"));
            Assert.That(incidental.Where(m => m.Verdict == Verdict.NotSet).Select(m => m.Decision), Has.All.StartWith("not judged: "), "an undecided count says why it is not judged");
            Assert.That(incidental.Select(m => m.Verdict), Has.None.EqualTo(Verdict.Inconclusive).And.Some.EqualTo(Verdict.Pass));
        });
    }

    [Test]
    public async Task A_campaign_naming_fewer_samples_than_its_scenarios_need_is_refused_before_anything_runs()
    {
        var plan = await Commands.PlanCommand.MakeAsync(TestRepository.Path("benches/simulated.bench.json"), null, NamedSampleFeatures, TestRepository.Path("features"), null,
            SpaceTestBench.Gherkin.Execution.RunOrder.Defined, TimeProvider.System, CancellationToken.None);
        var named = Enumerable.Range(1, plan.Samples - 1).Select(i => $"LOT7-{i:000}").ToList();
        var folder = Path.Combine(Spacebench.NewFolder(), "too-few");
        var writer = new StringWriter();

        var exit = await new Running.QualificationRun(RunCommandTests.PlainConsole(writer)).ExecuteAsync(NamedSampleRun(folder, named), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(plan.Samples, Is.GreaterThan(2), "the power tests share one sample; each irradiation needs its own");
            Assert.That(exit, Is.EqualTo(ExitCodes.UsageError), writer.ToString());
            Assert.That(writer.ToString(), Does.Contain($"the campaign needs {plan.Samples} samples and --sample names {plan.Samples - 1}. Name 1 more"));
            Assert.That(File.Exists(Path.Combine(folder, "results.sqlite")), Is.False, "refused before any scenario ran");
        });
    }

    [Test]
    public async Task The_samples_a_campaign_names_are_mounted_in_order()
    {
        var plan = await Commands.PlanCommand.MakeAsync(TestRepository.Path("benches/simulated.bench.json"), null, NamedSampleFeatures, TestRepository.Path("features"), null,
            SpaceTestBench.Gherkin.Execution.RunOrder.Defined, TimeProvider.System, CancellationToken.None);
        var named = Enumerable.Range(1, plan.Samples).Select(i => $"LOT7-{i:000}").ToList();
        var folder = Path.Combine(Spacebench.NewFolder(), "named");
        var writer = new StringWriter();

        var exit = await new Running.QualificationRun(RunCommandTests.PlainConsole(writer)).ExecuteAsync(NamedSampleRun(folder, named), CancellationToken.None);

        var run = ResultStoreReader.Read(folder);
        var serialOf = SerialsByScenario(run);
        var power = run.Scenarios.Where(s => s.Info.FeatureUri.StartsWith("power/", StringComparison.Ordinal)).ToList();
        var tid = run.Scenarios.Where(s => s.Info.FeatureUri.StartsWith("radiation/", StringComparison.Ordinal)).ToList();
        var lots = tid.Select(t => run.Events.Where(e => e.ScenarioId == t.Info.ScenarioId && e.Values.ContainsKey(WellKnownConditions.Sample))
            .Select(e => e.Message.Split(" serial ")[1].Split(' ')[0]).ToList()).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(ExitCodes.Passed), writer.ToString());
            Assert.That(power.Select(s => serialOf[s.Info.ScenarioId]), Is.Not.Empty.And.All.EqualTo("LOT7-001"), "the first named sample replaces the bench's own for the power tests");
            Assert.That(lots[0], Is.EqualTo(named.GetRange(1, 11)), "the next eleven named samples, in order, for the first sample plan (5 biased, 5 unbiased, 1 control)");
            Assert.That(lots[1], Is.EqualTo(named.GetRange(12, 11)), "and the eleven after them for the second");
            Assert.That(named.Count, Is.EqualTo(23), "the plan counts one sample for the power tests and eleven for each sample plan");
            Assert.That(tid.Select(t => t.RecordedVerdict), Has.All.EqualTo(Results.Verdict.Pass));
            Assert.That(run.Run.Info.Properties["Samples named"], Is.EqualTo(string.Join(", ", named)), "the report's provenance names them");
        });
    }

    private static readonly string[] NamedSampleFeatures =
        [TestRepository.Path("features/power/power-on.feature"), TestRepository.Path("features/radiation/total-ionizing-dose.feature")];

    private static Running.RunRequest NamedSampleRun(string folder, IReadOnlyList<string> samples) =>
        new(TestRepository.Path("benches/simulated.bench.json"), NamedSampleFeatures, TestRepository.Path("features"), null, null, folder)
        {
            Samples = samples,
            Progress = Progress.ProgressMode.Quiet,
        };

    private static Dictionary<string, string> SerialsByScenario(RunResults run) =>
        run.Events
            .Where(e => e.ScenarioId is not null && e.Values.ContainsKey(WellKnownConditions.Sample))
            .GroupBy(e => e.ScenarioId!)
            .ToDictionary(g => g.Key, g => g.First().Message.Split(" serial ")[1].Split(' ')[0], StringComparer.Ordinal);
}
