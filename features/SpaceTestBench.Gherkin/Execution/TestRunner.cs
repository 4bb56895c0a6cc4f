using System.Reflection;
using System.Runtime.ExceptionServices;
using Io.Cucumber.Messages.Types;
using SpaceTestBench.Gherkin.Bindings;
using SpaceTestBench.Gherkin.BoDi;
using SpaceTestBench.Gherkin.Expressions;
using SpaceTestBench.Gherkin.Parsing;

namespace SpaceTestBench.Gherkin.Execution;

/// <summary>Options of a run.</summary>
public sealed record TestRunnerOptions
{
    /// <summary>Match every step but execute nothing (all matched steps report Skipped).</summary>
    public bool DryRun { get; init; }

    /// <summary>Clock for step durations (the wall clock: durations are how long the software took).</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;
}

/// <summary>
/// Runs pickles against bindings with Cucumber's semantics: Before hooks, steps (after the first step that
/// does not pass, defined steps are Skipped while undefined and ambiguous ones keep their status), After
/// hooks always. Each scenario gets its own container, so no mutable state is shared between scenarios.
/// </summary>
public sealed class TestRunner : IAsyncDisposable
{
    private readonly BindingRegistry _bindings;
    private readonly IRunListener _listener;
    private readonly TestRunnerOptions _options;
    private readonly ArgumentConverter _converter;
    private ObjectContainer? _featureContainer;
    private FeatureContext? _featureContext;
    private FeatureSource? _currentFeature;
    private bool _started;

    /// <summary>A runner over <paramref name="bindings"/>, reporting to <paramref name="listener"/>.</summary>
    public TestRunner(BindingRegistry bindings, IRunListener? listener = null, TestRunnerOptions? options = null)
    {
        _bindings = bindings ?? throw new ArgumentNullException(nameof(bindings));
        _listener = listener ?? new NullListener();
        _options = options ?? new TestRunnerOptions();
        _converter = new ArgumentConverter(bindings);
    }

    /// <summary>The run-wide container: register objects every scenario may inject (the bench, the recorder).</summary>
    public ObjectContainer RunContainer { get; } = new();

    /// <summary>Runs the BeforeTestRun hooks. A failing hook throws <see cref="HookFailedException"/>.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (_started)
        {
            return;
        }

