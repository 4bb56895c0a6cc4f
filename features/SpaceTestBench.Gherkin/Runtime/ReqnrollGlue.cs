using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using CucumberExpressions;
using CucumberExpressions.Parsing;
using Io.Cucumber.Messages.Types;
using Reqnroll;
using Reqnroll.Bindings;
using Reqnroll.Bindings.Reflection;
using Reqnroll.BoDi;
using Reqnroll.Configuration;
using Reqnroll.Infrastructure;
using SpaceTestBench.Gherkin.Bindings;
using SpaceTestBench.Gherkin.Execution;
using SpaceTestBench.Gherkin.Parsing;
using Group = Io.Cucumber.Messages.Types.Group;
using HookType = Reqnroll.Bindings.HookType;

namespace SpaceTestBench.Gherkin.Runtime;

/// <summary>
/// The run's glue as Reqnroll's binding registry holds it (<see cref="ReqnrollRuntime.BindingServices"/>): its step
/// definitions, hooks and argument transformations in declaration order (for the glue messages), the step definitions a
/// pickle step matches by Reqnroll's own matcher (<see cref="IStepDefinitionMatchService.GetBestMatch"/>, as
/// <c>TestExecutionEngine</c> asks it), the scenario hooks whose scope a pickle is in, and each match's argument groups
/// as Cucumber reports them — read with the package <c>Cucumber.CucumberExpressions</c> (its compiler and
/// <see cref="TreeRegexp"/>) over Reqnroll's parameter types, keeping the capture groups Reqnroll's matching leaves out.
/// </summary>
internal sealed class ReqnrollGlue
{
    private readonly IStepDefinitionMatchService _matcher;
    private readonly ConcurrentDictionary<IStepDefinitionBinding, GroupReader?> _readers = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<IStepDefinitionBinding, GlueStep> _stepOf = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<IHookBinding, GlueHook> _hookOf = new(ReferenceEqualityComparer.Instance);
    private readonly ConcurrentDictionary<(Reqnroll.Bindings.StepDefinitionType Type, string Text), IReadOnlyList<StepMatch>> _unscopedMatches = new();
    private readonly bool _anyScoped;

    public ReqnrollGlue(IObjectContainer services)
    {
        ArgumentNullException.ThrowIfNull(services);
        Registry = services.Resolve<IBindingRegistry>();
        _matcher = services.Resolve<IStepDefinitionMatchService>();
        Culture = services.Resolve<ReqnrollConfiguration>().BindingCulture ?? CultureInfo.GetCultureInfo("en-US");
        ParameterTypes = new CucumberParameterTypes(Registry, services);

        var declarations = new List<(DeclarationKey Key, object Glue)>();
        foreach (var group in Registry.GetStepDefinitions().GroupBy(d => (Method: MethodOf(d), d.SourceExpression)))
        {
            var definitions = group.ToList();
            var step = new GlueStep(group.Key.Method, group.Key.SourceExpression, definitions);
            foreach (var definition in definitions)
            {
                _stepOf[definition] = step;
            }

            declarations.Add((DeclarationKey.Of(step.Method), step));
        }

        foreach (var group in Registry.GetHooks().GroupBy(h => (h.HookType, Method: MethodOf(h))))
        {
            var bindings = group.ToList();
            var hook = new GlueHook(group.Key.HookType, group.Key.Method, bindings);
            foreach (var binding in bindings)
            {
                _hookOf[binding] = hook;
            }

            declarations.Add((DeclarationKey.Of(hook.Method), hook));
        }

        foreach (var parameterType in ParameterTypes.Defined)
        {
            declarations.Add((DeclarationKey.Of(parameterType.DefinedBy!), parameterType));
        }

        _anyScoped = Registry.GetStepDefinitions().Any(d => d.IsScoped);
        Declarations = [.. declarations.OrderBy(d => d.Key).Select(d => d.Glue)];
        Steps = [.. Declarations.OfType<GlueStep>()];
        Hooks = [.. Declarations.OfType<GlueHook>()];
    }

