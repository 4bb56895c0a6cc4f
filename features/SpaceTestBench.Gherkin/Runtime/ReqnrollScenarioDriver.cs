using System.Collections.Specialized;
using System.Globalization;
using Io.Cucumber.Messages.Types;
using HookType = Reqnroll.Bindings.HookType;
using Reqnroll.Events;
using Reqnroll.Infrastructure;
using SpaceTestBench.Gherkin.Execution;
using SpaceTestBench.Gherkin.Parsing;
using ReqnrollFeatureInfo = Reqnroll.FeatureInfo;
using ReqnrollRuleInfo = Reqnroll.RuleInfo;
using ReqnrollScenarioInfo = Reqnroll.ScenarioInfo;
using ReqnrollStatus = Reqnroll.ScenarioExecutionStatus;
using TestRunner = Reqnroll.ITestRunner;

namespace SpaceTestBench.Gherkin.Runtime;

/// <summary>
/// Runs this layer's pickles through Reqnroll's runtime (<see cref="Reqnroll.ITestRunner"/>) the way Reqnroll's
/// generated code-behind would, but from this layer's Gherkin parse: one <see cref="Reqnroll.FeatureInfo"/> per feature
/// file (the feature is started when its first scenario runs and ended when a scenario of another feature
/// runs, or by <see cref="FinishFeatureAsync"/>), one <see cref="Reqnroll.ScenarioInfo"/> per pickle (title, description,
/// own and inherited tags, the outline row as arguments, the Rule), then scenario initialise and start (Before
/// hooks), one <c>GivenAsync</c>/<c>WhenAsync</c>/<c>ThenAsync</c> per pickle step with its data table or doc
/// string, error collection (block hooks) and scenario end (After hooks). Hooks, step matching, argument
/// conversion, injection and the contexts are Reqnroll's.
/// </summary>
/// <remarks>
/// The operator's stop (the run's cancellation token) has the semantics this product's runs pin: once it is
/// asked for, no step and no Before, step or block hook binding starts, and the
/// scenario ends at once with <see cref="OperationCanceledException"/>, without its After hooks and with the step
/// the stop landed in unfinished — neither passed nor failed — so a resumed run runs it again from
/// <c>firstStep</c>. A cancellation seen by a binding while the run's token is not cancelled is the binding's own
/// failure, reported as Reqnroll reports any exception.
/// </remarks>
public sealed class ReqnrollScenarioDriver : IAsyncExecutionEventListener
{
    private FeatureSource? _feature;
    private CancellationToken _stop;
    private bool _stepRunning;
    private Reqnroll.ScenarioStepContext? _stepContext;

    /// <summary>
    /// A driver of <paramref name="runner"/> (one per Reqnroll test thread) that tells <paramref name="listener"/>
    /// when each pickle step starts and finishes; it listens to the thread's execution events from now on.
    /// </summary>
    public ReqnrollScenarioDriver(TestRunner runner, IReqnrollRunListener? listener = null)
    {
        Runner = runner ?? throw new ArgumentNullException(nameof(runner));
        Listener = listener;
        runner.TestThreadContext.TestThreadContainer.Resolve<ITestThreadExecutionEventPublisher>().AddListener(this);
    }

    /// <summary>Told how the scenarios go; a runner sets it for each scenario it runs on this driver.</summary>
    public IReqnrollRunListener? Listener { get; set; }

    /// <summary>True when <paramref name="feature"/> is the feature this driver has open (started, not yet ended).</summary>
    public bool IsRunning(FeatureSource feature) => ReferenceEquals(_feature, feature);

    /// <summary>Reqnroll's runner this driver calls.</summary>
    public TestRunner Runner { get; }

    /// <summary>The pickle step now running (its index in the pickle), or null between steps.</summary>
    public int? CurrentStep { get; private set; }

    /// <summary>
    /// Runs <paramref name="pickle"/> of <paramref name="feature"/> from pickle step <paramref name="firstStep"/>
    /// (a resumed run: the steps before it finished in the interrupted run and are not called; the hooks run as
    /// usual) and returns how it ended. Throws <see cref="OperationCanceledException"/> when the operator's stop
    /// (<paramref name="cancellationToken"/>) came before or during the scenario.
    /// </summary>
    public Task<ReqnrollScenarioResult> RunAsync(FeatureSource feature, Pickle pickle, int firstStep = 0, CancellationToken cancellationToken = default) =>
        RunAsync(feature, pickle, firstStep, ended: false, cancellationToken);

