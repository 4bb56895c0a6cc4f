using System.Reflection;
using SpaceTestBench.Bench.Definitions;
using SpaceTestBench.Bench.Duts;
using SpaceTestBench.Gherkin;
using SpaceTestBench.Gherkin.Execution;
using SpaceTestBench.Gherkin.Parsing;
using SpaceTestBench.Steps.Catalog;
using SpaceTestBench.Steps.Planning;
using SpaceTestBench.Steps.Running;
using SpaceTestBench.Testing;

namespace SpaceTestBench.Steps.Tests.Planning;

/// <summary>Every step binding says how long it takes: the planner can never silently count a step as zero.</summary>
public sealed class BenchTimeEstimatesTests
{
    [Test]
    public void Every_step_binding_of_the_catalog_has_a_bench_time_estimator()
    {
        var bindings = StepCatalog.Build().Steps.Select(s => s.Method).Distinct().ToList();
        Assert.That(bindings, Is.Not.Empty);

        var missing = bindings.Where(m => BenchTimeEstimates.Catalog.For(m) is null).Select(m => $"{m.DeclaringType!.Name}.{m.Name}").ToList();

        Assert.That(missing, Is.Empty, "add an estimator for each in features/SpaceTestBench.Steps/Planning/Estimates/ (Instant if it only sets or judges)");
    }

    [Test]
    public void Every_estimator_belongs_to_a_step_binding()
    {
        foreach (var method in BenchTimeEstimates.Catalog.Methods)
        {
            Assert.That(method.GetCustomAttributes<Reqnroll.StepDefinitionBaseAttribute>(), Is.Not.Empty, method.Name);
        }
    }

    [Test]
    public async Task A_dose_ladder_is_planned_as_dose_over_dose_rate_and_a_missing_rate_is_unknown_not_zero()
    {
        var feature = Path.Combine(TestRepository.ScratchFolder("plan"), "ladder.feature");
        await File.WriteAllTextAsync(feature, """
            Feature: Ladder
              Scenario: With a rate
                Given the gamma source is set to 100 rad(Si)/h, inside the window from 36 rad(Si)/h to 360 rad(Si)/h
                When the DUT is irradiated in steps to 5 and 10 krad(Si), its parametrics tested within 1 h of each step
              Scenario: Without a rate
                When the DUT is irradiated in steps to 5 and 10 krad(Si), its parametrics tested within 1 h of each step
            """);
        var bench = BenchDefinitionLoader.Load(TestRepository.Path("benches/simulated.bench.json"));
        var dut = DutProfileLoader.Load(TestRepository.Path("fixtures/duts/rad-hard-soc.json"));
        var ids = new global::Gherkin.CucumberMessages.IncrementingIdGenerator();
        var source = FeatureSource.Load(feature, Path.GetDirectoryName(feature)!, ids);

        var plan = await new CampaignPlanner(bench, dut).PlanAsync([source], null, RunOrder.Defined, ids, TimeProvider.System);

        Assert.That(plan.Scenarios[0].BenchTime!.Value.TotalHours, Is.EqualTo(100).Within(1), "10 krad(Si) ÷ 100 rad(Si)/h");
        Assert.That(plan.Scenarios[1].BenchTime, Is.Null);
        Assert.That(plan.Scenarios[1].Unknown.Single().Estimate.Basis, Does.Contain("no dose rate"));
        Assert.That(plan.Total, Is.Null, "a campaign with an unknown step has no total");
        Assert.That(plan.EndsOnRealBench, Is.EqualTo(plan.PlannedAt + plan.KnownBenchTime));
    }

    [Test]
    public async Task The_plan_counts_the_samples_each_scenario_mounts_as_the_sample_steps_mount_them()
    {
        var feature = Path.Combine(TestRepository.ScratchFolder("plan-samples"), "samples.feature");
        await File.WriteAllTextAsync(feature, """
            Feature: Samples
              Scenario: Power-on
                Given a sample of the DUT that no destructive test has used is mounted
              Scenario: Inrush, on the same sample
                Given a sample of the DUT that no destructive test has used is mounted
              Scenario: An irradiation
                Given a fresh sample of the DUT is mounted
              Scenario: Margining after the irradiation, on another sample
                Given a sample of the DUT that no destructive test has used is mounted
              Scenario: Two irradiations in one scenario
                Given a fresh sample of the DUT is mounted
                And a fresh sample of the DUT is mounted
            """);
        var bench = BenchDefinitionLoader.Load(TestRepository.Path("benches/simulated.bench.json"));
        var dut = DutProfileLoader.Load(TestRepository.Path("fixtures/duts/rad-hard-soc.json"));
        var ids = new global::Gherkin.CucumberMessages.IncrementingIdGenerator();
        var source = FeatureSource.Load(feature, Path.GetDirectoryName(feature)!, ids);

        var plan = await new CampaignPlanner(bench, dut).PlanAsync([source], null, RunOrder.Defined, ids, TimeProvider.System);

        Assert.That(plan.Scenarios.Select(s => s.Samples), Is.EqualTo(new[] { 1, 0, 1, 1, 2 }));
        Assert.That(plan.Samples, Is.EqualTo(5));
    }
}