    /// <summary>Reqnroll's binding registry.</summary>
    public IBindingRegistry Registry { get; }

    /// <summary>The binding culture Reqnroll matches and converts in.</summary>
    public CultureInfo Culture { get; }

    /// <summary>Reqnroll's parameter types for Cucumber expressions, with the regular expressions Cucumber reports.</summary>
    public CucumberParameterTypes ParameterTypes { get; }

    /// <summary>Step definitions (one per method and expression), hooks (one per kind and method) and defined parameter types, in declaration order.</summary>
    public IReadOnlyList<object> Declarations { get; }

    /// <summary>Step definitions, one per method and expression (Reqnroll keeps one per keyword class), in declaration order.</summary>
    public IReadOnlyList<GlueStep> Steps { get; }

    /// <summary>Hooks, one per kind and method (Reqnroll keeps one per tag), in declaration order.</summary>
    public IReadOnlyList<GlueHook> Hooks { get; }

    /// <summary>The glue step a Reqnroll definition belongs to.</summary>
    public GlueStep StepOf(IStepDefinitionBinding definition) => _stepOf[definition];

    /// <summary>The glue hook a Reqnroll hook belongs to, or null (a hook of another registry).</summary>
    public GlueHook? HookOf(IHookBinding hook) => _hookOf.GetValueOrDefault(hook);

    /// <summary>
    /// The scenario hooks of <paramref name="type"/> whose scope <paramref name="context"/> is in, in Cucumber's order:
    /// lower <c>Order</c> first; among equal orders Before hooks in declaration order and After hooks in reverse.
    /// </summary>
    public IEnumerable<GlueHook> HooksFor(HookType type, StepContext context)
    {
        var after = type is HookType.AfterScenario or HookType.AfterFeature or HookType.AfterTestRun or HookType.AfterStep;
        var applying = Hooks.Select((h, i) => (Hook: h, Index: i)).Where(h => h.Hook.Type == type && h.Hook.AppliesTo(context));
        var ordered = applying.OrderBy(h => h.Hook.Order);
        return (after ? ordered.ThenByDescending(h => h.Index) : ordered.ThenBy(h => h.Index)).Select(h => h.Hook);
    }

    /// <summary>
    /// The step definitions Reqnroll matches <paramref name="step"/> with: its best match, or every candidate when it is
    /// ambiguous or when the text matches but the arguments fail Reqnroll's parameter check; none when the step is undefined
    /// (also when only out-of-scope definitions match, or when the binding registry is invalid).
    /// </summary>
    public IReadOnlyList<StepMatch> Match(StepInstance step)
    {
        ArgumentNullException.ThrowIfNull(step);
        if (!Registry.IsValid)
        {
            return [];
        }

        // Without scoped definitions, a doc string or a table, what matches depends on the keyword class and text only
        // (Reqnroll's matcher remembers the same), so a repeated step text is planned once.
        if (!_anyScoped && step.MultilineTextArgument is null && step.TableArgument is null)
        {
            return _unscopedMatches.GetOrAdd((step.StepDefinitionType, step.Text), _ => MatchNow(step));
        }

        return MatchNow(step);
    }

    private IReadOnlyList<StepMatch> MatchNow(StepInstance step)
    {
        var match = _matcher.GetBestMatch(step, Culture, out var ambiguity, out var candidates);
        if (match.Success)
        {
            return [ToMatch(match.StepBinding, step.Text, match)];
        }

        return ambiguity is StepDefinitionAmbiguityReason.AmbiguousSteps or StepDefinitionAmbiguityReason.ParameterErrors
               || (ambiguity == StepDefinitionAmbiguityReason.None && candidates.Count > 0)
            ? [.. candidates.Select(c => ToMatch(c.StepBinding, step.Text, c))]
            : [];
    }

