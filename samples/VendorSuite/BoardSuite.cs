using System.Reflection;
using SpaceTestBench.Bench;
using SpaceTestBench.Bench.Definitions;
using SpaceTestBench.Bench.Duts;
using SpaceTestBench.Gherkin.Bindings;
using SpaceTestBench.Gherkin.Execution;
using SpaceTestBench.Gherkin.NUnit;
using SpaceTestBench.Results;
using SpaceTestBench.Results.Provenance;
using SpaceTestBench.Results.Recording;
using SpaceTestBench.Results.Store;
using SpaceTestBench.Steps.Bindings;
using SpaceTestBench.Steps.Running;
using SpaceTestBench.Testing;

namespace VendorSuite;

/// <summary>
/// The vendor's feature files, on the facility's default simulated bench with its default DUT, recording
/// results exactly as <c>spacebench run</c> does. An undefined step fails its test: a conformance suite
/// that cannot run is a defect, not an open question.
/// </summary>
public sealed class BoardSuite : IFeatureSuite
{
    private BenchSession? _bench;
    private SqliteResultStore? _store;
    private ResultRecorder? _recorder;

    /// <inheritdoc />
    public IReadOnlyList<string> Features => [TestRepository.Path("samples/VendorSuite/Features")];

    /// <inheritdoc />
    public string FeaturesRoot => TestRepository.Path("samples/VendorSuite/Features");

    /// <inheritdoc />
    public IReadOnlyList<Assembly> BindingAssemblies => [typeof(DutSupplySteps).Assembly, typeof(Steps.BoardPowerSteps).Assembly];

    /// <inheritdoc />
    public MissingStepOutcome MissingStepOutcome => MissingStepOutcome.Error;

    /// <inheritdoc />
    public async Task<TestRunner> CreateRunnerAsync(TestRunnerOptions options, CancellationToken cancellationToken)
    {
        var definition = BenchDefinitionLoader.Load(TestRepository.Path("benches/simulated.bench.json"));
        _bench = await BenchSession.OpenAsync(definition, DutProfileLoader.Load(definition.DefaultDutFile!), cancellationToken: cancellationToken);
        var runFolder = TestRepository.ScratchFolder("vendor-suite");
        _store = SqliteResultStore.Create(runFolder);
        _recorder = new ResultRecorder(_bench.Clock, _store);
        var dut = _bench.Dut;
        _recorder.StartRun(new RunInfo(
            Path.GetFileName(runFolder),
            new BenchInfo(definition.Name, definition.File, "virtual bench time (simulated bench)", []),
            new DutInfo(dut.Id, dut.Name, dut.SerialNumber, dut.File, dut.Description, [], null),
            Environment.UserName,
            new SoftwareInfo("VendorSuite (dotnet test)", null, []),
            TimeProvider.System.GetUtcNow(),
            new Dictionary<string, string>()));
        return BenchRunner.Create(_bench, _recorder, BindingRegistry.FromAssemblies([.. BindingAssemblies]), options);
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

/// <summary>The vendor's scenarios as NUnit test cases, tags as categories (<c>dotnet test --filter "TestCategory=vendor"</c>).</summary>
[NonParallelizable] // one bench: scenarios share its instruments and must not interleave
public sealed class BoardFeatures : FeatureTests<BoardSuite>;
