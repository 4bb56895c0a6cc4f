using System.Globalization;
using Io.Cucumber.Messages.Types;
using Reqnroll;
using Reqnroll.Bindings;
using Reqnroll.Bindings.Reflection;
using Reqnroll.BoDi;
using Reqnroll.Infrastructure;
using SpaceTestBench.Gherkin.Bindings;
using SpaceTestBench.Gherkin.Runtime;
using BindingException = SpaceTestBench.Gherkin.Bindings.BindingException;

namespace SpaceTestBench.Gherkin.Execution;

/// <summary>
/// A dry run on Reqnroll's own services (<see cref="ReqnrollRuntime.BindingServices"/>): every pickle step is matched by
/// Reqnroll's <see cref="IStepDefinitionMatchService"/> (keyword class, expression, parameter check, [Scope], as
/// <c>TestExecutionEngine</c> asks it) and its arguments — text, data table, doc string — converted by Reqnroll's
/// <see cref="IStepArgumentTypeConverter"/> in the binding culture, inside a feature and scenario context Reqnroll's
/// context manager sets up without firing a hook. Nothing is executed: a step that matches one definition and converts
/// is SKIPPED with its converted arguments (what the binding would be called with), hooks are SKIPPED; undefined,
/// ambiguous and unconvertible steps get the status Reqnroll's run would give them (an argument that does not convert
/// FAILED, naming the feature file:line, the step and the method). So what a dry run, <c>validate</c> and the planner
/// say matches and converts is what Reqnroll will run.
/// </summary>
/// <remarks>
/// Where Reqnroll would not run a step for its arguments — its text matches a definition whose parameters the
/// arguments cannot become (Reqnroll's parameter check drops it and reports the step undefined) — the dry run reports
/// the argument problem (FAILED, naming the definition), since that is what the author must fix.
/// </remarks>
internal sealed class ReqnrollDryRun(IObjectContainer services, ReqnrollGlue glue, IRunListener listener, TestRunnerOptions options, MessageEmitter emitter)
{
    private readonly IStepDefinitionMatchService _matcher = services.Resolve<IStepDefinitionMatchService>();
    private readonly IStepArgumentTypeConverter _converter = services.Resolve<IStepArgumentTypeConverter>();
    private readonly IBindingRegistry _registry = services.Resolve<IBindingRegistry>();
    private readonly IContextManager _contexts = services.Resolve<IContextManager>();

