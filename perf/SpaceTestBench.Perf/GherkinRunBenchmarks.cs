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
/// <item><c>StartUpIncluded</c>: parse the feature text, build the product's runner as <c>spacebench run</c> does
///   (<see cref="TestRunner"/> on Reqnroll's runtime, bindings discovered in the assembly), run everything.</item>
/// <item><c>StartUpExcluded</c>: the feature parsed and the bindings chosen (<see cref="NoOpSteps"/>) once beforehand;
///   the runner on Reqnroll's runtime over those types (its Reqnroll runtime is still built per operation), the run.</item>
/// <item><c>ReqnrollStartUpIncluded</c>: parse, start a Reqnroll test run with the no-op bindings
///   (<see cref="ReqnrollTestRun"/>: Reqnroll's container, binding discovery and test-run hooks), run every pickle
///   through <see cref="ReqnrollScenarioDriver"/>, end the run.</item>
/// <item><c>ReqnrollStartUpExcluded</c>: the feature parsed and the Reqnroll run started once; one feature run.</item>
/// </list>
/// Process start-up (the .NET host) is outside these in-process benchmarks: <see cref="GherkinProcessBenchmarks"/> runs
/// the same workload as whole processes (perf/SpaceTestBench.Workload.Perf) against cucumber-js (see docs/gherkin.md).
/// </summary>
[Config(typeof(Configuration))]
public class GherkinRunBenchmarks
{
    public const int Scenarios = NoOpWorkload.Scenarios;

    private string _featureText = "";
    private FeatureSource? _feature;
    private BindingSource? _bindings;
    private ReqnrollTestRun? _reqnroll;

    [GlobalSetup]
    public void SetUp()
    {
        _featureText = NoOpWorkload.FeatureText(Scenarios);
        _feature = FeatureSource.Parse(_featureText, "bench.feature", "bench.feature", new IncrementingIdGenerator());
        _bindings = BindingSource.FromTypes([typeof(NoOpSteps)]);
        _reqnroll = NoOpWorkload.StartReqnrollAsync().GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void CleanUp() => _reqnroll?.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark(OperationsPerInvoke = Scenarios)]
    public Task<int> StartUpIncluded() => NoOpWorkload.RunOnProductRunnerAsync(_featureText);

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
