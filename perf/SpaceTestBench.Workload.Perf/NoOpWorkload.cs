using System.Text;
using Gherkin.CucumberMessages;
using Reqnroll;
using SpaceTestBench.Gherkin;
using SpaceTestBench.Gherkin.Bindings;
using SpaceTestBench.Gherkin.Execution;
using SpaceTestBench.Gherkin.Parsing;
using SpaceTestBench.Gherkin.Runtime;
using TestRunner = SpaceTestBench.Gherkin.Execution.TestRunner;

namespace SpaceTestBench.Perf;

/// <summary>The workload: a generated feature of N scenarios, five steps each, all bound to no-op methods.</summary>
public static class NoOpWorkload
{
    /// <summary>The workload size.</summary>
    public const int Scenarios = 2000;

    public static string FeatureText(int scenarios)
    {
        var text = new StringBuilder("Feature: Throughput\n");
        for (var i = 1; i <= scenarios; i++)
        {
            text.Append("\n  Scenario: Scenario ").Append(i).Append('\n')
                .Append("    Given the supply is set to ").Append(i).Append(" mV\n")
                .Append("    And the chamber is at ").Append(i % 150).Append(" degrees\n")
                .Append("    When the device runs for ").Append(i % 60).Append(" seconds\n")
                .Append("    Then the current is below ").Append(i % 500).Append(" mA\n")
                .Append("    And no error is logged\n");
        }

        return text.ToString();
    }

    /// <summary>
    /// Parses and runs on the product's runner as <c>spacebench run</c> assembles it: <see cref="TestRunner"/> on
    /// Reqnroll's runtime, the bindings discovered in this assembly (only <see cref="NoOpSteps"/> is a binding here).
    /// Returns the number of passed scenarios.
    /// </summary>
    public static async Task<int> RunOnProductRunnerAsync(string featureText)
    {
        // The messages' ids from the generator the feature was parsed with, as spacebench run gives them (QualificationRun).
        var ids = new IncrementingIdGenerator();
        var feature = FeatureSource.Parse(featureText, "bench.feature", "bench.feature", ids);
        await using var runner = new TestRunner(BindingSource.FromAssemblies(typeof(NoOpSteps).Assembly), options: new TestRunnerOptions { Ids = ids });
        var results = await runner.RunAllAsync([feature]);
        return results.Count(r => r.Status == TestStatus.Passed);
    }

    /// <summary>Parses, starts a Reqnroll test run with the no-op bindings, runs every pickle through the driver, ends the run.</summary>
    public static async Task<int> RunOnReqnrollAsync(string featureText)
    {
        var feature = FeatureSource.Parse(featureText, "bench.feature", "bench.feature", new IncrementingIdGenerator());
        await using var run = await StartReqnrollAsync();
        return await RunPicklesAsync(run, feature);
    }

    /// <summary>A Reqnroll test run whose only bindings are <see cref="NoOpSteps"/>.</summary>
    public static Task<ReqnrollTestRun> StartReqnrollAsync()
    {
        // Reqnroll would otherwise try to send usage telemetry (no network on the build machine).
        Environment.SetEnvironmentVariable("REQNROLL_TELEMETRY_ENABLED", "0");
        return ReqnrollTestRun.StartAsync(typeof(NoOpSteps).Assembly, [typeof(NoOpSteps)], [new BenchmarkHostPlugin()]);
    }

    /// <summary>Every pickle of <paramref name="feature"/> through the run's driver; returns how many passed.</summary>
    public static async Task<int> RunPicklesAsync(ReqnrollTestRun run, FeatureSource feature)
    {
        var passed = 0;
        foreach (var pickle in feature.Pickles)
        {
            var result = await run.Driver.RunAsync(feature, pickle);
            passed += result.Status == TestStatus.Passed ? 1 : 0;
        }

        return passed;
    }

    /// <summary>
    /// Reqnroll's runtime needs a unit-test provider to start; a benchmark host has none, and no step here is pending
    /// or ignored, so this one only reports what it is asked (the driver reads the outcome from the context). Reqnroll
    /// traces every step to the console by default; a host writes its own output, so the test thread traces nothing.
    /// </summary>
    private sealed class BenchmarkHostPlugin : Reqnroll.Plugins.IRuntimePlugin
    {
        private const string Name = "spacebench-benchmark";

        public void Initialize(Reqnroll.Plugins.RuntimePluginEvents runtimePluginEvents, Reqnroll.Plugins.RuntimePluginParameters runtimePluginParameters, Reqnroll.UnitTestProvider.UnitTestProviderConfiguration unitTestProviderConfiguration)
        {
            unitTestProviderConfiguration.UseUnitTestProvider(Name);
            runtimePluginEvents.RegisterGlobalDependencies += (_, e) =>
                e.ObjectContainer.RegisterTypeAs<Provider, Reqnroll.UnitTestProvider.IUnitTestRuntimeProvider>(Name);
            runtimePluginEvents.CustomizeTestThreadDependencies += (_, e) =>
                e.ObjectContainer.RegisterTypeAs<Reqnroll.Tracing.NullListener, Reqnroll.Tracing.ITraceListener>();
        }

        private sealed class Provider : Reqnroll.UnitTestProvider.IUnitTestRuntimeProvider
        {
            public void TestPending(string message) => throw new InvalidOperationException($"pending: {message}");

            public void TestInconclusive(string message) => throw new InvalidOperationException($"inconclusive: {message}");

            public void TestIgnore(string message) => throw new InvalidOperationException($"ignored: {message}");

            public Reqnroll.ScenarioExecutionStatus? DetectExecutionStatus(Exception exception) => null;
        }
    }
}