    /// <summary>A pickle step as Reqnroll's <see cref="StepInstance"/>: its keyword class by the pickle step's type, its table or doc string, the scenario's context.</summary>
    public static StepInstance ToStepInstance(PickleStep step, string keyword, StepContext context)
    {
        ArgumentNullException.ThrowIfNull(step);
        var (type, definitionKeyword) = step.Type switch
        {
            PickleStepType.ACTION => (Reqnroll.Bindings.StepDefinitionType.When, StepDefinitionKeyword.When),
            PickleStepType.OUTCOME => (Reqnroll.Bindings.StepDefinitionType.Then, StepDefinitionKeyword.Then),
            _ => (Reqnroll.Bindings.StepDefinitionType.Given, StepDefinitionKeyword.Given),
        };
        return new StepInstance(type, definitionKeyword, keyword, step.Text, step.Argument?.DocString?.Content, DataTables.From(step.Argument?.DataTable), context);
    }

    /// <summary>The scope Reqnroll matches a pickle's steps and hooks in: feature and scenario titles, the pickle's tags without '@', the feature's language.</summary>
    public static StepContext ContextOf(FeatureSource feature, Pickle pickle)
    {
        ArgumentNullException.ThrowIfNull(feature);
        ArgumentNullException.ThrowIfNull(pickle);
        var language = feature.Document.Feature?.Language is { Length: > 0 } code ? CultureInfo.GetCultureInfo(code) : CultureInfo.GetCultureInfo("en");
        return new StepContext(feature.FeatureName, pickle.Name, [.. pickle.Tags.Select(t => t.Name.TrimStart('@'))], language);
    }

    /// <summary>The reflected method behind a Reqnroll binding.</summary>
    public static MethodInfo MethodOf(IBinding binding) => binding.MethodInfo();

    private StepMatch ToMatch(IStepDefinitionBinding definition, string text, BindingMatch match)
    {
        var reader = _readers.GetOrAdd(definition, d => GroupReader.For(d, ParameterTypes));
        var arguments = reader?.Read(text) ?? Flat(match);
        return new StepMatch(definition, arguments);
    }

    // What Reqnroll's match gives when the package cannot read the groups: one flat group per text argument.
    private static StepMatchArgumentsList Flat(BindingMatch match) =>
        new([.. match.Arguments.Where(a => a.StartOffset is not null).Select(a => new StepMatchArgument(new Group(null, a.StartOffset, a.Value?.ToString()), null))]);

    /// <summary>Reads a definition's argument groups from step text: Cucumber's group tree of the package's compiled expression, or of the definition's regex.</summary>
    private sealed class GroupReader(TreeRegexp regex, IReadOnlyList<string?> parameterTypeNames)
    {
        public static GroupReader? For(IStepDefinitionBinding definition, CucumberParameterTypes parameterTypes)
        {
            if (!definition.IsValid)
            {
                return null;
            }

            if (definition.ExpressionType == StepDefinitionExpressionTypes.CucumberExpression)
            {
                try
                {
                    var expression = new GroupKeepingExpression(definition.SourceExpression, parameterTypes);
                    return new GroupReader(new TreeRegexp(expression.Regex), [.. expression.ParameterTypes.Select(t => t.Name)]);
                }
                catch (CucumberExpressionException)
                {
                    return null;
                }
            }

            return definition.Regex is { } pattern ? new GroupReader(new TreeRegexp(pattern), []) : null;
        }

        public StepMatchArgumentsList? Read(string text)
        {
            var root = regex.Match(text);
            if (root is null)
            {
                return null;
            }

            var children = root.Children?.ToList() ?? [];
            return new([.. children.Select((g, i) => new StepMatchArgument(ToGroup(g), i < parameterTypeNames.Count ? parameterTypeNames[i] : null))]);
        }

        // Cucumber leaves out an empty children list and the value and start of a group that did not match.
        private static Group ToGroup(CucumberExpressions.Parsing.Group group) =>
            new(group.Children is { Count: > 0 } children ? [.. children.Select(ToGroup)] : null, group.Value is null ? null : group.Start, group.Value);
    }

