using Gherkin.CucumberMessages;
using Reqnroll;
using SpaceTestBench.Gherkin;
using SpaceTestBench.Gherkin.Bindings;
using SpaceTestBench.Gherkin.Execution;
using SpaceTestBench.Gherkin.Parsing;

namespace SpaceTestBench.ReqnrollRuntime.Tests;

/// <summary>
/// One Reqnroll runtime serves a process's dry runs and then its run (<c>spacebench run</c>: validate, plan, run): the
/// dry runs run no hook and no step, the binding registry is discovered once (a second discovery into the same registry
/// would list every definition and transformation twice: Reqnroll's matcher folds a method's duplicates, its converter
/// warns of them), and the run then executes its hooks and steps on it.
/// </summary>
[NonParallelizable]
public sealed class SharedRuntimeTests
{
    private const string Feature = """
        @shared-runtime
        Feature: Shared runtime

          Scenario: Supply on
            Given the shared supply is at 12 V
            Then the shared supply reads 12 V
        """;

    [Test]
    public async Task One_runtime_serves_two_dry_runs_then_the_run_with_its_bindings_discovered_once()
    {
        SharedRuntimeGlue.Log.Clear();
        var bindings = BindingSource.FromTypes([typeof(SharedRuntimeGlue)]);
        await using var runtime = new SpaceTestBench.Gherkin.Runtime.ReqnrollRuntime(bindings.BindingTypes);
        for (var i = 0; i < 2; i++)
        {
            var ids = new IncrementingIdGenerator();
            await using var dryRun = new SpaceTestBench.Gherkin.Execution.TestRunner(bindings, null, new TestRunnerOptions { DryRun = true, Reqnroll = runtime, Ids = ids });
            var checkedCases = await dryRun.RunAllAsync([FeatureSource.Parse(Feature, "shared.feature", "shared.feature", ids)]);

            Assert.That(dryRun.DryRunsOnReqnroll, Is.True);
            Assert.That(checkedCases.SelectMany(c => c.Steps).Select(s => s.Status), Is.EqualTo(new[] { TestStatus.Skipped, TestStatus.Skipped }), $"dry run {i + 1}");
        }

        Assert.That(SharedRuntimeGlue.Log, Is.Empty, "a dry run runs no hook and no step");

        // Reqnroll's registry (the global container's), read before the run ends and disposes the runtime.
        var registry = runtime.RunContainer.Resolve<Reqnroll.Bindings.IBindingRegistry>();
        var runIds = new IncrementingIdGenerator();
        await using var run = new SpaceTestBench.Gherkin.Execution.TestRunner(bindings, null, new TestRunnerOptions { Reqnroll = runtime, Ids = runIds });
        var results = await run.RunAllAsync([FeatureSource.Parse(Feature, "shared.feature", "shared.feature", runIds)]);

        Assert.That(run.RunsOnReqnroll, Is.True);
        Assert.That(results.Select(r => r.Status), Is.EqualTo(new[] { TestStatus.Passed }), results.Count > 0 ? results[0].Message : null);
        Assert.That(SharedRuntimeGlue.Log, Is.EqualTo(new[] { "before scenario", "set 12", "read 12", "after scenario" }));
        Assert.That(registry.GetStepDefinitions().Select(d => d.Method.Name), Is.EqualTo(new[] { nameof(SharedRuntimeGlue.Set), nameof(SharedRuntimeGlue.Read) }), "discovered once");
    }

    [Test]
    public async Task A_dry_run_is_refused_once_the_runtime_has_started_its_run()
    {
        var bindings = BindingSource.FromTypes([typeof(SharedRuntimeGlue)]);
        await using var runtime = new SpaceTestBench.Gherkin.Runtime.ReqnrollRuntime(bindings.BindingTypes);
        await runtime.StartAsync();

        Assert.That(runtime.BindingServices, Throws.InvalidOperationException.With.Message.Contains("before the run starts"));
    }
}

/// <summary>Glue of <see cref="SharedRuntimeTests"/>; its hooks are scoped to that feature's tag, so other tests' runs do not call them.</summary>
[Binding]
public sealed class SharedRuntimeGlue
{
    /// <summary>What ran, in order.</summary>
    public static List<string> Log { get; } = [];

    [BeforeScenario("shared-runtime")]
    public void BeforeScenario() => Log.Add("before scenario");

    [AfterScenario("shared-runtime")]
    public void AfterScenario() => Log.Add("after scenario");

    [Given("the shared supply is at {int} V")]
    public void Set(int volts) => Log.Add($"set {volts}");

    [Then("the shared supply reads {int} V")]
    public void Read(int volts) => Log.Add($"read {volts}");
}
