using SpaceTestBench.Cli.Commands;
using SpaceTestBench.Cli.Tests.Robustness;
using SpaceTestBench.Cli.Tests.Support;
using SpaceTestBench.Testing;
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

    [Test]
    public async Task The_samples_a_campaign_names_are_mounted_in_order_and_a_sample_plan_finding_too_few_left_ends_in_error_naming_them()
    {
        var folder = Path.Combine(Spacebench.NewFolder(), "named");
        var writer = new StringWriter();
        string[] named = [.. Enumerable.Range(1, 12).Select(i => $"LOT7-{i:000}")];
        var request = new Running.RunRequest(TestRepository.Path("benches/simulated.bench.json"),
            [TestRepository.Path("features/power/power-on.feature"), TestRepository.Path("features/radiation/total-ionizing-dose.feature")],
            TestRepository.Path("features"), null, null, folder)
        {
            Samples = named,
            Progress = Progress.ProgressMode.Quiet,
        };

        var exit = await new Running.QualificationRun(RunCommandTests.PlainConsole(writer)).ExecuteAsync(request, CancellationToken.None);

        var run = ResultStoreReader.Read(folder);
        var serialOf = SerialsByScenario(run);
        var power = run.Scenarios.Where(s => s.Info.FeatureUri.StartsWith("power/", StringComparison.Ordinal)).ToList();
        var tid = run.Scenarios.Where(s => s.Info.FeatureUri.StartsWith("radiation/", StringComparison.Ordinal)).ToList();
        var plan = run.Events.Where(e => e.ScenarioId == tid[0].Info.ScenarioId && e.Values.ContainsKey(WellKnownConditions.Sample))
            .Select(e => e.Message.Split(" serial ")[1].Split(' ')[0]).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(ExitCodes.Failed), writer.ToString());
            Assert.That(power.Select(s => serialOf[s.Info.ScenarioId]), Is.Not.Empty.And.All.EqualTo("LOT7-001"), "the first named sample replaces the bench's own for the power tests");
            Assert.That(plan, Is.EqualTo(named[1..]), "the next eleven named samples, in order, for the first sample plan (5 biased, 5 unbiased, 1 control)");
            Assert.That(tid[0].RecordedVerdict, Is.EqualTo(Results.Verdict.Pass));
            Assert.That(tid[1].RecordedVerdict, Is.EqualTo(Results.Verdict.Error), "too few named samples left for the second sample plan");
            Assert.That(tid[1].Message, Does.Contain("needs 11 samples (5 biased, 5 unbiased, 1 control), and the campaign names 0 this run has not used. Name 11 more"));
            Assert.That(run.Run.Info.Properties["Samples named"], Is.EqualTo(string.Join(", ", named)), "the report's provenance names them");
        });
    }

    private static Dictionary<string, string> SerialsByScenario(RunResults run) =>
        run.Events
            .Where(e => e.ScenarioId is not null && e.Values.ContainsKey(WellKnownConditions.Sample))
            .GroupBy(e => e.ScenarioId!)
            .ToDictionary(g => g.Key, g => g.First().Message.Split(" serial ")[1].Split(' ')[0], StringComparer.Ordinal);
}
