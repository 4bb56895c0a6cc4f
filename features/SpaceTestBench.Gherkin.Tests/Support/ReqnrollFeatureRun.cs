using Gherkin.CucumberMessages;
using Io.Cucumber.Messages.Types;
using SpaceTestBench.Gherkin.Parsing;
using SpaceTestBench.Gherkin.Runtime;
using SpaceTestBench.Gherkin.Tests.Compatibility;

namespace SpaceTestBench.Gherkin.Tests.Support;

/// <summary>
/// Runs feature text on Reqnroll's runtime — a fresh <see cref="ReqnrollTestRun"/> whose bindings are only the given
/// types, each pickle through <see cref="ReqnrollScenarioDriver"/> — and keeps what came out: each scenario's result,
/// its steps (status and the method Reqnroll bound), its context and Reqnroll's own Cucumber Messages.
/// </summary>
internal sealed class ReqnrollFeatureRun : IReqnrollRunListener
{
    private readonly List<ReqnrollScenarioRun> _scenarios = [];
    private ReqnrollScenarioRun? _current;

    public IReadOnlyList<ReqnrollScenarioRun> Scenarios => _scenarios;

    public IReadOnlyList<Envelope> Envelopes { get; private set; } = [];

    public IEnumerable<Attachment> Attachments => Envelopes.Where(e => e.Attachment is not null).Select(e => e.Attachment);

    public ReqnrollScenarioRun this[string scenario] => _scenarios.Single(s => s.Title == scenario);

    public static async Task<ReqnrollFeatureRun> RunAsync(string featureText, params Type[] bindingTypes)
    {
        var run = new ReqnrollFeatureRun();
        var feature = FeatureSource.Parse(featureText.ReplaceLineEndings("\n"), "test.feature", "test.feature", new IncrementingIdGenerator());
        var messages = new ReqnrollMessageCollector();
        await using (var reqnroll = await ReqnrollTestRun.StartAsync(typeof(ReqnrollFeatureRun).Assembly, bindingTypes, [new SkipAwareRuntimePlugin(), messages], run))
        {
            foreach (var pickle in feature.Pickles)
            {
                var result = await reqnroll.Driver.RunAsync(feature, pickle);
                run._current!.Result = result;
            }
        }

        run.Envelopes = messages.Envelopes;
        return run;
    }

    void IReqnrollRunListener.ScenarioStarted(Reqnroll.ScenarioContext scenario)
    {
        _current = new ReqnrollScenarioRun(scenario);
        _scenarios.Add(_current);
    }

    void IReqnrollRunListener.StepStarted(int index, Reqnroll.ScenarioContext scenario, Reqnroll.ScenarioStepContext stepContext) =>
        _current!.Steps.Add(new ReqnrollStepRun(stepContext.StepInfo.BindingMatch?.StepBinding?.Method?.Name));

    void IReqnrollRunListener.StepFinished(int index, Reqnroll.ScenarioContext scenario, Reqnroll.ScenarioExecutionStatus status, System.Exception? stepError)
    {
        var step = _current!.Steps[^1];
        step.Status = status;
        step.Error = stepError;
    }
}

/// <summary>One scenario of a <see cref="ReqnrollFeatureRun"/>.</summary>
internal sealed class ReqnrollScenarioRun(Reqnroll.ScenarioContext context)
{
    public string Title => Context.ScenarioInfo.Title;

    public Reqnroll.ScenarioContext Context { get; } = context;

    public ReqnrollScenarioResult? Result { get; set; }

    public List<ReqnrollStepRun> Steps { get; } = [];
}

/// <summary>One step of a <see cref="ReqnrollScenarioRun"/>: the bound method's name (null when none matched) and how it ended.</summary>
internal sealed class ReqnrollStepRun(string? method)
{
    public string? Method { get; } = method;

    public Reqnroll.ScenarioExecutionStatus Status { get; set; }

    public System.Exception? Error { get; set; }
}
