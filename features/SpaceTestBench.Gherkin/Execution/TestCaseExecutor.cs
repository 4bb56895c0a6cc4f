using Io.Cucumber.Messages.Types;
using SpaceTestBench.Gherkin.Bindings;
using Reqnroll.BoDi;
using SpaceTestBench.Gherkin.Parsing;
using DataTable = Reqnroll.DataTable;

namespace SpaceTestBench.Gherkin.Execution;

/// <summary>
/// Runs one attempt of a planned test case, step by step, with Cucumber's status rules: once a step or
/// Before hook does not pass, later Before hooks and defined steps are SKIPPED while undefined and
/// ambiguous steps keep their status; After hooks always run. The case takes its most severe status.
/// </summary>
internal sealed class TestCaseExecutor(BindingRegistry bindings, IRunListener listener, TestRunnerOptions options, MessageEmitter emitter)
{
    private readonly ArgumentConverter _converter = new(bindings);

    public async Task<TestCaseResult> RunAsync(TestCasePlan plan, ObjectContainer featureContainer, FeatureContext featureContext, int attempt, CancellationToken cancellationToken, int firstStep = 0)
    {
        var info = plan.Info;
        var feature = info.Feature;
        var pickle = info.Pickle;
        var clock = options.Clock;
        var started = clock.GetTimestamp();
        var testCaseStartedId = emitter.NewId();
        emitter.Emit(Envelope.Create(new TestCaseStarted(attempt, testCaseStartedId, plan.Id, null, emitter.Now())));

        var container = new ObjectContainer(featureContainer);
        var output = new OutputHelper(emitter) { TestCaseStartedId = testCaseStartedId };
        var featureTags = feature.FeatureTags.ToHashSet(StringComparer.Ordinal);
        var scenarioInfo = new ScenarioInfo(
            pickle.Name, feature.DescriptionOf(pickle),
            [.. info.Tags.Where(t => !featureTags.Contains(t)).Select(t => t.TrimStart('@'))],
            [.. info.Tags.Select(t => t.TrimStart('@'))],
            feature.ExampleArguments(pickle));
        var context = new ScenarioContext(scenarioInfo, info.Rule is { } rule ? new RuleInfo(rule, null, []) : null, container);
        container.RegisterInstanceAs(context);
        container.RegisterInstanceAs<Reqnroll.IScenarioContext>(context);
        container.RegisterInstanceAs(featureContext);
        container.RegisterInstanceAs<IReqnrollOutputHelper>(output);
        listener.TestCaseStarted(info, context);

        var worst = TestStatus.Passed;
        string? message = null;
        var skipRest = false;

        // A step or Before hook that skips itself skips everything after it, undefined and ambiguous steps too.
        var skipAll = false;
        var stepResults = new List<StepResult>();
        var hookResults = new List<HookResult>();
        var tags = info.Tags.ToHashSet(StringComparer.Ordinal);
        foreach (var planned in plan.Steps)
        {
            if (planned.Hook is null && planned.PickleStepIndex < firstStep)
            {
                // A resumed run: this step finished before the interruption and is in the record already.
                continue;
            }

            ThrowIfStopped(planned, skipRest || skipAll, cancellationToken);
            output.TestStepId = planned.Id;
            emitter.Emit(Envelope.Create(new TestStepStarted(testCaseStartedId, planned.Id, emitter.Now())));
            var stepStarted = clock.GetTimestamp();
            TestStatus status;
            System.Exception? error;
            string? why;
            var line = info.Line;
            if (planned.Hook is { } hook)
            {
                (status, error, why) = await RunScenarioHookAsync(hook, container, skipRest, info, cancellationToken).ConfigureAwait(false);
                hookResults.Add(new HookResult(hook, status, clock.GetElapsedTime(stepStarted), error, why));
            }
            else
            {
                var step = pickle.Steps[planned.PickleStepIndex];
                var node = feature.Node(step.AstNodeIds[0]);
                line = node.Line;
                context.StepContext = new ScenarioStepContext(new StepInfo(
                    StepTypes.ToDefinitionType(step.Type), step.Text, DataTables.From(step.Argument?.DataTable), step.Argument?.DocString?.Content));
                listener.StepStarted(info, planned.PickleStepIndex, context);
                var converted = new List<object?>();
                (status, error, why) = skipAll
                    ? (TestStatus.Skipped, null, null)
                    : await RunPickleStepAsync(planned, step, node, info, container, tags, skipRest, converted, cancellationToken).ConfigureAwait(false);
                var result = new StepResult(planned.PickleStepIndex, step, node.Keyword, node.Line, status, clock.GetElapsedTime(stepStarted), error, why, [.. planned.Matches.Select(m => m.Binding)])
                {
                    Arguments = converted,
                };
                stepResults.Add(result);
                listener.StepFinished(info, result, context);
            }

            emitter.Emit(Envelope.Create(new TestStepFinished(
                testCaseStartedId, planned.Id, MessageEmitter.Result(status, clock.GetElapsedTime(stepStarted), error, feature.Uri, line), emitter.Now())));
            skipAll |= status == TestStatus.Skipped && !skipRest && !options.DryRun && (planned.Hook is null || planned.Hook.Kind == HookKind.BeforeScenario);
            skipRest |= status != TestStatus.Passed;
            if (status > worst)
            {
                worst = status;
                message ??= why;
                if (status == TestStatus.Failed)
                {
                    context.TestError ??= error;
                }

                context.ScenarioExecutionStatus = ToExecutionStatus(status);
            }
        }

        try
        {
            container.Dispose();
        }
#pragma warning disable CA1031 // a scenario object that fails to dispose fails the scenario, with the reason
        catch (System.Exception e) when (e is not OutOfMemoryException)
#pragma warning restore CA1031
        {
            // Reqnroll's BoDi disposes what it created (IDisposable, in creation order) and stops at the first failure.
            worst = TestStatus.Failed;
            message ??= $"Disposing the objects of the scenario at {info.Location} failed: {e.Message}";
        }

        var willBeRetried = worst == TestStatus.Failed && attempt < options.Retry;
        emitter.Emit(Envelope.Create(new TestCaseFinished(testCaseStartedId, emitter.Now(), willBeRetried)));
        var testCaseResult = new TestCaseResult(info, worst, stepResults, message, clock.GetElapsedTime(started))
        {
            Hooks = hookResults,
            Attempt = attempt,
            WillBeRetried = willBeRetried,
            Attachments = output.Attachments,
        };
        listener.TestCaseFinished(testCaseResult, context);
        return testCaseResult;
    }

