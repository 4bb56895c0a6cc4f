using System.Reflection;
using SpaceTestBench.Bench;
using SpaceTestBench.Bench.Definitions;
using SpaceTestBench.Bench.Duts;
using SpaceTestBench.Gherkin.Execution;
using SpaceTestBench.Gherkin.NUnit;
using SpaceTestBench.Results;
using SpaceTestBench.Results.Provenance;
using SpaceTestBench.Results.Recording;
using SpaceTestBench.Results.Store;
using SpaceTestBench.Steps.Bindings;
using SpaceTestBench.Steps.Running;
using SpaceTestBench.Testing;

namespace SpaceTestBench.Steps.Tests;

/// <summary>
/// Every feature file under features/, on the default simulated bench with its default DUT, recording
/// results exactly as <c>spacebench run</c> does. An undefined step fails its test: a conformance suite
/// that cannot run is a defect, not an open question.
/// </summary>
public sealed class SimulatedBenchSuite : IFeatureSuite
{
    private BenchSession? _bench;
    private SqliteResultStore? _store;
    private ResultRecorder? _recorder;

    /// <inheritdoc />
    public IReadOnlyList<string> Features => [TestRepository.Path("features")];

    /// <inheritdoc />
    public string FeaturesRoot => TestRepository.Path("features");

    /// <inheritdoc />
    public IReadOnlyList<Assembly> BindingAssemblies => [typeof(DutSupplySteps).Assembly];

    /// <inheritdoc />
    public MissingStepOutcome MissingStepOutcome => MissingStepOutcome.Error;

    /// <inheritdoc />
    public async Task<TestRunner> CreateRunnerAsync(TestRunnerOptions options, CancellationToken cancellationToken)
    {
        var definition = BenchDefinitionLoader.Load(TestRepository.Path("benches/simulated.bench.json"));
        _bench = await BenchSession.OpenAsync(definition, DutProfileLoader.Load(definition.DefaultDutFile!), cancellationToken: cancellationToken);
        var runFolder = TestRepository.ScratchFolder("feature-files");
        _store = SqliteResultStore.Create(runFolder);
        _recorder = new ResultRecorder(_bench.Clock, _store);
        var dut = _bench.Dut;
        _recorder.StartRun(new RunInfo(
            Path.GetFileName(runFolder),
            new BenchInfo(definition.Name, definition.File, "virtual bench time (simulated bench)", []),
            new DutInfo(dut.Id, dut.Name, dut.SerialNumber, dut.File, dut.Description, [], null),
            Environment.UserName,
            new SoftwareInfo("dotnet test", null, []),
            TimeProvider.System.GetUtcNow(),
            new Dictionary<string, string>()));
        return BenchRunner.Create(_bench, _recorder, options: options);
    }

    /// <inheritdoc />
    public async Task CleanUpAsync(TestRunner runner, CancellationToken cancellationToken)
    {
        _recorder?.FinishRun(TimeProvider.System.GetUtcNow(), Verdict.NotSet);
        _store?.Dispose();
        if (_bench is not null)
        {
            await _bench.DisposeAsync();
        }
    }
}

/// <summary>The suites as NUnit test cases: <c>dotnet test --filter "TestCategory=power"</c> selects by tag.</summary>
[NonParallelizable] // one bench: scenarios share its instruments and must not interleave
public sealed class ConformanceSuites : FeatureTests<SimulatedBenchSuite>;