    /// <summary>
    /// The package's Cucumber expression compiler keeping the capture groups inside a parameter type's regular expressions,
    /// as Cucumber's reference implementation reports them (the .NET package strips them, since Reqnroll matches a
    /// transformation's regex again when it converts).
    /// </summary>
    private sealed class GroupKeepingExpression(string expression, IParameterTypeRegistry registry) : CucumberExpression(expression, registry)
    {
        protected override string[] GetParameterTypeRegexps(string name, IParameterType parameterType, out bool shouldWrapWithCaptureGroup)
        {
            shouldWrapWithCaptureGroup = true;
            return parameterType.RegexStrings;
        }
    }

    /// <summary>Orders declarations as the source declares them: classes by full name, members by metadata order.</summary>
    private readonly record struct DeclarationKey(string Type, int Token) : IComparable<DeclarationKey>
    {
        public static DeclarationKey Of(MethodInfo method) => new(method.DeclaringType?.FullName ?? "", method.MetadataToken);

        public int CompareTo(DeclarationKey other)
        {
            var byType = string.CompareOrdinal(Type, other.Type);
            return byType != 0 ? byType : Token.CompareTo(other.Token);
        }
    }
}

/// <summary>A step definition method and expression as the glue messages report it: Reqnroll's definitions of it, one per keyword class.</summary>
/// <param name="Method">The method.</param>
/// <param name="Source">The expression as written.</param>
/// <param name="Definitions">Reqnroll's definitions with this method and expression.</param>
internal sealed record GlueStep(MethodInfo Method, string Source, IReadOnlyList<IStepDefinitionBinding> Definitions)
{
    public bool IsRegularExpression => Definitions[0].ExpressionType == StepDefinitionExpressionTypes.RegularExpression;

    public bool IsValid => Definitions.All(d => d.IsValid);

    public string? ErrorMessage => Definitions.FirstOrDefault(d => !d.IsValid)?.ErrorMessage;
}

/// <summary>A hook method of one kind as the glue messages report it: Reqnroll's hook bindings of it, one per tag.</summary>
/// <param name="Type">When it runs.</param>
/// <param name="Method">The method.</param>
/// <param name="Bindings">Reqnroll's hook bindings of this method and kind.</param>
internal sealed record GlueHook(HookType Type, MethodInfo Method, IReadOnlyList<IHookBinding> Bindings)
{
    public int Order => Bindings[0].HookOrder;

    /// <summary>Its name for reports (<see cref="HookNameAttribute"/>), if given.</summary>
    public string? Name => Method.GetCustomAttribute<HookNameAttribute>()?.Name;

    /// <summary>"Namespace.Class.Method", for messages.</summary>
    public string MethodName => $"{Method.DeclaringType?.FullName}.{Method.Name}";

    /// <summary>Its tags as one Cucumber tag expression (<c>hook.tagExpression</c>): the tags with '@', joined by "or"; null for an unscoped hook.</summary>
    public string? TagExpression
    {
        get
        {
            var tags = Bindings.Where(b => b.IsScoped && b.BindingScope.Tag is { Length: > 0 }).Select(b => "@" + b.BindingScope.Tag.TrimStart('@')).Distinct().ToList();
            return tags.Count switch
            {
                0 => null,
                1 => tags[0],
                _ => string.Join(" or ", tags.Select(t => $"({t})")),
            };
        }
    }

    /// <summary>True when Reqnroll runs it for a scenario in <paramref name="context"/> (unscoped, or one of its scopes matches).</summary>
    public bool AppliesTo(StepContext context) => Bindings.Any(b => !b.IsScoped || b.BindingScope.Match(context, out _));
}

