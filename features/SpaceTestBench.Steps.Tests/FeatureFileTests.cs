using Gherkin.CucumberMessages;
using SpaceTestBench.Bench;
using SpaceTestBench.Bench.Definitions;
using SpaceTestBench.Bench.Duts;
using SpaceTestBench.Gherkin.Execution;
using SpaceTestBench.Gherkin.Parsing;
using SpaceTestBench.Results.Recording;
using SpaceTestBench.Results.Store;
using SpaceTestBench.Steps.Running;
using SpaceTestBench.Testing;

namespace SpaceTestBench.Steps.Tests;

/// <summary>
/// Every scenario (pickle) of every feature file under features/ as an NUnit test case, run on the
/// simulated bench exactly as <c>spacebench run</c> runs it. Tags become categories, so
/// <c>dotnet test --filter "TestCategory=power"</c> selects by tag; <c>@ignore</c> is honoured.
/// Pending steps make a case inconclusive; undefined, ambiguous and failed steps fail it: a
/// conformance suite that cannot run is a defect.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class FeatureFileTests
{
    private static readonly Lazy<Dictionary<string, FeatureSource>> Features = new(LoadFeatures);

    private BenchSession _bench = null!;
    private SqliteResultStore _store = null!;
    private TestRunner _runner = null!;

    /// <summary>The test cases: one per pickle.</summary>
    public static IEnumerable<TestCaseData> Pickles()
    {
        foreach (var feature in Features.Value.Values)
        {
            for (var index = 0; index < feature.Pickles.Count; index++)
            {
                var pickle = feature.Pickles[index];
                var rule = feature.RuleOf(pickle) is { } r ? $"{r} › " : "";
                var data = new TestCaseData(feature.Uri, index)
                    .SetName($"{feature.FeatureName} › {rule}{pickle.Name} ({feature.Uri}:{feature.LineOf(pickle)})");
                foreach (var tag in pickle.Tags)
                {
                    data = data.SetCategory(tag.Name.TrimStart('@'));
                }

                if (pickle.Tags.Any(t => t.Name == "@ignore"))
                {
                    data = data.Ignore("Ignored by @ignore tag");
                }

                yield return data;
            }
        }
    }

    [OneTimeSetUp]
    public async Task OpenSimulatedBench()
    {
        var definition = BenchDefinitionLoader.Load(TestRepository.Path("benches/simulated.bench.json"));
        _bench = await BenchSession.OpenAsync(definition, DutProfileLoader.Load(definition.DefaultDutFile!));
        var runFolder = TestRepository.ScratchFolder("feature-files");
        _store = SqliteResultStore.Create(runFolder);
        var recorder = new ResultRecorder(_bench.Clock, _store);
        recorder.StartRun(new RunInfo(
            Path.GetFileName(runFolder), definition.Name, definition.File, _bench.Dut.Name, _bench.Dut.File, Environment.UserName, "tests",
            TimeProvider.System.GetUtcNow(), new Dictionary<string, string>()));
        _runner = BenchRunner.Create(_bench, recorder);
        await _runner.StartAsync();
    }

    [OneTimeTearDown]
    public async Task CloseBench()
    {
        await _runner.FinishAsync();
        await _runner.DisposeAsync();
        _store.Dispose();
        await _bench.DisposeAsync();
    }

    [TestCaseSource(nameof(Pickles))]
    public async Task Scenario(string featureUri, int pickleIndex)
    {
        var feature = Features.Value[featureUri];
        var result = await _runner.RunAsync(feature, feature.Pickles[pickleIndex]);

        var problems = string.Join(
            Environment.NewLine,
            result.Steps.Where(s => s.Status is not (TestStatus.Passed or TestStatus.Skipped))
                .Select(s => $"{feature.Path}:{s.Line}: {s.Keyword}{s.Step.Text} → {s.Status}: {s.Message}"));
        switch (result.Status)
        {
            case TestStatus.Passed:
                return;
            case TestStatus.Pending:
                Assert.Inconclusive(problems);
                break;
            case TestStatus.Skipped:
                Assert.Ignore(problems);
                break;
            default:
                Assert.Fail($"{result.Status}: {result.Message}{Environment.NewLine}{problems}");
                break;
        }
    }

    private static Dictionary<string, FeatureSource> LoadFeatures()
    {
        var root = TestRepository.Path("features");
        var ids = new IncrementingIdGenerator();
        return FeatureSource.FindFeatureFiles([root])
            .Select(file => FeatureSource.Load(file, root, ids))
            .ToDictionary(f => f.Uri, StringComparer.Ordinal);
    }
}
