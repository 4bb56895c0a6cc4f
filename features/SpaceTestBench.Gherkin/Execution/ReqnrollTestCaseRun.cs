using Io.Cucumber.Messages.Types;
using HookType = Reqnroll.Bindings.HookType;
using IHookBinding = Reqnroll.Bindings.IHookBinding;
using SpaceTestBench.Gherkin.Bindings;
using SpaceTestBench.Gherkin.Runtime;
using ReqnrollStatus = Reqnroll.ScenarioExecutionStatus;

namespace SpaceTestBench.Gherkin.Execution;

/// <summary>
/// One attempt of a planned test case as Reqnroll's runtime runs it (through <see cref="ReqnrollScenarioDriver"/>),
/// told to the run's <see cref="IRunListener"/> and written as Cucumber Messages with the plan's ids: each pickle
/// step's and scenario hook's <c>testStepStarted</c>/<c>testStepFinished</c> (hooks mapped from Reqnroll's hook events
/// by their method), a plan step Reqnroll did not run (a Before hook after one failed) as SKIPPED, and the case's
/// status computed from its steps and hooks with Cucumber's order (FAILED &gt; AMBIGUOUS &gt; UNDEFINED &gt; PENDING &gt;
/// SKIPPED &gt; PASSED), not from Reqnroll's <see cref="ReqnrollStatus"/>, which ranks them otherwise.
/// </summary>
internal sealed class ReqnrollTestCaseRun(
    TestCasePlan plan, int attempt, int firstStep, ReqnrollGlue glue, IRunListener listener, TestRunnerOptions options, MessageEmitter emitter)
    : IReqnrollRunListener
{
    private readonly TestCaseInfo _info = plan.Info;
    private readonly Dictionary<IHookBinding, (PlannedStep Step, long Started)> _runningHooks = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<PlannedStep> _reported = new(ReferenceEqualityComparer.Instance);
    private readonly List<StepResult> _steps = [];
    private readonly List<HookResult> _hooks = [];
    private readonly long _started = options.Clock.GetTimestamp();
    private string _testCaseStartedId = "";
    private long _stepStarted;
    private (IHookBinding Hook, System.Exception Error)? _stepHookFailure;
    private readonly List<Attachment> _attachments = [];
    private string? _runningStepId;
    private TestStatus _worst = TestStatus.Passed;
    private string? _message;

    /// <summary>The attempt's result, once the scenario finished (null when the operator's stop cut it).</summary>
    public TestCaseResult? Result { get; private set; }

    /// <summary>Announces the attempt (<c>testCaseStarted</c>).</summary>
    public void Start()
    {
        _testCaseStartedId = emitter.NewId();
        emitter.Emit(Envelope.Create(new TestCaseStarted(attempt, _testCaseStartedId, plan.Id, null, emitter.Now())));
    }

    public void ScenarioStarted(Reqnroll.ScenarioContext scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);

        // This layer's output helper for the scenario's bindings — text or bytes with a media type, links, which Reqnroll
        // 3.3.4's helper (lines and files only) cannot attach — attaching to the running step or hook as Reqnroll's does.
        scenario.ScenarioContainer.RegisterInstanceAs<IReqnrollOutputHelper>(new ScenarioOutput(this));
        listener.TestCaseStarted(_info, scenario);
    }

    public void HookStarted(IHookBinding hook)
    {
        if (hook.HookType is HookType.BeforeStep or HookType.AfterStep)
        {
            return;
        }

        // The plan's hook is Reqnroll's (one per kind and method: Reqnroll keeps a binding per tag).
        var ran = glue.HookOf(hook);
        var planned = ran is null ? null : plan.Steps.FirstOrDefault(s =>
            ReferenceEquals(s.Hook, ran) && !_reported.Contains(s) && !_runningHooks.Values.Any(r => ReferenceEquals(r.Step, s)));
        if (planned is null)
        {
            return;
        }

        emitter.Emit(Envelope.Create(new TestStepStarted(_testCaseStartedId, planned.Id, emitter.Now())));
        _runningStepId = planned.Id;
        _runningHooks[hook] = (planned, options.Clock.GetTimestamp());
    }

    public void HookFinished(IHookBinding hook, ReqnrollStatus status, System.Exception? hookError, TimeSpan duration)
    {
        var error = hookError;
        if (hook.HookType is HookType.BeforeStep or HookType.AfterStep)
        {
            if (error is not null)
            {
                _stepHookFailure = (hook, error);
            }

            return;
        }

        if (!_runningHooks.Remove(hook, out var running))
        {
            return;
        }

        var own = running.Step.Hook!;
        var result = error is null ? TestStatus.Passed : StepOutcomes.StatusOf(error);
        var why = error is null ? null
            : $"{(own.Type == HookType.BeforeScenario ? "Before" : "After")} hook {own.MethodName} {StepOutcomes.Describe(result)} for the scenario at {_info.Location}: {error.Message}";
        var elapsed = options.Clock.GetElapsedTime(running.Started);
        _hooks.Add(new HookResult(hook, result, elapsed, error, why));
        Finish(running.Step, result, elapsed, error, _info.Line, why);
    }

    public void StepStarted(int index, Reqnroll.ScenarioContext scenario, Reqnroll.ScenarioStepContext stepContext) => Start(index, scenario);

    private void Start(int index, Reqnroll.ScenarioContext scenario)
    {
        _stepHookFailure = null;
        var planned = PlannedStepOf(index);
        emitter.Emit(Envelope.Create(new TestStepStarted(_testCaseStartedId, planned.Id, emitter.Now())));
        _runningStepId = planned.Id;
        _stepStarted = options.Clock.GetTimestamp();
        listener.StepStarted(_info, index, scenario);
    }

    public void StepSkipped(int index, Reqnroll.ScenarioContext scenario)
    {
        // Told as Reqnroll tells a step it skips after one failed: started, then finished Skipped with no error.
        Start(index, scenario);
        StepFinished(index, scenario, ReqnrollStatus.Skipped, null);
    }

    public void StepFinished(int index, Reqnroll.ScenarioContext scenario, ReqnrollStatus status, System.Exception? stepError)
    {
        var planned = PlannedStepOf(index);
        var step = _info.Pickle.Steps[index];
        var node = _info.Feature.Node(step.AstNodeIds[0]);
        var where = $"{_info.Feature.Path}:{node.Line}";
        var result = StatusOf(status, stepError);
        string? why = null;
        switch (result)
        {
            case TestStatus.Undefined:
                var keyword = StepTypes.ToDefinitionType(step.Type);
                var snippets = Snippets.For(step, keyword, glue.ParameterTypes);
                emitter.Emit(Envelope.Create(new Suggestion(emitter.NewId(), step.Id, [.. snippets.Select(s => new Snippet("csharp", s))])));
                why = $"Undefined step at {where}: \"{step.Text}\". Add a binding:\n{snippets[0]}";
                break;
            case TestStatus.Ambiguous:
                why = planned.Matches.Count > 1
                    ? $"Ambiguous step at {where}: \"{step.Text}\" matches {string.Join(" and ", planned.Matches.Select(m => m.Definition.MethodName()))}. Make one expression more specific, or scope one with [Scope]."
                    : $"Ambiguous step at {where}: \"{step.Text}\": {stepError?.Message}";
                break;
            case TestStatus.Failed or TestStatus.Pending or TestStatus.Skipped when stepError is not null:
                why = _stepHookFailure is { } hook && ReferenceEquals(hook.Error, stepError)
                    ? $"{hook.Hook.HookType} hook {hook.Hook.Method.Type.FullName}.{hook.Hook.Method.Name} {StepOutcomes.Describe(result)} at {where}: {stepError.Message}"
                    : $"{(planned.Matches.Count == 1 ? planned.Matches[0].Definition.MethodName() : step.Text)} {StepOutcomes.Describe(result)} at {where}: {stepError.Message}";
                break;
        }

        var elapsed = options.Clock.GetElapsedTime(_stepStarted);
        var stepResult = new StepResult(index, step, node.Keyword, node.Line, result, elapsed, stepError, why, [.. planned.Matches.Select(m => m.Definition)]);
        _steps.Add(stepResult);
        listener.StepFinished(_info, stepResult, scenario);
        Finish(planned, result, elapsed, result is TestStatus.Undefined or TestStatus.Ambiguous ? null : stepError, node.Line, why);
    }

    public void ScenarioFinished(Reqnroll.ScenarioContext scenario)
    {
        // What Reqnroll did not run (a Before hook after one failed, a step it never reached) is SKIPPED, in plan order.
        foreach (var planned in plan.Steps.Where(s => !_reported.Contains(s) && (s.Hook is not null || s.PickleStepIndex >= firstStep)))
        {
            emitter.Emit(Envelope.Create(new TestStepStarted(_testCaseStartedId, planned.Id, emitter.Now())));
            Finish(planned, TestStatus.Skipped, TimeSpan.Zero, null, _info.Line, null);
        }

        var willBeRetried = _worst == TestStatus.Failed && attempt < options.Retry;
        emitter.Emit(Envelope.Create(new TestCaseFinished(_testCaseStartedId, emitter.Now(), willBeRetried)));
        Result = new TestCaseResult(_info, _worst, _steps, _message, options.Clock.GetElapsedTime(_started))
        {
            Hooks = _hooks,
            Attachments = [.. _attachments],
            Attempt = attempt,
            WillBeRetried = willBeRetried,
        };
        listener.TestCaseFinished(Result, scenario);
    }

    /// <summary>A line a binding wrote (Reqnroll's <c>WriteLine</c>): a Cucumber log attachment of the running step or hook.</summary>
    public void OutputAdded(string text) => Attach(text ?? "", AttachmentContentEncoding.IDENTITY, "text/x.cucumber.log+plain", null);

    /// <summary>A file a binding attached (Reqnroll's <c>AddAttachment</c>): its bytes, base64, with the media type its extension names.</summary>
    public void AttachmentAdded(string filePath)
    {
        ArgumentNullException.ThrowIfNull(filePath);
        Attach(Convert.ToBase64String(File.ReadAllBytes(filePath)), AttachmentContentEncoding.BASE64, MediaTypes.FromFileName(filePath), Path.GetFileName(filePath));
    }

    private void Attach(string body, AttachmentContentEncoding encoding, string mediaType, string? fileName)
    {
        var attachment = new Attachment(body, encoding, fileName, mediaType, null, _testCaseStartedId, _runningStepId, null, null, null, emitter.Now());
        _attachments.Add(attachment);
        emitter.Emit(Envelope.Create(attachment));
    }

    /// <summary>This layer's <see cref="IReqnrollOutputHelper"/> of one scenario attempt: everything attaches to the running step or hook.</summary>
    private sealed class ScenarioOutput(ReqnrollTestCaseRun run) : IReqnrollOutputHelper
    {
        public void WriteLine(string message) => run.OutputAdded(message);

        public void WriteLine(string format, params object[] args) => WriteLine(string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args));

        public void AddAttachment(string filePath) => run.AttachmentAdded(filePath);

        public void Attach(string text, string mediaType, string? fileName = null)
        {
            ArgumentNullException.ThrowIfNull(text);
            ArgumentNullException.ThrowIfNull(mediaType);
            run.Attach(text, AttachmentContentEncoding.IDENTITY, mediaType, fileName);
        }

        public void Attach(ReadOnlySpan<byte> data, string mediaType, string? fileName = null)
        {
            ArgumentNullException.ThrowIfNull(mediaType);
            run.Attach(Convert.ToBase64String(data), AttachmentContentEncoding.BASE64, mediaType, fileName);
        }

        public void Link(Uri uri)
        {
            ArgumentNullException.ThrowIfNull(uri);
            run.Attach(uri.OriginalString, AttachmentContentEncoding.IDENTITY, "text/uri-list", null);
        }
    }

    /// <summary>A step's Cucumber status from Reqnroll's: pending and skip exceptions as this layer's executor reads them.</summary>
    private static TestStatus StatusOf(ReqnrollStatus status, System.Exception? error) => status switch
    {
        ReqnrollStatus.OK => TestStatus.Passed,
        ReqnrollStatus.UndefinedStep => TestStatus.Undefined,
        ReqnrollStatus.BindingError when error is Reqnroll.AmbiguousBindingException => TestStatus.Ambiguous,
        ReqnrollStatus.StepDefinitionPending => TestStatus.Pending,
        ReqnrollStatus.Skipped => TestStatus.Skipped,
        _ when error is not null => StepOutcomes.StatusOf(error) is TestStatus.Passed ? TestStatus.Failed : StepOutcomes.StatusOf(error),
        _ => TestStatus.Failed,
    };

    private PlannedStep PlannedStepOf(int index) => plan.Steps.First(s => s.Hook is null && s.PickleStepIndex == index);

    private void Finish(PlannedStep planned, TestStatus status, TimeSpan elapsed, System.Exception? error, int line, string? why)
    {
        _reported.Add(planned);
        emitter.Emit(Envelope.Create(new TestStepFinished(
            _testCaseStartedId, planned.Id, MessageEmitter.Result(status, elapsed, error, _info.Feature.Uri, line), emitter.Now())));
        if (status > _worst)
        {
            _worst = status;
            _message ??= why;
        }
    }
}
