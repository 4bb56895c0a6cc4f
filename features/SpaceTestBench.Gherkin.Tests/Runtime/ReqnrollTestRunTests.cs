using Gherkin.CucumberMessages;
using SpaceTestBench.Gherkin.Execution;
using SpaceTestBench.Gherkin.NUnit.Runtime;
using SpaceTestBench.Gherkin.Parsing;
using SpaceTestBench.Gherkin.Runtime;

namespace SpaceTestBench.Gherkin.Tests.Runtime;

/// <summary>
/// <see cref="ReqnrollTestRun"/>: a Reqnroll test run whose bindings are only the types a test chooses, so glue
/// classes of one assembly whose steps overlap (the CCK samples') each run on Reqnroll's runtime alone, each test
/// with a fresh run (its own test-run hooks).
/// </summary>
[NonParallelizable]
public sealed class ReqnrollTestRunTests
{
    private const string Feature = """
        Feature: Overlapping glue
          Scenario: One step
            Given the shared step
        """;

    [Test]
    public async Task Only_the_chosen_binding_types_are_bound_so_a_step_text_another_class_also_defines_is_not_ambiguous()
    {
        var log = new List<string>();

        var result = await RunAsync(Feature, log, typeof(FirstGlue));

        Assert.That(result.Status, Is.EqualTo(TestStatus.Passed), result.Error?.ToString());
        Assert.That(log, Is.EqualTo(new[] { "first: before test run", "first: before scenario", "first: step", "first: after test run" }),
            "neither SecondGlue's step nor its hooks ran: Reqnroll did not see the class");
    }

    [Test]
    public async Task Choosing_both_classes_binds_both_and_Reqnroll_reports_the_step_ambiguous()
    {
        var log = new List<string>();

        var result = await RunAsync(Feature, log, typeof(FirstGlue), typeof(SecondGlue));

        Assert.That((result.Status, result.ExecutionStatus), Is.EqualTo((TestStatus.Ambiguous, Reqnroll.ScenarioExecutionStatus.BindingError)));
        Assert.That(log, Does.Contain("first: before scenario").And.Contain("second: before scenario"));
    }

    [Test]
    public async Task A_step_only_an_unchosen_class_defines_is_undefined()
    {
        var result = await RunAsync(Feature, [], typeof(UnrelatedGlue));

        Assert.That(result.Status, Is.EqualTo(TestStatus.Undefined));
    }

    [Test]
    public async Task Each_run_is_fresh_its_test_run_hooks_run_once_per_run()
    {
        var log = new List<string>();

        await RunAsync(Feature, log, typeof(FirstGlue));
        await RunAsync(Feature, log, typeof(FirstGlue));

        Assert.That(log.Count(l => l == "first: before test run"), Is.EqualTo(2));
        Assert.That(log.Count(l => l == "first: after test run"), Is.EqualTo(2));
    }

    private static async Task<ReqnrollScenarioResult> RunAsync(string text, List<string> log, params Type[] bindingTypes)
    {
        var feature = FeatureSource.Parse(text.ReplaceLineEndings("\n"), "overlap.feature", "overlap.feature", new IncrementingIdGenerator());
        ReqnrollScenarioResult result;
        await using (var run = await ReqnrollTestRun.StartAsync(
            typeof(ReqnrollTestRunTests).Assembly, bindingTypes, [new NUnitRuntimePlugin()], configure: c => c.RegisterInstanceAs(new GlueLog(log))))
        {
            result = await run.Driver.RunAsync(feature, feature.Pickles[0]);
        }

        return result;
    }
}

/// <summary>What the glue of these tests did.</summary>
public sealed class GlueLog(List<string> entries)
{
    public void Add(string entry) => entries.Add(entry);
}

[Reqnroll.Binding]
public sealed class FirstGlue(GlueLog log)
{
    [Reqnroll.BeforeTestRun]
    public static void BeforeTestRun(GlueLog log) => log.Add("first: before test run");

    [Reqnroll.AfterTestRun]
    public static void AfterTestRun(GlueLog log) => log.Add("first: after test run");

    [Reqnroll.BeforeScenario]
    public void Before() => log.Add("first: before scenario");

    [Reqnroll.Given("the shared step")]
    public void Shared() => log.Add("first: step");
}

[Reqnroll.Binding]
public sealed class SecondGlue(GlueLog log)
{
    [Reqnroll.BeforeScenario]
    public void Before() => log.Add("second: before scenario");

    [Reqnroll.Given("the shared step")]
    public void Shared() => log.Add("second: step");
}

[Reqnroll.Binding]
public sealed class UnrelatedGlue
{
    [Reqnroll.Given("another step")]
    public void Another()
    {
    }
}
