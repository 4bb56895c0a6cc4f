using System.Reflection;
using SpaceTestBench.Gherkin.Bindings;
using SpaceTestBench.Gherkin.Execution;
using SpaceTestBench.Gherkin.NUnit;
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
    private Campaign? _campaign;

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
        _campaign = await Campaign.OpenAsync(
            TestRepository.Path("benches/simulated.bench.json"), TestRepository.ScratchFolder("vendor-suite"), "VendorSuite (dotnet test)",
            new CampaignSettings { Bindings = BindingSource.FromAssemblies([.. BindingAssemblies]), Options = options }, cancellationToken);
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

/// <summary>The vendor's scenarios as NUnit test cases, tags as categories (<c>dotnet test --filter "TestCategory=vendor"</c>).</summary>
[NonParallelizable] // one bench: scenarios share its instruments and must not interleave
public sealed class BoardFeatures : FeatureTests<BoardSuite>;
