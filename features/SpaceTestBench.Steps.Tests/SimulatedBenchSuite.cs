using System.Reflection;
using SpaceTestBench.Gherkin.Execution;
using SpaceTestBench.Gherkin.NUnit;
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
    private Campaign? _campaign;

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
        _campaign = await Campaign.OpenAsync(
            TestRepository.Path("benches/simulated.bench.json"), TestRepository.ScratchFolder("feature-files"), "dotnet test",
            new CampaignSettings { Options = options }, cancellationToken);
        return _campaign.Runner;
    }

    /// <inheritdoc />
    public async Task CleanUpAsync(TestRunner runner, CancellationToken cancellationToken)
    {
        if (_campaign is not null)
        {
            await _campaign.DisposeAsync();
        }
    }
}

/// <summary>The suites as NUnit test cases: <c>dotnet test --filter "TestCategory=power"</c> selects by tag.</summary>
[NonParallelizable] // one bench: scenarios share its instruments and must not interleave
public sealed class ConformanceSuites : FeatureTests<SimulatedBenchSuite>;
