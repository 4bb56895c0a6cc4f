using System.Collections.Concurrent;
using Io.Cucumber.Messages.Types;
using SpaceTestBench.Gherkin.Bindings;
using Reqnroll.BoDi;
using SpaceTestBench.Gherkin.Parsing;
using SpaceTestBench.Gherkin.Runtime;

namespace SpaceTestBench.Gherkin.Execution;

/// <summary>
/// Runs pickles on Reqnroll's runtime with Cucumber's semantics and reports them as Cucumber Messages:
/// <see cref="StartAsync(IReadOnlyList{FeatureSource}, Func{Pickle, bool}?, CancellationToken)"/> announces the
/// features and glue, runs the BeforeTestRun hooks and plans the test cases; <see cref="RunAsync(FeatureSource, Pickle, CancellationToken)"/> runs one
/// (retrying failures when asked); <see cref="FinishAsync"/> closes features, runs the AfterTestRun hooks and
/// ends the run. Each test case executes on Reqnroll's runtime (<see cref="ReqnrollRuntime"/>, one
/// <see cref="ReqnrollScenarioDriver"/> per running scenario, so scenarios may run concurrently), its bindings those of
/// the registry's assemblies or chosen types, reported with this runner's plan, messages and listeners; a dry run
/// matches and converts each step with Reqnroll's services (<see cref="ReqnrollRuntime.BindingServices"/>), executing nothing.
/// </summary>
public sealed class TestRunner : IAsyncDisposable
{
    private readonly BindingSource _bindings;
    private readonly ReqnrollGlue _glue;
    private readonly TestRunnerOptions _options;
    private readonly MessageEmitter _emitter;
    private readonly TestCasePlanner _planner;
    private readonly IRunListener _listener;
    private readonly ReqnrollRuntime _reqnroll;
    private readonly bool _ownsReqnroll;
    private readonly ReqnrollDryRun? _dryRun;
    private readonly ConcurrentDictionary<string, TestCasePlan> _plans = new(StringComparer.Ordinal);
    private readonly OutputHelper _runOutput;
    private string? _testRunStartedId;
    private bool _started;
    private bool _startFailed;
    private bool _finished;
    private bool _disposed;
    private int _unsuccessful;

    /// <summary>
    /// A runner over the bindings Reqnroll discovers in <paramref name="bindings"/>, reporting to <paramref name="listener"/>.
    /// Reqnroll's binding registry is built here (before the BeforeTestRun hooks, since the glue is announced first) and
    /// serves the plan, the messages, a dry run and the run.
    /// </summary>
    public TestRunner(BindingSource bindings, IRunListener? listener = null, TestRunnerOptions? options = null)
    {
        _bindings = bindings ?? throw new ArgumentNullException(nameof(bindings));
        _options = options ?? new TestRunnerOptions();
        _emitter = new MessageEmitter(_options.Messages, _options.Ids, _options.Clock);
        _listener = listener ?? new NullListener();
        if (_options.Reqnroll is { } shared)
        {
            // spacebench run's validate, plan and run share one runtime, so its binding registry is built once.
            if (!shared.BindingAssemblies.SequenceEqual(bindings.DiscoveryAssemblies))
            {
                throw new ArgumentException("The shared Reqnroll runtime discovers other binding assemblies than the registry's.", nameof(options));
            }

            _reqnroll = shared;

            // Dry runs borrow it; the run that executes the scenarios ends it, as it would end its own.
            _ownsReqnroll = !_options.DryRun;
        }
        else
        {
            // A registry of no binding class (every step undefined) is Reqnroll's discovery over none of this layer's types.
            _reqnroll = bindings.Assemblies.Count > 0 ? new ReqnrollRuntime(bindings.Assemblies)
                : bindings.BindingTypes.Count > 0 ? new ReqnrollRuntime(bindings.BindingTypes)
                : new ReqnrollRuntime([typeof(TestRunner).Assembly], new BindingTypeSelection([]));
            _ownsReqnroll = true;
        }

        RunContainer = _reqnroll.RunContainer;
        var services = _reqnroll.BindingServices();
        _glue = new ReqnrollGlue(services);
        _planner = new TestCasePlanner(_glue, _emitter);
        if (_options.DryRun)
        {
            _dryRun = new ReqnrollDryRun(services, _glue, _listener, _options, _emitter);
        }

        _runOutput = new OutputHelper(_emitter);
        if (_ownsReqnroll || _dryRun is null)
        {
            // A dry run on a shared runtime executes nothing and leaves the run's container to the run.
            RunContainer.RegisterInstanceAs<IReqnrollOutputHelper>(_runOutput);
        }
    }

