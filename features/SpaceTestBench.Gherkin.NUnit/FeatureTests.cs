using System.Globalization;
using System.Text;
using global::NUnit.Framework;
using Gherkin.CucumberMessages;
using SpaceTestBench.Gherkin.Execution;
using SpaceTestBench.Gherkin.Messages;
using SpaceTestBench.Gherkin.Parsing;

namespace SpaceTestBench.Gherkin.NUnit;

/// <summary>
/// Every pickle of a <typeparamref name="TSuite"/> as an NUnit test case, so that <c>dotnet test</c> runs
/// feature files: derive one empty class per suite, e.g.
/// <code>public sealed class Qualification : FeatureTests&lt;QualificationSuite&gt;;</code>
/// The test name holds feature, rule, scenario and example row; every tag is a category (without '@',
/// so <c>dotnet test --filter "TestCategory=tid"</c> selects <c>@tid</c>); <c>@ignore</c> ignores.
/// Scenarios may run in parallel: each gets its own container, features keep their own contexts.
/// </summary>
/// <typeparam name="TSuite">What to run.</typeparam>
[FixtureLifeCycle(LifeCycle.SingleInstance)]
#pragma warning disable CA1001 // the runner lives from OneTimeSetUp to OneTimeTearDown, which disposes it: NUnit's lifecycle, not IDisposable
public abstract class FeatureTests<TSuite>
#pragma warning restore CA1001
    where TSuite : IFeatureSuite, new()
{
    private static readonly Lazy<LoadedSuite> Suite = new(LoadedSuite.Load);
    private TestRunner? _runner;
    private NdjsonMessageWriter? _messages;

    /// <summary>The suite's pickles as test cases.</summary>
#pragma warning disable CA1000 // NUnit reads test case sources from static members of the fixture type; one per suite is the point
    public static IEnumerable<TestCaseData> Scenarios() => Suite.Value.Cases;
#pragma warning restore CA1000

    /// <summary>Starts the run: BeforeTestRun hooks, then the suite's own set-up.</summary>
    [OneTimeSetUp]
    public async Task StartRunAsync()
    {
        var suite = Suite.Value;
        var options = suite.Definition.Options;
        if (suite.Definition.MessagesFile is { } file)
        {
            _messages = NdjsonMessageWriter.Create(Path.GetFullPath(file, AppContext.BaseDirectory));
        }

        _runner = await suite.Definition.CreateRunnerAsync(
            options with { Ids = suite.Ids, Messages = _messages ?? options.Messages },
            CancellationToken.None).ConfigureAwait(false);
        await suite.Definition.ConfigureAsync(_runner, CancellationToken.None).ConfigureAwait(false);

        // Test cases are planned as NUnit runs them, so a filtered run announces only what it runs.
        await _runner.StartAsync(suite.Features, _ => false, CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>Finishes the run: AfterFeature and AfterTestRun hooks, the end of the message stream.</summary>
    [OneTimeTearDown]
    public async Task FinishRunAsync()
    {
        if (_runner is null)
        {
            return;
        }

        try
        {
            await _runner.FinishAsync(CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            await Suite.Value.Definition.CleanUpAsync(_runner, CancellationToken.None).ConfigureAwait(false);
            await _runner.DisposeAsync().ConfigureAwait(false);
            _messages?.Dispose();
        }
    }

    /// <summary>Runs one pickle and turns its status into NUnit's outcome.</summary>
    [TestCaseSource(nameof(Scenarios))]
    public async Task Scenario(ScenarioCase scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var runner = _runner ?? throw new InvalidOperationException("The run did not start.");
        var result = await runner.RunAsync(scenario.Feature, scenario.Pickle).ConfigureAwait(false);
        TestContext.Out.Write(Describe(result));
        ScenarioOutcome.Apply(result, Suite.Value.Definition.MissingStepOutcome);
    }

    private static string Describe(TestCaseResult result)
    {
        var text = new StringBuilder();
        foreach (var step in result.Steps)
        {
            text.Append(CultureInfo.InvariantCulture, $"{step.Status,-9} {step.Keyword}{step.Step.Text} (line {step.Line})\n");
            if (step.Message is { } message && step.Status != TestStatus.Passed)
            {
                text.Append("          ").Append(message.Replace("\n", "\n          ", StringComparison.Ordinal)).Append('\n');
            }
        }

        foreach (var attachment in result.Attachments.Where(a => a.MediaType.StartsWith("text/", StringComparison.Ordinal)))
        {
            text.Append(CultureInfo.InvariantCulture, $"[{attachment.MediaType}] {attachment.Body}\n");
        }

        return text.ToString();
    }

    private sealed class LoadedSuite
    {
        private LoadedSuite(TSuite definition, IncrementingIdGenerator ids, List<FeatureSource> features)
        {
            Definition = definition;
            Ids = ids;
            Features = features;
            Cases = [.. features.SelectMany(f => f.Pickles.Select(p => ScenarioNaming.ToTestCase(f, p)))];
        }

        public TSuite Definition { get; }

        public IncrementingIdGenerator Ids { get; }

        public List<FeatureSource> Features { get; }

        public List<TestCaseData> Cases { get; }

        public static LoadedSuite Load()
        {
            var definition = new TSuite();
            var ids = new IncrementingIdGenerator();
            var root = Path.GetFullPath(definition.FeaturesRoot, AppContext.BaseDirectory);
            var files = FeatureSource.FindFeatureFiles(definition.Features.Select(f => Path.GetFullPath(f, AppContext.BaseDirectory)));
            return new LoadedSuite(definition, ids, [.. files.Select(f => FeatureSource.Load(f, root, ids))]);
        }
    }
}