/// <summary>
/// Reqnroll's parameter types for Cucumber expressions (its <c>CucumberExpressionParameterTypeRegistry</c>) with the
/// regular expressions Cucumber reports and matches groups by: a transformation's regex as written (Reqnroll's own copy
/// has its groups made non-capturing), <c>{string}</c>'s quoted forms (Reqnroll's is a placeholder it handles apart);
/// snippets suggest <c>{int}</c>, <c>{float}</c>, <c>{string}</c> and the defined types, as Cucumber does.
/// </summary>
internal sealed class CucumberParameterTypes : IParameterTypeRegistry
{
    // Cucumber's built-in {string}: the text between double or single quotes, escapes kept.
    private const string StringRegex = @"""([^""\\]*(\\.[^""\\]*)*)""|'([^'\\]*(\\.[^'\\]*)*)'";
    private static readonly HashSet<string> SnippetBuiltIns = new(["int", "float", "string"], StringComparer.Ordinal);
    private readonly Dictionary<string, IParameterType> _types = new(StringComparer.Ordinal);

    public CucumberParameterTypes(IBindingRegistry registry, IObjectContainer services)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(services);
        var reqnroll = services.IsRegistered<IParameterTypeRegistry>() ? services.Resolve<IParameterTypeRegistry>()
            : new Reqnroll.Bindings.CucumberExpressions.CucumberExpressionParameterTypeRegistry(registry);

        var defined = new List<DefinedParameterType>();
        foreach (var transformation in registry.GetStepTransformations())
        {
            var method = ReqnrollGlue.MethodOf(transformation);
            var name = transformation.Name ?? method.ReturnType.Name;
            var written = method.GetCustomAttributes<StepArgumentTransformationAttribute>()
                .Where(a => a.Regex is not null && (a.Name ?? method.ReturnType.Name) == name)
                .Select(a => a.Regex!)
                .FirstOrDefault();
            if (written is null || defined.Any(d => d.Name == name))
            {
                continue;
            }

            defined.Add(new DefinedParameterType(name, [written], method.ReturnType, method));
        }

        foreach (var type in reqnroll.GetParameterTypes())
        {
            _types[type.Name] = type.Name == "string"
                ? new DefinedParameterType("string", [StringRegex], typeof(string), null) { UseForSnippets = true }
                : new ReportedParameterType(type, SnippetBuiltIns.Contains(type.Name));
        }

        foreach (var type in defined)
        {
            _types[type.Name] = type;
        }

        Defined = [.. defined.OrderBy(d => d.DefinedBy!.DeclaringType?.FullName, StringComparer.Ordinal).ThenBy(d => d.DefinedBy!.MetadataToken)];
    }

    /// <summary>The types defined by transformations with a regex, first per name, in declaration order (the <c>parameterType</c> messages).</summary>
    public IReadOnlyList<DefinedParameterType> Defined { get; }

    public IParameterType? LookupByTypeName(string name) => _types.GetValueOrDefault(name);

    public IEnumerable<IParameterType> GetParameterTypes() => _types.Values;

    /// <summary>A built-in or Reqnroll-named type, reported with Reqnroll's regular expressions.</summary>
    private sealed class ReportedParameterType(IParameterType type, bool useForSnippets) : IParameterType
    {
        public string[] RegexStrings => type.RegexStrings;

        public string Name => type.Name;

        public Type ParameterType => type.ParameterType;

        public int Weight => type.Weight;

        public bool UseForSnippets => useForSnippets;
    }
}

/// <summary>A parameter type a <c>[StepArgumentTransformation(regex)]</c> defines (or <c>{string}</c> as Cucumber writes it).</summary>
/// <param name="Name">Its name in braces.</param>
/// <param name="RegularExpressions">The regex as written.</param>
/// <param name="ParameterType">The type the transformation returns.</param>
/// <param name="DefinedBy">The transformation method, or null for a built-in.</param>
internal sealed record DefinedParameterType(string Name, string[] RegularExpressions, Type ParameterType, MethodInfo? DefinedBy) : IParameterType
{
    public string[] RegexStrings => RegularExpressions;

    public int Weight => 0;

    public bool UseForSnippets { get; init; } = true;
}
