using System.Text;
using Reqnroll;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using Gherkin.CucumberMessages;
using SpaceTestBench.Gherkin;
using SpaceTestBench.Gherkin.Bindings;
using SpaceTestBench.Gherkin.Execution;
using SpaceTestBench.Gherkin.Parsing;
using SpaceTestBench.Gherkin.Runtime;
using TestRunner = SpaceTestBench.Gherkin.Execution.TestRunner;

namespace SpaceTestBench.Perf;

/// <summary>
/// The Gherkin layer's throughput on the workload: 2,000 scenarios × 5 steps with no-op bindings.
/// Each operation is one scenario, so the Op/s column reads as scenarios per second.
/// <list type="bullet">
/// <item><c>StartUpIncluded</c>: parse the feature text, scan the bindings, build the runner, run everything.</item>
/// <item><c>StartUpExcluded</c>: the feature parsed and the bindings scanned once beforehand; only the run.</item>
/// <item><c>ReqnrollStartUpIncluded</c>: parse, start a Reqnroll test run with the no-op bindings
///   (<see cref="ReqnrollTestRun"/>: Reqnroll's container, binding discovery and test-run hooks), run every pickle
///   through <see cref="ReqnrollScenarioDriver"/>, end the run.</item>
/// <item><c>ReqnrollStartUpExcluded</c>: the feature parsed and the Reqnroll run started once; one feature run.</item>
/// </list>
/// Process start-up (the .NET host) is outside BenchmarkDotNet's reach: <c>gherkin-cold-run</c> in
/// Program.cs runs the same workload once in a fresh process for that (see docs/gherkin.md).
/// </summary>
[Config(typeof(Configuration))]
public class GherkinRunBenchmarks
{
    public const int Scenarios = 2000;

    private string _featureText = "";
    private FeatureSource? _feature;
    private BindingRegistry? _bindings;
    private ReqnrollTestRun? _reqnroll;

    [GlobalSetup]
    public void SetUp()
    {
        _featureText = NoOpWorkload.FeatureText(Scenarios);
        _feature = FeatureSource.Parse(_featureText, "bench.feature", "bench.feature", new IncrementingIdGenerator());
        _bindings = BindingRegistry.FromTypes([typeof(NoOpSteps)]);
        _reqnroll = NoOpWorkload.StartReqnrollAsync().GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void CleanUp() => _reqnroll?.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark(OperationsPerInvoke = Scenarios)]
    public Task<int> StartUpIncluded() => NoOpWorkload.RunAsync(_featureText);

    [Benchmark(OperationsPerInvoke = Scenarios, Baseline = true)]
    public async Task<int> StartUpExcluded()
    {
        await using var runner = new TestRunner(_bindings!);
        var results = await runner.RunAllAsync([_feature!]);
        return results.Count;
    }

    [Benchmark(OperationsPerInvoke = Scenarios)]
    public Task<int> ReqnrollStartUpIncluded() => NoOpWorkload.RunOnReqnrollAsync(_featureText);

    [Benchmark(OperationsPerInvoke = Scenarios)]
    public async Task<int> ReqnrollStartUpExcluded()
    {
        var passed = await NoOpWorkload.RunPicklesAsync(_reqnroll!, _feature!);
        await _reqnroll!.Driver.FinishFeatureAsync();
        return passed;
    }

    private sealed class Configuration : ManualConfig
    {
        public Configuration()
        {
            AddColumn(StatisticColumn.OperationsPerSecond);
        }
    }
}

/// <summary>The workload: a generated feature of N scenarios, five steps each, all bound to no-op methods.</summary>
public static class NoOpWorkload
{
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

    /// <summary>Parses, binds and runs; returns the number of passed scenarios.</summary>
    public static async Task<int> RunAsync(string featureText)
    {
        var feature = FeatureSource.Parse(featureText, "bench.feature", "bench.feature", new IncrementingIdGenerator());
        await using var runner = new TestRunner(BindingRegistry.FromTypes([typeof(NoOpSteps)]));
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

[Binding]
public class NoOpSteps
{
    [Given("the supply is set to {int} mV")]
    public void Supply(int millivolts) { }

    [Given("the chamber is at {int} degrees")]
    public void Chamber(int degrees) { }

    [When("the device runs for {int} seconds")]
    public void Runs(int seconds) { }

    [Then("the current is below {int} mA")]
    public void Current(int milliamperes) { }

    [Then("no error is logged")]
    public void NoError() { }
}