    /// <summary>
    /// The run-wide container (Reqnroll's BoDi): register objects every scenario may inject (the bench, the
    /// recorder). It is the parent of every Reqnroll test thread's container (and a child of Reqnroll's global one).
    /// </summary>
    public ObjectContainer RunContainer { get; }

    /// <summary>True when the scenarios run on Reqnroll's runtime (not a dry run).</summary>
    public bool RunsOnReqnroll => _dryRun is null;

    /// <summary>True for a dry run, which matches and converts with Reqnroll's services.</summary>
    public bool DryRunsOnReqnroll => _dryRun is not null;

    /// <summary>Where Reqnroll discovers the bindings.</summary>
    public BindingSource Bindings => _bindings;

    /// <summary>Reqnroll's binding registry the runner plans, reports and runs with.</summary>
    public Reqnroll.Bindings.IBindingRegistry BindingRegistry => _glue.Registry;

    /// <summary>True once every test case run so far passed or was skipped, and no run hook failed.</summary>
    public bool Succeeded => !_startFailed && Volatile.Read(ref _unsuccessful) == 0;

    /// <summary>Starts the run without announcing features; they are announced as their scenarios run.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default) =>
        await StartAsync([], null, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Announces <paramref name="features"/> and the glue, runs the BeforeTestRun hooks (all of them, even
    /// after one fails), and plans the pickles <paramref name="select"/> accepts. Returns the test cases in
    /// the order to run them. A failing hook throws <see cref="HookFailedException"/> after the others ran;
    /// no test case is planned then, and <see cref="FinishAsync"/> must still be called.
    /// </summary>
    public async Task<IReadOnlyList<TestCaseInfo>> StartAsync(IReadOnlyList<FeatureSource> features, Func<Pickle, bool>? select = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(features);
        if (_started)
        {
            throw new InvalidOperationException("The run has already started.");
        }

        _started = true;
        _emitter.Meta();
        foreach (var feature in features)
        {
            _emitter.Feature(feature);
        }

        _emitter.Glue(_glue);
        _testRunStartedId = _emitter.NewId();
        _emitter.Emit(Envelope.Create(new TestRunStarted(_emitter.Now(), _testRunStartedId)));
        var failure = await StartTestRunAsync().ConfigureAwait(false);
        if (failure is not null)
        {
            _startFailed = true;
            throw failure;
        }

        var pickles = features.SelectMany(f => f.Pickles.Where(p => select?.Invoke(p) ?? true).Select(p => (Feature: f, Pickle: p))).ToList();
        if (_options.Order == RunOrder.Reverse)
        {
            pickles.Reverse();
        }

        var planned = new List<TestCaseInfo>(pickles.Count);
        foreach (var (feature, pickle) in pickles)
        {
            var plan = _planner.Plan(feature, pickle);
            _plans[pickle.Id] = plan;
            _emitter.Emit(_planner.ToMessage(plan, _testRunStartedId));
            planned.Add(plan.Info);
        }

        return planned;
    }

    /// <summary>Starts, runs every pickle <paramref name="select"/> accepts, and finishes.</summary>
    public async Task<IReadOnlyList<TestCaseResult>> RunAllAsync(IEnumerable<FeatureSource> features, Func<Pickle, bool>? select = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(features);
        var results = new List<TestCaseResult>();
        try
        {
            foreach (var testCase in await StartAsync(features.ToList(), select, cancellationToken).ConfigureAwait(false))
            {
                cancellationToken.ThrowIfCancellationRequested();
                results.Add(await RunAsync(testCase.Feature, testCase.Pickle, cancellationToken).ConfigureAwait(false));
            }
        }
        finally
        {
            await FinishAsync(cancellationToken).ConfigureAwait(false);
        }

        return results;
    }

    /// <summary>Runs one pickle, again while it fails and retries remain; returns the last attempt.</summary>
    public Task<TestCaseResult> RunAsync(FeatureSource feature, Pickle pickle, CancellationToken cancellationToken = default) =>
        RunAsync(feature, pickle, 0, cancellationToken);

    /// <summary>
    /// Runs one pickle from step <paramref name="firstStep"/> (a resumed run: the steps before it finished
    /// in the interrupted run and are neither run nor reported); its hooks run as usual. A retry runs it whole.
    /// </summary>
    public Task<TestCaseResult> RunAsync(FeatureSource feature, Pickle pickle, int firstStep, CancellationToken cancellationToken = default) =>
        RunAsync(feature, pickle, firstStep, ended: false, cancellationToken);

    /// <summary>
    /// As <see cref="RunAsync(FeatureSource, Pickle, int, CancellationToken)"/>; when <paramref name="ended"/>, a step
    /// before <paramref name="firstStep"/> did not pass in the interrupted run (its record says so), and the steps from
    /// <paramref name="firstStep"/> on are reported skipped, unrun, exactly as the uninterrupted run skipped them; the
    /// hooks run. The result's status is this attempt's own (its skipped steps): the step that failed is in the record,
    /// whose judgement (the store's) gives the scenario's verdict. A retry runs the whole scenario.
    /// </summary>
    public async Task<TestCaseResult> RunAsync(FeatureSource feature, Pickle pickle, int firstStep, bool ended, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(firstStep);
        ArgumentNullException.ThrowIfNull(feature);
        ArgumentNullException.ThrowIfNull(pickle);
        if (!_started)
        {
            await StartAsync(cancellationToken).ConfigureAwait(false);
        }

        if (_startFailed)
        {
            throw new InvalidOperationException("A BeforeTestRun hook failed; no scenario can run.");
        }

        if (!_plans.TryGetValue(pickle.Id, out var plan))
        {
            _emitter.Feature(feature);
            plan = _planner.Plan(feature, pickle);
            _plans[pickle.Id] = plan;
            _emitter.Emit(_planner.ToMessage(plan, _testRunStartedId));
        }

        if (_dryRun is not null)
        {
            return Count(await _dryRun.RunAsync(plan, cancellationToken).ConfigureAwait(false));
        }

        return Count(await RunOnReqnrollAsync(plan, firstStep, ended, cancellationToken).ConfigureAwait(false));
    }

    private TestCaseResult Count(TestCaseResult result)
    {
        if (result.Status is not (TestStatus.Passed or TestStatus.Skipped))
        {
            Interlocked.Increment(ref _unsuccessful);
        }

        return result;
    }

    /// <summary>
    /// Runs a planned test case on Reqnroll's runtime, on a driver (a Reqnroll test thread) no other scenario is using,
    /// again while it fails and retries remain. The operator's stop cuts it (<see cref="OperationCanceledException"/>).
    /// </summary>
    private async Task<TestCaseResult> RunOnReqnrollAsync(TestCasePlan plan, int firstStep, bool ended, CancellationToken cancellationToken)
    {
        var driver = await _reqnroll.RentAsync().ConfigureAwait(false);
        try
        {
            TestCaseResult result;
            var attempt = 0;
            do
            {
                cancellationToken.ThrowIfCancellationRequested();
                var from = attempt == 0 ? firstStep : 0;
                var run = new ReqnrollTestCaseRun(plan, attempt, from, _glue, _listener, _options, _emitter);
                driver.Listener = run;
                run.Start();
                var outcome = await driver.RunAsync(plan.Info.Feature, plan.Info.Pickle, from, ended && attempt == 0, cancellationToken).ConfigureAwait(false);
                result = run.Result ?? throw new InvalidOperationException(
                    $"Reqnroll's runtime ended the scenario at {plan.Info.Location} without finishing it ({outcome.ExecutionStatus}): {outcome.Error?.Message}", outcome.Error);
                attempt++;
            }
            while (result.WillBeRetried);

            return result;
        }
        finally
        {
            _reqnroll.Release(driver);
        }
    }

    /// <summary>Runs the AfterFeature hooks of <paramref name="feature"/> and disposes its container.</summary>
    public async Task FinishFeatureAsync(FeatureSource feature, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(feature);
        cancellationToken.ThrowIfCancellationRequested();
        await _reqnroll.FinishFeatureAsync(feature).ConfigureAwait(false);
    }

    /// <summary>
    /// Closes every open feature, runs the AfterTestRun hooks (all of them) and ends the message stream.
    /// Throws <see cref="HookFailedException"/> afterwards if a feature or run hook failed.
    /// </summary>
    public async Task FinishAsync(CancellationToken cancellationToken = default)
    {
        if (_finished)
        {
            return;
        }

        _finished = true;
        if (!_started)
        {
            await StartAsync(cancellationToken).ConfigureAwait(false);
        }

        // A dry run started no test run and rented no driver: nothing of the runtime's to end (a shared one stays open for the run).
        var failure = _dryRun is null ? await FinishOnReqnrollAsync().ConfigureAwait(false) : null;
        _emitter.Emit(Envelope.Create(new TestRunFinished(null, failure is null && Succeeded, _emitter.Now(), null, _testRunStartedId)));
        if (failure is not null)
        {
            Interlocked.Increment(ref _unsuccessful);
            throw failure;
        }
    }

    /// <summary>Ends every open feature and the test run on Reqnroll's runtime (AfterFeature, AfterTestRun hooks); returns the first failure.</summary>
    private async Task<HookFailedException?> FinishOnReqnrollAsync()
    {
        // Reqnroll's end releases its containers: the hooks are looked up before.
        var registry = RunContainer.Resolve<Reqnroll.Bindings.IBindingRegistry>();
        var errors = (await _reqnroll.FinishFeaturesAsync().ConfigureAwait(false)).Select(e => HookFailure(registry, Reqnroll.Bindings.HookType.AfterFeature, e)).ToList();
        try
        {
            await _reqnroll.EndAsync().ConfigureAwait(false);
        }
#pragma warning disable CA1031 // an AfterTestRun hook's failure is the run's, thrown by FinishAsync
        catch (System.Exception e) when (e is not OutOfMemoryException)
#pragma warning restore CA1031
        {
            errors.Add(HookFailure(registry, Reqnroll.Bindings.HookType.AfterTestRun, e));
        }

        return errors.Count == 0 ? null : errors[0];
    }

    /// <summary>
    /// A feature or test-run hook's failure on Reqnroll's runtime, naming the hook: Reqnroll throws the hook's own exception,
    /// so the hook is the one of that kind whose method is on the exception's stack (an async hook's state machine is
    /// nested in its class, named after the method), else the first of that kind.
    /// </summary>
    private static HookFailedException HookFailure(Reqnroll.Bindings.IBindingRegistry registry, Reqnroll.Bindings.HookType kind, System.Exception error)
    {
        var hooks = registry.GetHooks(kind).ToList();
        var frames = new System.Diagnostics.StackTrace(error).GetFrames().Select(f => f.GetMethod()).OfType<System.Reflection.MethodBase>().ToList();
        var hook = hooks.FirstOrDefault(h => frames.Any(m =>
                       (m.Name == h.Method.Name && m.DeclaringType?.FullName == h.Method.Type.FullName) ||
                       (m.DeclaringType is { } state && state.DeclaringType?.FullName == h.Method.Type.FullName && state.Name.StartsWith($"<{h.Method.Name}>", StringComparison.Ordinal))))
                   ?? hooks.FirstOrDefault();
        return new HookFailedException(kind.ToString(), hook is null ? "(unknown)" : $"{hook.Method.Type.FullName}.{hook.Method.Name}", error);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        // A campaign and the NUnit adapter may both dispose the runner they share.
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_ownsReqnroll)
        {
            await _reqnroll.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Starts Reqnroll's test run, which runs the BeforeTestRun hooks (the AfterTestRun ones run when it ends, <see cref="FinishAsync"/>).</summary>
    private async Task<HookFailedException?> StartTestRunAsync()
    {
        if (_options.DryRun)
        {
            return null;
        }

        try
        {
            await _reqnroll.StartAsync().ConfigureAwait(false);
        }
#pragma warning disable CA1031 // a failing BeforeTestRun hook fails the start
        catch (System.Exception e) when (e is not OutOfMemoryException)
#pragma warning restore CA1031
        {
            var registry = RunContainer.Resolve<Reqnroll.Bindings.IBindingRegistry>();
            return registry.GetHooks(Reqnroll.Bindings.HookType.BeforeTestRun).Any()
                ? HookFailure(registry, Reqnroll.Bindings.HookType.BeforeTestRun, e)
                : throw new InvalidOperationException($"Reqnroll's test run did not start: {e.Message}", e);
        }

        return null;
    }

    private sealed class NullListener : IRunListener;
}
