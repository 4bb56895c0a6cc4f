using Gherkin.CucumberMessages;
using Io.Cucumber.Messages.Types;
using SpaceTestBench.Gherkin.Bindings;
using SpaceTestBench.Gherkin.Execution;
using SpaceTestBench.Gherkin.Messages;
using SpaceTestBench.Gherkin.Parsing;

namespace SpaceTestBench.Gherkin.Tests.Support;

/// <summary>
/// Runs feature text against some binding classes through the product's <see cref="TestRunner"/> on Reqnroll's runtime
/// (a <see cref="Runtime.ReqnrollRuntime"/> whose bindings are only those classes) and keeps everything that came out:
/// the runner's results, its Cucumber Messages, each scenario's (Reqnroll's) context.
/// </summary>
internal sealed class FeatureRun : IRunListener
{
    private readonly List<Reqnroll.IScenarioContext> _contexts = [];

    public IReadOnlyList<TestCaseResult> Results { get; private set; } = [];

    public IReadOnlyList<Envelope> Envelopes { get; private set; } = [];

    public IReadOnlyList<Reqnroll.IScenarioContext> Contexts => _contexts;

    public System.Exception? RunError { get; private set; }

    public static async Task<FeatureRun> RunAsync(string featureText, Type[] bindingTypes, TestRunnerOptions? options = null, Action<TestRunner>? setUp = null)
    {
        var run = new FeatureRun();
        var ids = new IncrementingIdGenerator();
        var feature = FeatureSource.Parse(featureText.ReplaceLineEndings("\n"), "test.feature", "test.feature", ids);
        var messages = new MessageCollector();
        await using var runner = new TestRunner(BindingSource.FromTypes(bindingTypes), run, (options ?? new TestRunnerOptions()) with { Messages = messages, Ids = ids });
        setUp?.Invoke(runner);
        try
        {
            run.Results = await runner.RunAllAsync([feature]);
        }
        catch (HookFailedException e)
        {
            run.RunError = e;
        }

        run.Envelopes = messages.Envelopes;
        return run;
    }

    public TestCaseResult this[string scenario] => Results.Single(r => r.TestCase.Pickle.Name == scenario);

    public IEnumerable<Attachment> Attachments => Envelopes.Where(e => e.Attachment is not null).Select(e => e.Attachment);

    public bool Success => Envelopes.Single(e => e.TestRunFinished is not null).TestRunFinished.Success;

    void IRunListener.TestCaseStarted(TestCaseInfo testCase, Reqnroll.IScenarioContext context) => _contexts.Add(context);
}