        _started = true;
        foreach (var hook in _bindings.HooksOf(HookKind.BeforeTestRun))
        {
            if (!_options.DryRun)
            {
                await InvokeHookAsync(hook, RunContainer, cancellationToken);
            }
        }
    }

    /// <summary>Runs the AfterFeature hooks of the last feature and the AfterTestRun hooks.</summary>
    public async Task FinishAsync(CancellationToken cancellationToken = default)
    {
        await CloseFeatureAsync(cancellationToken);
        foreach (var hook in _bindings.HooksOf(HookKind.AfterTestRun))
        {
            if (!_options.DryRun)
            {
                await InvokeHookAsync(hook, RunContainer, cancellationToken);
            }
        }
    }

    /// <summary>Runs every pickle of <paramref name="features"/> that <paramref name="select"/> accepts, in order.</summary>
    public async Task<IReadOnlyList<TestCaseResult>> RunAllAsync(IEnumerable<FeatureSource> features, Func<Pickle, bool>? select = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(features);
        await StartAsync(cancellationToken);
        var results = new List<TestCaseResult>();
        foreach (var feature in features)
        {
            foreach (var pickle in feature.Pickles.Where(p => select?.Invoke(p) ?? true))
            {
                cancellationToken.ThrowIfCancellationRequested();
                results.Add(await RunAsync(feature, pickle, cancellationToken));
            }
        }

        await FinishAsync(cancellationToken);
        return results;
    }

    /// <summary>Runs one pickle (feature hooks run when the feature changes).</summary>
    public async Task<TestCaseResult> RunAsync(FeatureSource feature, Pickle pickle, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(feature);
        ArgumentNullException.ThrowIfNull(pickle);
        await StartAsync(cancellationToken);
        await EnterFeatureAsync(feature, cancellationToken);
        var clock = _options.Clock;
        var started = clock.GetTimestamp();
        var info = new TestCaseInfo(feature, pickle, feature.RuleOf(pickle), feature.LineOf(pickle));
        var tags = info.Tags;
        var container = new ObjectContainer(_featureContainer);
        var featureTags = feature.FeatureTags.ToHashSet();
        var scenarioInfo = new ScenarioInfo(
            pickle.Name, null,
            tags.Where(t => !featureTags.Contains(t)).Select(t => t.TrimStart('@')).ToArray(),
            tags.Select(t => t.TrimStart('@')).ToArray(),
            new Dictionary<string, string>());
        var context = new ScenarioContext(scenarioInfo, info.Rule, container);
        container.RegisterInstanceAs(context);
        container.RegisterInstanceAs(_featureContext!);
        _listener.TestCaseStarted(info, context);

        var status = TestStatus.Passed;
        string? message = null;
        void Fail(TestStatus newStatus, string? why, System.Exception? error)
        {
            if (newStatus > status)
            {
                status = newStatus;
                message ??= why;
                context.TestError ??= error;
                context.ScenarioExecutionStatus = ToExecutionStatus(newStatus);
            }
        }

        var tagSet = tags.ToHashSet();
        var stepResults = new List<StepResult>();
        try
        {
            foreach (var hook in _bindings.HooksOf(HookKind.BeforeScenario).Where(h => h.AppliesTo(tagSet)))
            {
                if (_options.DryRun)
                {
                    break;
                }

                var hookError = await TryInvokeHookAsync(hook, container, cancellationToken);
                if (hookError is not null)
                {
                    Fail(TestStatus.Failed, $"Before hook {hook.MethodName} failed: {hookError.Message}", hookError);
                    break;
                }
            }

            for (var index = 0; index < pickle.Steps.Count; index++)
            {
                var result = await RunStepAsync(info, index, context, container, tagSet, blocked: status != TestStatus.Passed, cancellationToken);
                stepResults.Add(result);
                if (result.Status is not (TestStatus.Passed or TestStatus.Skipped) || (result.Status == TestStatus.Skipped && status == TestStatus.Passed && !_options.DryRun))
                {
                    Fail(result.Status, result.Message, result.Error);
                }
            }

            foreach (var hook in _bindings.HooksOf(HookKind.AfterScenario).Where(h => h.AppliesTo(tagSet)).Reverse())
            {
                if (_options.DryRun)
                {
                    break;
                }

                var hookError = await TryInvokeHookAsync(hook, container, cancellationToken);
                if (hookError is not null)
                {
                    Fail(TestStatus.Failed, $"After hook {hook.MethodName} failed: {hookError.Message}", hookError);
                }
            }
        }
        finally
        {
            try
            {
                await container.DisposeAsync();
            }
            catch (AggregateException e)
            {
                Fail(TestStatus.Failed, $"Disposing scenario objects failed: {e.InnerExceptions[0].Message}", e);
            }
        }

        if (status == TestStatus.Passed && stepResults.Count > 0 && stepResults.All(s => s.Status == TestStatus.Skipped))
        {
            status = TestStatus.Skipped;
        }

        var testCaseResult = new TestCaseResult(info, status, stepResults, message, clock.GetElapsedTime(started));
        _listener.TestCaseFinished(testCaseResult, context);
        return testCaseResult;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await RunContainer.DisposeAsync();
        if (_featureContainer is not null)
        {
            await _featureContainer.DisposeAsync();
        }
    }

    /// <summary>The step definitions whose keyword class and expression match a pickle step.</summary>
    public IReadOnlyList<(StepBinding Binding, IReadOnlyList<StepArgument> Arguments)> Match(PickleStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        var wanted = step.Type switch
        {
            PickleStepType.CONTEXT => StepDefinitionType.Given,
            PickleStepType.ACTION => StepDefinitionType.When,
            PickleStepType.OUTCOME => StepDefinitionType.Then,
            _ => (StepDefinitionType?)null,
        };
        var matches = new List<(StepBinding, IReadOnlyList<StepArgument>)>();
        foreach (var binding in _bindings.Steps)
        {
            if (wanted is { } type && !binding.Types.Contains(type))
            {
                continue;
            }

            if (binding.Expression.Match(step.Text) is { } arguments)
            {
                matches.Add((binding, arguments));
            }
        }

        return matches;
    }

    private async Task<StepResult> RunStepAsync(TestCaseInfo info, int index, ScenarioContext context, ObjectContainer container, HashSet<string> tags, bool blocked, CancellationToken cancellationToken)
    {
        var step = info.Pickle.Steps[index];
        var node = info.Feature.Node(step.AstNodeIds[0]);
        var clock = _options.Clock;
        var started = clock.GetTimestamp();
        var matches = Match(step);
        StepResult Result(TestStatus status, string? message = null, System.Exception? error = null) =>
            new(index, step, node.Keyword, node.Line, status, clock.GetElapsedTime(started), error, message, matches.Select(m => m.Binding).ToList());

        context.StepContext = new ScenarioStepContext(new StepInfo(
            ToDefinitionType(step.Type), step.Text, ToDataTable(step.Argument?.DataTable), step.Argument?.DocString?.Content));
        _listener.StepStarted(info, index, context);
        StepResult result;
        if (matches.Count == 0)
        {
            result = Result(TestStatus.Undefined, $"Undefined step at {info.Feature.Path}:{node.Line}: \"{step.Text}\". Add a binding:\n{Snippets.For(step, ToDefinitionType(step.Type))}");
        }
        else if (matches.Count > 1)
        {
            result = Result(TestStatus.Ambiguous, $"Ambiguous step at {info.Feature.Path}:{node.Line}: \"{step.Text}\" matches {string.Join(" and ", matches.Select(m => m.Binding.MethodName))}.");
        }
        else if (blocked || _options.DryRun)
        {
            result = Result(TestStatus.Skipped);
        }
        else
        {
            result = await ExecuteAsync(info, node, step, matches[0], context, container, tags, Result, cancellationToken);
        }

        _listener.StepFinished(info, result, context);
        return result;
    }

    private async Task<StepResult> ExecuteAsync(
        TestCaseInfo info, AstNodeInfo node, PickleStep step, (StepBinding Binding, IReadOnlyList<StepArgument> Arguments) match,
        ScenarioContext context, ObjectContainer container, HashSet<string> tags,
        Func<TestStatus, string?, System.Exception?, StepResult> result, CancellationToken cancellationToken)
    {
        foreach (var hook in _bindings.HooksOf(HookKind.BeforeStep).Where(h => h.AppliesTo(tags)))
        {
            if (await TryInvokeHookAsync(hook, container, cancellationToken) is { } hookError)
            {
                return result(TestStatus.Failed, $"BeforeStep hook {hook.MethodName} failed: {hookError.Message}", hookError);
            }
        }

        var (binding, arguments) = match;
        var parameters = binding.Method.GetParameters();
        var extra = step.Argument?.DataTable is not null || step.Argument?.DocString is not null ? 1 : 0;
        StepResult outcome;
        if (parameters.Length != arguments.Count + extra)
        {
            outcome = result(
                TestStatus.Failed,
                $"{binding.MethodName} takes {parameters.Length} parameter(s) but the step at {info.Feature.Path}:{node.Line} supplies {arguments.Count + extra} ({arguments.Count} from the text{(extra == 1 ? " and its table or doc string" : "")}).",
                null);
        }
        else
        {
            try
            {
                var values = new object?[parameters.Length];
                for (var i = 0; i < arguments.Count; i++)
                {
                    values[i] = _converter.Convert(arguments[i], parameters[i].ParameterType, container);
                }

                if (extra == 1)
                {
                    values[^1] = step.Argument!.DataTable is { } table ? ToDataTable(table) : step.Argument.DocString!.Content;
                }

                var target = binding.Method.IsStatic ? null : container.Resolve(binding.Method.DeclaringType!);
                await InvokeAsync(binding.Method, target, values);
                outcome = result(TestStatus.Passed, null, null);
            }
            catch (PendingStepException e)
            {
                outcome = result(TestStatus.Pending, $"{binding.MethodName} is pending: {e.Message}", e);
            }
            catch (System.Exception e) when (IsSkip(e))
            {
                outcome = result(TestStatus.Skipped, e.Message, e);
            }
            catch (System.Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                outcome = result(TestStatus.Failed, e.Message, e);
            }
        }

        foreach (var hook in _bindings.HooksOf(HookKind.AfterStep).Where(h => h.AppliesTo(tags)).Reverse())
        {
            if (await TryInvokeHookAsync(hook, container, cancellationToken) is { } hookError && outcome.Status == TestStatus.Passed)
            {
                outcome = result(TestStatus.Failed, $"AfterStep hook {hook.MethodName} failed: {hookError.Message}", hookError);
            }
        }

        return outcome;
    }

    private async Task EnterFeatureAsync(FeatureSource feature, CancellationToken cancellationToken)
    {
        if (ReferenceEquals(feature, _currentFeature))
        {
            return;
        }

        await CloseFeatureAsync(cancellationToken);
        _currentFeature = feature;
        _featureContainer = new ObjectContainer(RunContainer);
        var tags = feature.FeatureTags.ToArray();
        _featureContext = new FeatureContext(
            new FeatureInfo(feature.FeatureName, feature.Document.Feature?.Description, tags.Select(t => t.TrimStart('@')).ToArray(), feature.Document.Feature?.Language ?? "en"),
            _featureContainer);
        _featureContainer.RegisterInstanceAs(_featureContext);
        foreach (var hook in _bindings.HooksOf(HookKind.BeforeFeature).Where(h => h.AppliesTo(tags)))
        {
            if (!_options.DryRun)
            {
                await InvokeHookAsync(hook, _featureContainer, cancellationToken);
            }
        }
    }

    private async Task CloseFeatureAsync(CancellationToken cancellationToken)
    {
        if (_currentFeature is null || _featureContainer is null)
        {
            return;
        }

        var tags = _currentFeature.FeatureTags.ToArray();
        try
        {
            foreach (var hook in _bindings.HooksOf(HookKind.AfterFeature).Where(h => h.AppliesTo(tags)).Reverse())
            {
                if (!_options.DryRun)
                {
                    await InvokeHookAsync(hook, _featureContainer, cancellationToken);
                }
            }
        }
        finally
        {
            await _featureContainer.DisposeAsync();
            _featureContainer = null;
            _currentFeature = null;
        }
    }

    private static async Task InvokeHookAsync(HookBinding hook, IObjectContainer container, CancellationToken cancellationToken)
    {
        if (await TryInvokeHookAsync(hook, container, cancellationToken) is { } error)
        {
            throw new HookFailedException(hook, error);
        }
    }

    private static async Task<System.Exception?> TryInvokeHookAsync(HookBinding hook, IObjectContainer container, CancellationToken cancellationToken)
    {
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            var arguments = hook.Method.GetParameters().Select(p => container.Resolve(p.ParameterType)).ToArray();
            var target = hook.Method.IsStatic ? null : container.Resolve(hook.Method.DeclaringType!);
            await InvokeAsync(hook.Method, target, arguments);
            return null;
        }
        catch (System.Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return e;
        }
    }

    private static async Task InvokeAsync(MethodInfo method, object? target, object?[] arguments)
    {
        object? returned;
        try
        {
            returned = method.Invoke(target, arguments);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }

        switch (returned)
        {
            case Task task:
                await task;
                break;
            case ValueTask valueTask:
                await valueTask;
                break;
        }
    }

    private static bool IsSkip(System.Exception e) => e.GetType().Name is "IgnoreException" or "SkipException" or "InconclusiveException";

    private static StepDefinitionType ToDefinitionType(PickleStepType type) => type switch
    {
        PickleStepType.ACTION => StepDefinitionType.When,
        PickleStepType.OUTCOME => StepDefinitionType.Then,
        _ => StepDefinitionType.Given,
    };

    private static ScenarioExecutionStatus ToExecutionStatus(TestStatus status) => status switch
    {
        TestStatus.Pending => ScenarioExecutionStatus.StepDefinitionPending,
        TestStatus.Undefined => ScenarioExecutionStatus.UndefinedStep,
        TestStatus.Ambiguous => ScenarioExecutionStatus.BindingError,
        TestStatus.Failed => ScenarioExecutionStatus.TestError,
        TestStatus.Skipped => ScenarioExecutionStatus.Skipped,
        _ => ScenarioExecutionStatus.OK,
    };

    private static DataTable? ToDataTable(PickleTable? table)
    {
        if (table is null || table.Rows.Count == 0)
        {
            return null;
        }

        var result = new DataTable(table.Rows[0].Cells.Select(c => c.Value).ToArray());
        foreach (var row in table.Rows.Skip(1))
        {
            result.AddRow(row.Cells.Select(c => c.Value).ToArray());
        }

        return result;
    }

    private sealed class NullListener : IRunListener;
}

/// <summary>A run-level or feature-level hook threw; names the hook method.</summary>
public sealed class HookFailedException(HookBinding hook, System.Exception inner)
    : System.Exception($"The {hook.Kind} hook {hook.MethodName} failed: {inner.Message}", inner)
{
    /// <summary>The hook.</summary>
    public HookBinding Hook { get; } = hook;
}