    public async Task<TestCaseResult> RunAsync(TestCasePlan plan, CancellationToken cancellationToken)
    {
        var info = plan.Info;
        var feature = info.Feature;
        var pickle = info.Pickle;
        var clock = options.Clock;
        var started = clock.GetTimestamp();
        var testCaseStartedId = emitter.NewId();
        emitter.Emit(Envelope.Create(new TestCaseStarted(0, testCaseStartedId, plan.Id, null, emitter.Now())));
        var featureInfo = ReqnrollScenarioDriver.ToFeatureInfo(feature);
        var scenarioInfo = ReqnrollScenarioDriver.ToScenarioInfo(feature, pickle);
        _contexts.InitializeFeatureContext(featureInfo);
        try
        {
            _contexts.InitializeScenarioContext(scenarioInfo, ReqnrollScenarioDriver.ToRuleInfo(feature, pickle));
            try
            {
                var scenario = _contexts.ScenarioContext;
                var culture = _contexts.FeatureContext.BindingCulture;
                listener.TestCaseStarted(info, scenario);
                var worst = TestStatus.Passed;
                string? message = null;
                var steps = new List<StepResult>();
                var hooks = new List<HookResult>();
                foreach (var planned in plan.Steps)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    emitter.Emit(Envelope.Create(new TestStepStarted(testCaseStartedId, planned.Id, emitter.Now())));
                    var stepStarted = clock.GetTimestamp();
                    var line = info.Line;
                    TestStatus status;
                    System.Exception? error = null;
                    string? why = null;
                    if (planned.Hook is { } hook)
                    {
                        status = TestStatus.Skipped;
                        hooks.Add(new HookResult(hook.Bindings[0], status, TimeSpan.Zero, null, null));
                    }
                    else
                    {
                        var step = pickle.Steps[planned.PickleStepIndex];
                        var node = feature.Node(step.AstNodeIds[0]);
                        line = node.Line;
                        listener.StepStarted(info, planned.PickleStepIndex, scenario);
                        var check = await CheckAsync(step, node.Keyword, $"{feature.Path}:{node.Line}", new StepContext(featureInfo, scenarioInfo), culture).ConfigureAwait(false);
                        (status, error, why) = (check.Status, check.Error, check.Message);
                        if (status == TestStatus.Undefined)
                        {
                            var snippets = Snippets.For(step, StepTypes.ToDefinitionType(step.Type), glue.ParameterTypes);
                            emitter.Emit(Envelope.Create(new Suggestion(emitter.NewId(), step.Id, [.. snippets.Select(s => new Snippet("csharp", s))])));
                            why = $"{why} Add a binding:\n{snippets[0]}";
                        }

                        var result = new StepResult(planned.PickleStepIndex, step, node.Keyword, node.Line, status, clock.GetElapsedTime(stepStarted), error, why, check.Bindings)
                        {
                            Arguments = check.Arguments,
                        };
                        steps.Add(result);
                        listener.StepFinished(info, result, scenario);
                    }

                    emitter.Emit(Envelope.Create(new TestStepFinished(
                        testCaseStartedId, planned.Id,
                        MessageEmitter.Result(status, clock.GetElapsedTime(stepStarted), status is TestStatus.Undefined or TestStatus.Ambiguous ? null : error, feature.Uri, line),
                        emitter.Now())));
                    if (status > worst)
                    {
                        worst = status;
                        message ??= why;
                    }
                }

                emitter.Emit(Envelope.Create(new TestCaseFinished(testCaseStartedId, emitter.Now(), false)));
                var testCaseResult = new TestCaseResult(info, worst, steps, message, clock.GetElapsedTime(started)) { Hooks = hooks };
                listener.TestCaseFinished(testCaseResult, scenario);
                return testCaseResult;
            }
            finally
            {
                _contexts.CleanupScenarioContext();
            }
        }
        finally
        {
            _contexts.CleanupFeatureContext();
        }
    }

    /// <summary>
    /// One step as Reqnroll's <c>TestExecutionEngine</c> would take it up to the call: its best match (undefined when
    /// there is none, also when only an out-of-scope definition matches; ambiguous when several do), the parameter count,
    /// then every argument through the converter.
    /// </summary>
    private async Task<StepCheck> CheckAsync(PickleStep step, string keyword, string where, StepContext context, CultureInfo culture)
    {
        if (!_registry.IsValid)
        {
            var errors = string.Join("; ", _registry.GetErrorMessages().Select(e => e.Message));
            return new StepCheck(TestStatus.Failed, [], [], new BindingException(errors), $"The bindings do not load, so the step at {where} (\"{step.Text}\") cannot run: {errors}");
        }

        // As the driver calls GivenAsync/WhenAsync/ThenAsync by the pickle step's type (And/But take the one before).
        var (type, definitionKeyword) = step.Type switch
        {
            PickleStepType.ACTION => (Reqnroll.Bindings.StepDefinitionType.When, StepDefinitionKeyword.When),
            PickleStepType.OUTCOME => (Reqnroll.Bindings.StepDefinitionType.Then, StepDefinitionKeyword.Then),
            _ => (Reqnroll.Bindings.StepDefinitionType.Given, StepDefinitionKeyword.Given),
        };
        var table = DataTables.From(step.Argument?.DataTable);
        var instance = new StepInstance(type, definitionKeyword, keyword, step.Text, step.Argument?.DocString?.Content, table, context);
        var match = _matcher.GetBestMatch(instance, culture, out var ambiguity, out var candidates);
        if (!match.Success)
        {
            switch (ambiguity)
            {
                case StepDefinitionAmbiguityReason.AmbiguousSteps:
                    var ambiguous = candidates.Select(c => c.StepBinding).ToList();
                    return new StepCheck(TestStatus.Ambiguous, ambiguous, [], null,
                        $"Ambiguous step at {where}: \"{step.Text}\" matches {string.Join(" and ", ambiguous.Select(MethodName))}. Make one expression more specific, or scope one with [Scope].");
                case StepDefinitionAmbiguityReason.ParameterErrors or StepDefinitionAmbiguityReason.None when candidates.Count > 0:
                    // The text matches, the arguments cannot become the parameters: Reqnroll drops the definition; say why.
                    return await ConvertAsync(step, where, candidates[0], culture, parameterCheckFailed: true).ConfigureAwait(false);
                default:
                    return new StepCheck(TestStatus.Undefined, [], [], null, $"Undefined step at {where}: \"{step.Text}\".");
            }
        }

        return await ConvertAsync(step, where, match, culture, parameterCheckFailed: false).ConfigureAwait(false);
    }

    private async Task<StepCheck> ConvertAsync(PickleStep step, string where, BindingMatch match, CultureInfo culture, bool parameterCheckFailed)
    {
        var binding = match.StepBinding;
        IReadOnlyList<IStepDefinitionBinding> own = [binding];
        var parameters = binding.Method.Parameters.ToList();
        if (parameters.Count != match.Arguments.Length)
        {
            var error = new BindingException($"{MethodName(binding)} takes {parameters.Count} parameter(s) but the step at {where} supplies {match.Arguments.Length}.");
            return new StepCheck(TestStatus.Failed, own, [], error, error.Message);
        }

        var values = new object?[parameters.Count];
        for (var i = 0; i < parameters.Count; i++)
        {
            try
            {
                values[i] = await _converter.ConvertAsync(match.Arguments[i].Value, parameters[i].Type, culture).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // whatever a transformation or conversion throws is the step's argument error, reported with its message
            catch (System.Exception e) when (e is not (OutOfMemoryException or OperationCanceledException))
#pragma warning restore CA1031
            {
                var cause = e is System.Reflection.TargetInvocationException { InnerException: { } inner } ? inner : e;
                var error = new BindingException($"The arguments of the step at {where} (\"{step.Text}\") do not convert to the parameters of {MethodName(binding)}: {cause.Message}", cause);
                return new StepCheck(TestStatus.Failed, own, [], error, error.Message);
            }
        }

        if (parameterCheckFailed)
        {
            // Converted after all: Reqnroll's parameter check (CanConvert) is stricter than its converter here.
            var error = new BindingException(
                $"The arguments of the step at {where} (\"{step.Text}\") do not pass Reqnroll's parameter check for {MethodName(binding)}, so Reqnroll finds no step definition for it.",
                new InvalidCastException($"Reqnroll cannot tell that the arguments of \"{step.Text}\" convert to the parameters of {MethodName(binding)}."));
            return new StepCheck(TestStatus.Failed, own, [], error, error.Message);
        }

        return new StepCheck(TestStatus.Skipped, own, values, null, null);
    }

    private static string MethodName(IStepDefinitionBinding binding) =>
        $"{binding.Method.Type.FullName}.{binding.Method.Name}({string.Join(", ", binding.Method.Parameters.Select(p => p.Type.Name))})";

    private sealed record StepCheck(TestStatus Status, IReadOnlyList<IStepDefinitionBinding> Bindings, IReadOnlyList<object?> Arguments, System.Exception? Error, string? Message);
}