    /// <summary>
    /// As <see cref="RunAsync(FeatureSource, Pickle, int, CancellationToken)"/>; when <paramref name="ended"/>, a step
    /// before <paramref name="firstStep"/> did not pass in the interrupted run, so the steps from it on are skipped
    /// unrun — told to the listener as <see cref="IReqnrollRunListener.StepSkipped"/>, as Reqnroll skips the steps after
    /// one that failed — and the hooks run as usual.
    /// </summary>
    public async Task<ReqnrollScenarioResult> RunAsync(FeatureSource feature, Pickle pickle, int firstStep, bool ended, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(feature);
        ArgumentNullException.ThrowIfNull(pickle);
        ArgumentOutOfRangeException.ThrowIfNegative(firstStep);
        cancellationToken.ThrowIfCancellationRequested();
        _stop = cancellationToken;
        if (!ReferenceEquals(_feature, feature))
        {
            await FinishFeatureAsync().ConfigureAwait(false);
            await Runner.OnFeatureStartAsync(ToFeatureInfo(feature)).ConfigureAwait(false);
            _feature = feature;
        }

        Runner.OnScenarioInitialize(ToScenarioInfo(feature, pickle), ToRuleInfo(feature, pickle));
        try
        {
            await RunStepsAsync(feature, pickle, firstStep, ended, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Cut by the operator's stop: the scenario's objects are released without its After hooks.
            CurrentStep = null;
            _stepRunning = false;
            Runner.TestThreadContext.TestThreadContainer.Resolve<IContextManager>().CleanupScenarioContext();
            throw;
        }

        CurrentStep = null;
        _stepRunning = false;
        var context = Runner.ScenarioContext;
        System.Exception? collected = null;
        try
        {
            await Runner.CollectScenarioErrorsAsync().ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Reqnroll rethrows the scenario's error here; it is the result, read from the context below
        catch (System.Exception e) when (e is not OutOfMemoryException)
#pragma warning restore CA1031
        {
            collected = e;
        }

        try
        {
            await Runner.OnScenarioEndAsync().ConfigureAwait(false);
        }
#pragma warning disable CA1031 // an After hook's failure is the scenario's failure, reported in its result
        catch (System.Exception e) when (e is not OutOfMemoryException)
#pragma warning restore CA1031
        {
            collected ??= e;
        }

        var status = context.ScenarioExecutionStatus;
        var error = context.TestError ?? collected;
        return new ReqnrollScenarioResult(ToTestStatus(status, error), status, error);
    }

    private async Task RunStepsAsync(FeatureSource feature, Pickle pickle, int firstStep, bool ended, CancellationToken cancellationToken)
    {
        await Runner.OnScenarioStartAsync().ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        for (var i = firstStep; i < pickle.Steps.Count; i++)
        {
            if (ended)
            {
                // The interrupted run's record already has a step that did not pass: this one was skipped there, and is here.
                CurrentStep = i;
                Listener?.StepSkipped(i, Runner.ScenarioContext);
                continue;
            }

            // After a step that did not pass the rest are skipped, bindings unrun: no stop cuts those.
            _stepRunning = Runner.ScenarioContext.ScenarioExecutionStatus == ReqnrollStatus.OK;
            if (_stepRunning)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            CurrentStep = i;
            _stepContext = null;
            var step = pickle.Steps[i];
            var keyword = feature.Node(step.AstNodeIds[0]).Keyword;
            var table = DataTables.From(step.Argument?.DataTable);
            var docString = step.Argument?.DocString?.Content;
            var call = step.Type switch
            {
                PickleStepType.ACTION => Runner.WhenAsync(step.Text, docString, table, keyword),
                PickleStepType.OUTCOME => Runner.ThenAsync(step.Text, docString, table, keyword),
                _ => Runner.GivenAsync(step.Text, docString, table, keyword),
            };
            System.Exception? afterStep = null;
            try
            {
                await call.ConfigureAwait(false);
            }
            catch (System.Exception e) when (_stepRunning && e is not OperationCanceledException && cancellationToken.IsCancellationRequested)
            {
                // An AfterStep hook the stop kept from starting (see OnEventAsync).
                throw new OperationCanceledException(cancellationToken);
            }
#pragma warning disable CA1031 // an AfterStep (or block) hook that failed: Reqnroll has put it on the scenario; it fails the step
            catch (System.Exception e) when (e is not (OperationCanceledException or OutOfMemoryException))
#pragma warning restore CA1031
            {
                afterStep = e;
            }

            // The step the stop landed in is the interrupted one, even if it ran on to its end.
            if (_stepRunning)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            if (_stepContext is { } stepContext)
            {
                // After its AfterStep hooks: one that failed fails a step that had passed (the engine's judgement of its measurements is one).
                var (status, error) = afterStep is not null && stepContext.Status == ReqnrollStatus.OK
                    ? (ReqnrollStatus.TestError, afterStep)
                    : (stepContext.Status, stepContext.StepError);
                Listener?.StepFinished(i, Runner.ScenarioContext, status, error);
            }
        }

    }

    /// <summary>
    /// Reqnroll's execution events of this test thread: once the operator's stop is asked for, no Before, block or
    /// step hook binding starts (the scenario is cut; its After hooks are not run), and the step it lands in is not
    /// reported finished; otherwise the listener hears of the scenario's start (before its Before hooks) and end (after
    /// its After hooks, its container still open) and of each pickle step's start (finishes are told by the step loop,
    /// after the AfterStep hooks).
    /// </summary>
    Task IAsyncExecutionEventListener.OnEventAsync(IExecutionEvent executionEvent)
    {
        switch (executionEvent)
        {
            case HookBindingStartedEvent hook when _stop.IsCancellationRequested && IsCutByStop(hook.HookBinding.HookType):
                throw new OperationCanceledException(_stop);
            case HookBindingStartedEvent hook:
                Listener?.HookStarted(hook.HookBinding);
                break;
            case HookBindingFinishedEvent hook:
                Listener?.HookFinished(hook.HookBinding, hook.HookStatus, hook.HookException, hook.Duration);
                break;
            case ScenarioStartedEvent started:
                Listener?.ScenarioStarted((Reqnroll.ScenarioContext)started.ScenarioContext);
                break;
            case StepStartedEvent started when CurrentStep is { } index:
                _stepContext = (Reqnroll.ScenarioStepContext)started.StepContext;
                Listener?.StepStarted(index, (Reqnroll.ScenarioContext)started.ScenarioContext, _stepContext);
                break;
            case ScenarioFinishedEvent finished:
                Listener?.ScenarioFinished((Reqnroll.ScenarioContext)finished.ScenarioContext);
                break;
            case OutputAddedEvent output:
                Listener?.OutputAdded(output.Text);
                break;
            case AttachmentAddedEvent attachment:
                Listener?.AttachmentAdded(attachment.FilePath);
                break;
        }

        return Task.CompletedTask;
    }

    private static bool IsCutByStop(HookType type) =>
        type is HookType.BeforeFeature or HookType.BeforeScenario or HookType.BeforeScenarioBlock or HookType.AfterScenarioBlock
            or HookType.BeforeStep or HookType.AfterStep;

    /// <summary>Ends the feature now running (its AfterFeature hooks), if any.</summary>
    public async Task FinishFeatureAsync()
    {
        if (_feature is null)
        {
            return;
        }

        _feature = null;
        await Runner.OnFeatureEndAsync().ConfigureAwait(false);
    }

    /// <summary>A feature file as Reqnroll's <see cref="Reqnroll.FeatureInfo"/>: its language, folder, title, description and tags (without '@').</summary>
    public static ReqnrollFeatureInfo ToFeatureInfo(FeatureSource feature)
    {
        ArgumentNullException.ThrowIfNull(feature);
        var node = feature.Document.Feature;
        var language = node?.Language is { Length: > 0 } code ? CultureInfo.GetCultureInfo(code) : CultureInfo.GetCultureInfo("en");
        var description = node?.Description is { Length: > 0 } text ? text.Trim() : null;
        return new ReqnrollFeatureInfo(
            language, Path.GetDirectoryName(feature.Uri) ?? "", feature.FeatureName, description, Reqnroll.ProgrammingLanguage.CSharp,
            [.. feature.FeatureTags.Select(t => t.TrimStart('@'))], new FeatureMessages(feature));
    }

    /// <summary>
    /// A pickle as Reqnroll's <see cref="Reqnroll.ScenarioInfo"/>: its name (interpolated for outlines), its scenario's
    /// description, its own tags and the inherited ones (feature, rule, examples) apart, and the outline row as arguments.
    /// </summary>
    public static ReqnrollScenarioInfo ToScenarioInfo(FeatureSource feature, Pickle pickle)
    {
        ArgumentNullException.ThrowIfNull(feature);
        ArgumentNullException.ThrowIfNull(pickle);
        var featureTags = feature.FeatureTags.ToHashSet(StringComparer.Ordinal);
        var all = pickle.Tags.Select(t => t.Name).ToList();
        var arguments = new OrderedDictionary();
        foreach (var (name, value) in feature.ExampleArguments(pickle))
        {
            arguments[name] = value;
        }

        return new ReqnrollScenarioInfo(
            pickle.Name, feature.DescriptionOf(pickle),
            [.. all.Where(t => !featureTags.Contains(t)).Select(t => t.TrimStart('@'))],
            arguments,
            [.. all.Where(featureTags.Contains).Select(t => t.TrimStart('@'))],
            FeatureMessages.PickleIndex(feature, pickle));
    }

    /// <summary>The Rule a pickle belongs to as Reqnroll's <see cref="Reqnroll.RuleInfo"/>, or null.</summary>
    public static ReqnrollRuleInfo? ToRuleInfo(FeatureSource feature, Pickle pickle)
    {
        ArgumentNullException.ThrowIfNull(feature);
        ArgumentNullException.ThrowIfNull(pickle);
        return feature.RuleOf(pickle) is { } rule ? new ReqnrollRuleInfo(rule, null, []) : null;
    }

    /// <summary>
    /// Reqnroll's scenario status as this layer's Cucumber status: a binding error is AMBIGUOUS when the step
    /// matched more than one definition, else FAILED (a binding that does not fit its step).
    /// </summary>
    public static TestStatus ToTestStatus(ReqnrollStatus status, System.Exception? error) => status switch
    {
        ReqnrollStatus.OK => TestStatus.Passed,
        ReqnrollStatus.StepDefinitionPending => TestStatus.Pending,
        ReqnrollStatus.UndefinedStep => TestStatus.Undefined,
        ReqnrollStatus.BindingError when error is Reqnroll.AmbiguousBindingException => TestStatus.Ambiguous,
        ReqnrollStatus.Skipped => TestStatus.Skipped,
        _ => TestStatus.Failed,
    };
}

/// <summary>Told how a <see cref="ReqnrollScenarioDriver"/>'s scenarios go (the run's results, checkpoints, progress, messages).</summary>
public interface IReqnrollRunListener
{
    /// <summary>A scenario starts, before its Before hooks: register scenario-scoped objects in its container here.</summary>
    void ScenarioStarted(Reqnroll.ScenarioContext scenario)
    {
    }

    /// <summary>Pickle step <paramref name="index"/> starts (after its BeforeStep hooks), or is about to be reported skipped.</summary>
    void StepStarted(int index, Reqnroll.ScenarioContext scenario, Reqnroll.ScenarioStepContext stepContext)
    {
    }

    /// <summary>
    /// Pickle step <paramref name="index"/> finished, after its AfterStep hooks (one that failed fails a step that
    /// had passed, with its error). Not called for the step an operator's stop landed in.
    /// </summary>
    void StepFinished(int index, Reqnroll.ScenarioContext scenario, Reqnroll.ScenarioExecutionStatus status, System.Exception? stepError)
    {
    }

    /// <summary>
    /// Pickle step <paramref name="index"/> is skipped without being called: a resumed scenario whose interrupted record
    /// already has a step that did not pass (<see cref="ReqnrollScenarioDriver.RunAsync(FeatureSource, Pickle, int, bool, CancellationToken)"/>).
    /// </summary>
    void StepSkipped(int index, Reqnroll.ScenarioContext scenario)
    {
    }

    /// <summary>A hook binding (of any kind) starts.</summary>
    void HookStarted(Reqnroll.Bindings.IHookBinding hook)
    {
    }

    /// <summary>A hook binding finished, with Reqnroll's status of it and what it threw.</summary>
    void HookFinished(Reqnroll.Bindings.IHookBinding hook, Reqnroll.ScenarioExecutionStatus status, System.Exception? hookError, TimeSpan duration)
    {
    }

    /// <summary>A scenario ended, after its After hooks, its container still open. Not called for a scenario the operator's stop cut.</summary>
    void ScenarioFinished(Reqnroll.ScenarioContext scenario)
    {
    }

    /// <summary>A binding wrote <paramref name="text"/> through Reqnroll's <c>IReqnrollOutputHelper.WriteLine</c>.</summary>
    void OutputAdded(string text)
    {
    }

    /// <summary>A binding attached the file at <paramref name="filePath"/> through Reqnroll's <c>IReqnrollOutputHelper.AddAttachment</c>.</summary>
    void AttachmentAdded(string filePath)
    {
    }
}

/// <summary>How a scenario run through Reqnroll's runtime ended.</summary>
/// <param name="Status">Its Cucumber status.</param>
/// <param name="ExecutionStatus">Reqnroll's status of it.</param>
/// <param name="Error">The failure, pending or binding error, or null when it passed.</param>
public sealed record ReqnrollScenarioResult(TestStatus Status, ReqnrollStatus ExecutionStatus, System.Exception? Error);