    /// <summary>
    /// The operator's stop (the run's <paramref name="cancellationToken"/>, cancelled by Ctrl-C or SIGTERM) is
    /// checked before every step and Before hook that would run: once it is asked for, none starts, and the test
    /// case ends at once with <see cref="OperationCanceledException"/>, its next step unfinished (neither Failed
    /// nor Skipped) for a resumed run to start there. The step the stop lands in is the interrupted one: cut where
    /// it waits on the bench (<see cref="IsStop"/>) or, if it runs on to its end, not reported either way
    /// (<see cref="ThrowIfStoppedDuring"/>), so a resumed run runs it again from the settings it began with. After
    /// hooks run for a test case with no step left to run (all ran, or the rest are skipped after a failure), so
    /// it finishes with its verdict; a cut one ends without them and the host puts the bench in its safe state.
    /// </summary>
    private static void ThrowIfStopped(PlannedStep planned, bool skipped, CancellationToken cancellationToken)
    {
        if (!skipped && planned.Hook is not { Kind: HookKind.AfterScenario })
        {
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    /// <summary>
    /// A step that ran on to its end after the stop came is still the interrupted step (see <see cref="ThrowIfStopped"/>):
    /// reported finished, a resumed run would start at the next one without the bench time the finished step had
    /// let pass after it (a settling wait measured on a supply the resume had only just switched on again).
    /// </summary>
    private static void ThrowIfStoppedDuring(CancellationToken cancellationToken) => cancellationToken.ThrowIfCancellationRequested();

    /// <summary>True when <paramref name="error"/> is the operator's stop reaching a step (see <see cref="ThrowIfStopped"/>), not a failure of it.</summary>
    private static bool IsStop(System.Exception error, CancellationToken cancellationToken) =>
        error is OperationCanceledException && cancellationToken.IsCancellationRequested;

    public static async Task<System.Exception?> TryInvokeHookAsync(HookBinding hook, IObjectContainer container, CancellationToken cancellationToken)
    {
        try
        {
            var arguments = hook.Method.GetParameters().Select(p => p.ParameterType == typeof(CancellationToken) ? cancellationToken : container.Resolve(p.ParameterType)).ToArray();
            var target = hook.Method.IsStatic ? null : container.Resolve(hook.Method.DeclaringType!);
            await BindingInvoker.InvokeAsync(hook.Method, target, arguments).ConfigureAwait(false);
            return null;
        }
        catch (System.Exception e) when (!IsStop(e, cancellationToken))
        {
            return e;
        }
    }

    private async Task<(TestStatus, System.Exception?, string?)> RunScenarioHookAsync(
        HookBinding hook, ObjectContainer container, bool skipRest, TestCaseInfo info, CancellationToken cancellationToken)
    {
        var before = hook.Kind == HookKind.BeforeScenario;
        if (options.DryRun || (before && skipRest))
        {
            return (TestStatus.Skipped, null, null);
        }

        if (await TryInvokeHookAsync(hook, container, cancellationToken).ConfigureAwait(false) is not { } error)
        {
            return (TestStatus.Passed, null, null);
        }

        var status = BindingInvoker.StatusOf(error);
        return (status, error, $"{(before ? "Before" : "After")} hook {hook.MethodName} {Describe(status)} for the scenario at {info.Location}: {error.Message}");
    }

    private async Task<(TestStatus, System.Exception?, string?)> RunPickleStepAsync(
        PlannedStep planned, PickleStep step, AstNodeInfo node, TestCaseInfo info,
        ObjectContainer container, HashSet<string> tags, bool skipRest, List<object?> converted, CancellationToken cancellationToken)
    {
        var where = $"{info.Feature.Path}:{node.Line}";
        if (planned.Matches.Count == 0)
        {
            var keyword = StepTypes.ToDefinitionType(step.Type);
            var snippets = Snippets.For(step, keyword, bindings.ParameterTypes);
            emitter.Emit(Envelope.Create(new Suggestion(emitter.NewId(), step.Id, [.. snippets.Select(s => new Snippet("csharp", s))])));
            var undefinedTypes = bindings.UndefinedParameterTypes.Count == 0 ? "" :
                "\nNote: " + string.Join("\n", bindings.UndefinedParameterTypes.Select(u => $"{u.MethodName} (\"{u.Expression}\") matches nothing: it uses the undefined parameter type {{{u.ParameterTypeName}}}."));
            return (TestStatus.Undefined, null, $"Undefined step at {where}: \"{step.Text}\". Add a binding:\n{snippets[0]}{undefinedTypes}");
        }

        if (planned.Matches.Count > 1)
        {
            return (TestStatus.Ambiguous, null,
                $"Ambiguous step at {where}: \"{step.Text}\" matches {string.Join(" and ", planned.Matches.Select(m => m.Binding.MethodName))}. Make one expression more specific, or scope one with [Scope].");
        }

        if (options.DryRun)
        {
            // A dry run executes nothing but converts every argument, so bad arguments (a unit where the
            // binding wants another) are found without touching anything the bindings drive.
            if (ConvertArguments(planned.Matches[0], step, where, container, out var values) is { } conversionError)
            {
                return (TestStatus.Failed, conversionError, conversionError.Message);
            }

            converted.AddRange(values);
            return (TestStatus.Skipped, null, null);
        }

        if (skipRest)
        {
            return (TestStatus.Skipped, null, null);
        }

        foreach (var hook in bindings.HooksOf(HookKind.BeforeStep).Where(h => h.AppliesTo(tags)))
        {
            if (await TryInvokeHookAsync(hook, container, cancellationToken).ConfigureAwait(false) is { } hookError)
            {
                var hookStatus = BindingInvoker.StatusOf(hookError);
                return (hookStatus, hookError, $"BeforeStep hook {hook.MethodName} {Describe(hookStatus)} at {where}: {hookError.Message}");
            }
        }

        var outcome = await InvokeStepAsync(planned.Matches[0], step, where, container, cancellationToken).ConfigureAwait(false);
        ThrowIfStoppedDuring(cancellationToken);
        foreach (var hook in bindings.HooksOf(HookKind.AfterStep).Where(h => h.AppliesTo(tags)))
        {
            if (await TryInvokeHookAsync(hook, container, cancellationToken).ConfigureAwait(false) is { } hookError && outcome.Item1 == TestStatus.Passed)
            {
                var hookStatus = BindingInvoker.StatusOf(hookError);
                outcome = (hookStatus, hookError, $"AfterStep hook {hook.MethodName} {Describe(hookStatus)} at {where}: {hookError.Message}");
            }
        }

        return outcome;
    }

    private async Task<(TestStatus, System.Exception?, string?)> InvokeStepAsync(StepMatch match, PickleStep step, string where, ObjectContainer container, CancellationToken cancellationToken)
    {
        if (ConvertArguments(match, step, where, container, out var values) is { } conversionError)
        {
            return (TestStatus.Failed, conversionError, conversionError.Message);
        }

        var binding = match.Binding;
        try
        {
            var target = binding.Method.IsStatic ? null : container.Resolve(binding.Method.DeclaringType!);
            await BindingInvoker.InvokeAsync(binding.Method, target, values).ConfigureAwait(false);
            return (TestStatus.Passed, null, null);
        }
        catch (System.Exception e) when (!IsStop(e, cancellationToken))
        {
            var status = BindingInvoker.StatusOf(e);
            return (status, e, $"{binding.MethodName} {Describe(status)} at {where}: {e.Message}");
        }
    }

    /// <summary>
    /// The method arguments of a matched step: text arguments through their parameter types and
    /// transformations, then the data table or doc string (a data table through a transformation when the
    /// parameter is not a <see cref="DataTable"/>). Returns the error, naming the step, if they do not convert.
    /// </summary>
    private BindingException? ConvertArguments(StepMatch match, PickleStep step, string where, ObjectContainer container, out object?[] values)
    {
        var (binding, arguments) = match;
        var parameters = binding.Method.GetParameters();
        var extra = step.Argument?.DataTable is not null || step.Argument?.DocString is not null ? 1 : 0;
        values = new object?[parameters.Length];
        if (parameters.Length != arguments.Count + extra)
        {
            return new BindingException(
                $"{binding.MethodName} takes {parameters.Length} parameter(s) but the step at {where} supplies {arguments.Count + extra} " +
                $"({arguments.Count} from the text{(extra == 1 ? " and its data table or doc string" : "")}).");
        }

        try
        {
            for (var i = 0; i < arguments.Count; i++)
            {
                values[i] = _converter.Convert(arguments[i], parameters[i].ParameterType, container);
            }

            if (extra == 1)
            {
                values[^1] = step.Argument!.DataTable is { } table
                    ? _converter.ConvertTable(DataTables.From(table), parameters[^1].ParameterType, container)
                    : step.Argument.DocString!.Content;
            }

            return null;
        }
        catch (System.Exception e) when (e is FormatException or InvalidCastException or OverflowException or ArgumentException)
        {
            return new BindingException($"The arguments of the step at {where} (\"{step.Text}\") do not convert to the parameters of {binding.MethodName}: {e.Message}", e);
        }
    }

    internal static string Describe(TestStatus status) => status switch
    {
        TestStatus.Pending => "is pending",
        TestStatus.Skipped => "skipped",
        _ => "failed",
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
}

/// <summary>Pickle step types as Reqnroll keyword classes.</summary>
internal static class StepTypes
{
    public static StepDefinitionType ToDefinitionType(PickleStepType type) => type switch
    {
        PickleStepType.ACTION => StepDefinitionType.When,
        PickleStepType.OUTCOME => StepDefinitionType.Then,
        _ => StepDefinitionType.Given,
    };
}

/// <summary>Pickle tables as <see cref="DataTable"/>s: the first row is the header.</summary>
internal static class DataTables
{
    public static DataTable? From(PickleTable? table)
    {
        if (table is null || table.Rows.Count == 0)
        {
            return null;
        }

        var result = new DataTable([.. table.Rows[0].Cells.Select(c => c.Value)]);
        foreach (var row in table.Rows.Skip(1))
        {
            result.AddRow([.. row.Cells.Select(c => c.Value)]);
        }

        return result;
    }
}
