using System.Reflection;
using System.Runtime.InteropServices;
using Gherkin.CucumberMessages;
using Io.Cucumber.Messages.Types;
using SpaceTestBench.Gherkin.Messages;
using SpaceTestBench.Gherkin.Parsing;
using SpaceTestBench.Gherkin.Runtime;
using MessageException = Io.Cucumber.Messages.Types.Exception;
using MessageParameterType = Io.Cucumber.Messages.Types.ParameterType;

namespace SpaceTestBench.Gherkin.Execution;

/// <summary>
/// Builds the run's Cucumber Messages and hands them to the sink, one at a time and under one lock so
/// scenarios running in parallel never interleave a line. Without a sink it still hands out ids.
/// </summary>
internal sealed class MessageEmitter(IMessageSink? sink, IIdGenerator ids, TimeProvider clock)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<object, string> _glueIds = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<string> _announcedFeatures = new(StringComparer.Ordinal);

    public bool Enabled => sink is not null;

    public string NewId()
    {
        lock (_gate)
        {
            return ids.GetNewId();
        }
    }

    public Timestamp Now()
    {
        var now = clock.GetUtcNow();
        return new Timestamp(now.ToUnixTimeSeconds(), (now.UtcTicks % TimeSpan.TicksPerSecond) * 100);
    }

    public static Duration ToDuration(TimeSpan span) =>
        new(span.Ticks / TimeSpan.TicksPerSecond, (span.Ticks % TimeSpan.TicksPerSecond) * 100);

    public void Emit(Envelope envelope)
    {
        if (sink is null)
        {
            return;
        }

        lock (_gate)
        {
            sink.Write(envelope);
        }
    }

    public void Meta()
    {
        var version = typeof(MessageEmitter).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
        var protocol = Cucumber.Messages.ProtocolVersion.Version.Split('+')[0];
        Emit(Envelope.Create(new Meta(
            protocol,
            new Product("SpaceTestBench.Gherkin", version),
            new Product(".NET", Environment.Version.ToString()),
            new Product(RuntimeInformation.OSDescription, null),
            new Product(RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant(), null),
            null)));
    }

    /// <summary>source, gherkinDocument and pickles of a feature, once per feature.</summary>
    public void Feature(FeatureSource feature)
    {
        lock (_gate)
        {
            if (!_announcedFeatures.Add(feature.Uri))
            {
                return;
            }
        }

        Emit(Envelope.Create(new Source(feature.Uri, feature.Text, SourceMediaType.TEXT_X_CUCUMBER_GHERKIN_PLAIN)));
        Emit(Envelope.Create(feature.Document));
        foreach (var pickle in feature.Pickles)
        {
            Emit(Envelope.Create(pickle));
        }
    }

    /// <summary>
    /// stepDefinition, hook, parameterType and undefinedParameterType messages in declaration order, from Reqnroll's binding
    /// registry (<see cref="ReqnrollGlue"/>): one step definition per method and expression, one hook per kind and method.
    /// </summary>
    public void Glue(ReqnrollGlue glue)
    {
        foreach (var declaration in glue.Declarations)
        {
            switch (declaration)
            {
                case GlueStep step when !step.IsValid:
                    if (UndefinedParameterTypeOf(step, glue) is { } undefined)
                    {
                        Emit(Envelope.Create(new UndefinedParameterType(step.Source, undefined)));
                    }

                    break;
                case GlueStep step:
                    Emit(Envelope.Create(new StepDefinition(
                        GlueId(step),
                        new StepDefinitionPattern(step.Source, step.IsRegularExpression ? StepDefinitionPatternType.REGULAR_EXPRESSION : StepDefinitionPatternType.CUCUMBER_EXPRESSION),
                        SourceOf(step.Method))));
                    break;
                case GlueHook hook when ToHookType(hook.Type) is { } type:
                    Emit(Envelope.Create(new Hook(GlueId(hook), hook.Name, SourceOf(hook.Method), hook.TagExpression, type)));
                    break;
                case DefinedParameterType parameterType:
                    Emit(Envelope.Create(new MessageParameterType(
                        parameterType.Name, [.. parameterType.RegularExpressions], false,
                        parameterType.UseForSnippets, GlueId(parameterType), parameterType.DefinedBy is { } method ? SourceOf(method) : null)));
                    break;
            }
        }
    }

    /// <summary>The parameter type an invalid Cucumber expression names that nobody defined (the package's compiler says which), or null.</summary>
    private static string? UndefinedParameterTypeOf(GlueStep step, ReqnrollGlue glue)
    {
        if (step.IsRegularExpression)
        {
            return null;
        }

        try
        {
            _ = new CucumberExpressions.CucumberExpression(step.Source, glue.ParameterTypes);
            return null;
        }
        catch (CucumberExpressions.UndefinedParameterTypeException e)
        {
            return e.UndefinedParameterTypeName;
        }
        catch (CucumberExpressions.CucumberExpressionException)
        {
            return null;
        }
    }

    public string GlueId(object binding)
    {
        lock (_gate)
        {
            if (!_glueIds.TryGetValue(binding, out var id))
            {
                id = ids.GetNewId();
                _glueIds[binding] = id;
            }

            return id;
        }
    }

    public static TestStepResult Result(TestStatus status, TimeSpan duration, System.Exception? error, string? uri, int line)
    {
        var reportable = error is not null && StepOutcomes.IsReportable(error);
        return new TestStepResult(
            ToDuration(duration),
            reportable ? error!.Message : null,
            ToStatus(status),
            reportable ? ToException(error!, uri, line) : null);
    }

    public static MessageException ToException(System.Exception error, string? uri, int line)
    {
        var type = error.GetType().FullName ?? error.GetType().Name;
        var where = uri is null ? "" : $"\n{uri}:{line}";
        return new MessageException(type, error.Message, $"{type}: {error.Message}{where}\n{error.StackTrace}");
    }

    public static TestStepResultStatus ToStatus(TestStatus status) => status switch
    {
        TestStatus.Passed => TestStepResultStatus.PASSED,
        TestStatus.Skipped => TestStepResultStatus.SKIPPED,
        TestStatus.Pending => TestStepResultStatus.PENDING,
        TestStatus.Undefined => TestStepResultStatus.UNDEFINED,
        TestStatus.Ambiguous => TestStepResultStatus.AMBIGUOUS,
        TestStatus.Failed => TestStepResultStatus.FAILED,
        _ => TestStepResultStatus.UNKNOWN,
    };

    private static HookType? ToHookType(Reqnroll.Bindings.HookType kind) => kind switch
    {
        Reqnroll.Bindings.HookType.BeforeTestRun => HookType.BEFORE_TEST_RUN,
        Reqnroll.Bindings.HookType.AfterTestRun => HookType.AFTER_TEST_RUN,
        Reqnroll.Bindings.HookType.BeforeScenario => HookType.BEFORE_TEST_CASE,
        Reqnroll.Bindings.HookType.AfterScenario => HookType.AFTER_TEST_CASE,
        Reqnroll.Bindings.HookType.BeforeStep => HookType.BEFORE_TEST_STEP,
        Reqnroll.Bindings.HookType.AfterStep => HookType.AFTER_TEST_STEP,
        _ => null,
    };

    // .NET has no portable method-to-source-line map without PDB reading; like Reqnroll, name the method.
    private static SourceReference SourceOf(MethodInfo method) =>
        SourceReference.Create(new JavaMethod(method.DeclaringType?.FullName ?? "", method.Name, [.. method.GetParameters().Select(p => p.ParameterType.FullName ?? p.ParameterType.Name)]));
}
