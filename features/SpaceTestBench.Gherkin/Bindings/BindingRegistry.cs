using System.Reflection;
using System.Text.RegularExpressions;
using Reqnroll;
using CucumberExpressions;
using SpaceTestBench.Gherkin.Expressions;
using HookType = Reqnroll.Bindings.HookType;
using CucumberExpression = SpaceTestBench.Gherkin.Expressions.CucumberExpression;
using DataTable = Reqnroll.DataTable;
using ParameterType = SpaceTestBench.Gherkin.Expressions.ParameterType;
using ParameterTypeRegistry = SpaceTestBench.Gherkin.Expressions.ParameterTypeRegistry;

namespace SpaceTestBench.Gherkin.Bindings;

/// <summary>
/// This layer's earlier reading of the binding assemblies with its own Cucumber Expression types. The runner no longer
/// uses it (it plans, reports and runs from Reqnroll's binding registry; give it a <see cref="BindingSource"/>); it stays
/// only while the step catalog (<c>StepCatalog</c>) still reads its definitions from it, and goes when the catalog reads
/// Reqnroll's registry.
/// </summary>
public sealed class BindingRegistry
{
    private readonly List<StepBinding> _steps = [];
    private readonly List<HookBinding> _hooks = [];
    private readonly List<UndefinedParameterTypeBinding> _undefinedParameterTypes = [];
    private readonly List<(int Index, object Declaration)> _declarations = [];
    private readonly Dictionary<string, MethodInfo> _namedTransformations = new(StringComparer.Ordinal);
    private readonly List<(Type ReturnType, MethodInfo Method, Regex? Regex)> _typeTransformations = [];

    private BindingRegistry()
    {
    }

    /// <summary>The parameter types, built-in and from transformations.</summary>
    public ParameterTypeRegistry ParameterTypes { get; } = new();

    /// <summary>Step definitions in declaration order.</summary>
    public IReadOnlyList<StepBinding> Steps => _steps;

    /// <summary>Hooks in declaration order.</summary>
    public IReadOnlyList<HookBinding> Hooks => _hooks;

    /// <summary>Step definitions that name an unknown parameter type: they match nothing, and are reported.</summary>
    public IReadOnlyList<UndefinedParameterTypeBinding> UndefinedParameterTypes => _undefinedParameterTypes;

    /// <summary>
    /// Step definitions, hooks, defined parameter types and undefined-parameter-type problems, in the order
    /// they are declared (the order Cucumber Messages report the glue in).
    /// </summary>
    public IEnumerable<object> Declarations => _declarations.OrderBy(d => d.Index).Select(d => d.Declaration);

    /// <summary>
    /// The assemblies the bindings were scanned from (<see cref="FromAssemblies"/>), which Reqnroll's runtime then
    /// discovers the same bindings in; empty for a registry of chosen types (<see cref="FromTypes"/>), which only this
    /// layer's executor can run.
    /// </summary>
    public IReadOnlyList<Assembly> Assemblies { get; private set; } = [];

    /// <summary>
    /// The [Binding] classes a registry of chosen types (<see cref="FromTypes"/>) was scanned from, by full name: Reqnroll's
    /// runtime then discovers exactly these (<see cref="Runtime.ReqnrollRuntime(IReadOnlyList{Type})"/>).
    /// </summary>
    public IReadOnlyList<Type> BindingTypes { get; private set; } = [];

    /// <summary>Where Reqnroll discovers the same bindings: the scanned assemblies, else the chosen classes.</summary>
    public BindingSource Source => Assemblies.Count > 0 ? BindingSource.FromAssemblies([.. Assemblies]) : BindingSource.FromTypes(BindingTypes);

    /// <summary>Where Reqnroll discovers the same bindings (<see cref="Source"/>), so a runner can still be given this registry.</summary>
    public static implicit operator BindingSource(BindingRegistry registry) => (registry ?? throw new ArgumentNullException(nameof(registry))).Source;

    /// <summary>Scans <paramref name="assemblies"/> for [Binding] classes.</summary>
    public static BindingRegistry FromAssemblies(params Assembly[] assemblies)
    {
        ArgumentNullException.ThrowIfNull(assemblies);
        var registry = FromTypes(assemblies.SelectMany(a => a.GetTypes()));
        registry.Assemblies = [.. assemblies.Distinct()];
        return registry;
    }

    /// <summary>Scans the given types (those marked [Binding]), classes by full name, members in declaration order.</summary>
    public static BindingRegistry FromTypes(IEnumerable<Type> types)
    {
        ArgumentNullException.ThrowIfNull(types);
        var registry = new BindingRegistry();
        const BindingFlags flags = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        registry.BindingTypes = [.. types.Where(t => t.GetCustomAttribute<BindingAttribute>() is not null).Distinct().OrderBy(t => t.FullName, StringComparer.Ordinal)];
        var methods = registry.BindingTypes
            .SelectMany(t => t.GetMethods(flags).OrderBy(m => m.MetadataToken))
            .Select((m, i) => (Method: m, Index: i))
            .ToList();

        // Transformations first: Cucumber Expressions may name them.
        foreach (var (method, index) in methods)
        {
            foreach (var attribute in method.GetCustomAttributes<StepArgumentTransformationAttribute>())
            {
                registry.AddTransformation(method, attribute, index);
            }
        }

        foreach (var (method, index) in methods)
        {
            foreach (var attribute in method.GetCustomAttributes<StepDefinitionBaseAttribute>())
            {
                registry.AddStep(method, attribute, index);
            }

            foreach (var attribute in method.GetCustomAttributes<HookAttribute>())
            {
                registry.AddHook(method, attribute, index);
            }
        }

        return registry;
    }

    /// <summary>The transformation method behind a named parameter type, if any.</summary>
    public MethodInfo? TransformationFor(string parameterTypeName) => _namedTransformations.GetValueOrDefault(parameterTypeName);

    /// <summary>A transformation producing <paramref name="type"/> from <paramref name="text"/>, if any.</summary>
    public (MethodInfo Method, string?[] Groups)? TransformationTo(Type type, string text)
    {
        foreach (var (returnType, method, regex) in _typeTransformations)
        {
            if (returnType != type || IsTableTransformation(method))
            {
                continue;
            }

            if (regex is null)
            {
                return (method, [text]);
            }

            var match = regex.Match(text);
            if (match.Success)
            {
                return (method, match.Groups.Values.Skip(match.Groups.Count > 1 ? 1 : 0).Select(g => g.Success ? g.Value : null).ToArray());
            }
        }

        return null;
    }

    /// <summary>A transformation making <paramref name="type"/> from a step's <see cref="DataTable"/>, if any.</summary>
    public MethodInfo? TableTransformationTo(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return _typeTransformations.Select(t => t.Method)
            .FirstOrDefault(m => m.ReturnType == type && IsTableTransformation(m));
    }

    private static bool IsTableTransformation(MethodInfo method) =>
        method.GetParameters() is [{ ParameterType: var parameter }] && parameter == typeof(DataTable);

    /// <summary>
    /// Hooks of a kind, in execution order: lower Order first; among equal orders Before hooks in
    /// declaration order and After hooks in reverse (Cucumber runs After hooks last-defined first).
    /// </summary>
    public IEnumerable<HookBinding> HooksOf(HookKind kind)
    {
        var after = kind is HookKind.AfterTestRun or HookKind.AfterFeature or HookKind.AfterScenario or HookKind.AfterStep;
        var ofKind = _hooks.Where(h => h.Kind == kind).OrderBy(h => h.Order);
        return after ? ofKind.ThenByDescending(h => h.DeclarationIndex) : ofKind.ThenBy(h => h.DeclarationIndex);
    }

    private void AddTransformation(MethodInfo method, StepArgumentTransformationAttribute attribute, int index)
    {
        if (method.ReturnType == typeof(void))
        {
            throw new BindingException($"The transformation {method.DeclaringType?.FullName}.{method.Name} must return the converted value.");
        }

        var regex = attribute.Regex is null ? null : new Regex($"^(?:{attribute.Regex})$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(5));
        _typeTransformations.Add((method.ReturnType, method, regex));
        var name = attribute.Name ?? (attribute.Regex is null ? null : method.ReturnType.Name);
        if (name is null || attribute.Regex is null)
        {
            return;
        }

        if (ParameterTypes.TryGet(name, out var existing))
        {
            // Several unnamed transformations to one type are alternatives (Reqnroll); two explicit
            // definitions of one {name} would make expressions mean different things by scan order.
            if (attribute.Name is not null)
            {
                throw new BindingException(
                    $"{method.DeclaringType?.FullName}.{method.Name}: the parameter type {{{name}}} is already defined" +
                    (existing.DefinedBy is { } other ? $" by {other.DeclaringType?.FullName}.{other.Name}." : " (it is built in)."));
            }

            return;
        }

        var parameterType = new ParameterType(name, [attribute.Regex], method.ReturnType, null) { DefinedBy = method };
        try
        {
            ParameterTypes.Define(parameterType);
        }
        catch (CucumberExpressionException e)
        {
            throw new BindingException($"{method.DeclaringType?.FullName}.{method.Name}: {e.Message}", e);
        }

        _namedTransformations[name] = method;
        _declarations.Add((index, parameterType));
    }

    private void AddStep(MethodInfo method, StepDefinitionBaseAttribute attribute, int index)
    {
        var text = attribute.Expression ?? throw new BindingException(
            $"{method.DeclaringType?.FullName}.{method.Name}: step definitions without an expression (method-name matching) are not supported; give the step text.");
        IStepExpression expression;
        try
        {
            var regex = attribute.ExpressionType == ExpressionType.RegularExpression ||
                        (attribute.ExpressionType == ExpressionType.Unspecified && RegularStepExpression.LooksLikeRegex(text));
            expression = regex ? new RegularStepExpression(text) : new CucumberExpression(text, ParameterTypes);
        }
        catch (UndefinedParameterTypeException e)
        {
            var problem = new UndefinedParameterTypeBinding(method, text, e.UndefinedParameterTypeName, e.Message);
            _undefinedParameterTypes.Add(problem);
            _declarations.Add((index, problem));
            return;
        }
        catch (Exception e) when (e is CucumberExpressionException or ArgumentException)
        {
            throw new BindingException($"{method.DeclaringType?.FullName}.{method.Name}: {e.Message}", e);
        }

        var scopes = method.GetCustomAttributes<ScopeAttribute>().ToList();
        if (scopes.Count == 0 && method.DeclaringType is { } declaringType)
        {
            scopes = declaringType.GetCustomAttributes<ScopeAttribute>().ToList();
        }

        var types = attribute.Types.Select(t => t switch
        {
            Reqnroll.Bindings.StepDefinitionType.When => StepDefinitionType.When,
            Reqnroll.Bindings.StepDefinitionType.Then => StepDefinitionType.Then,
            _ => StepDefinitionType.Given,
        }).ToList();
        var step = new StepBinding($"step{_steps.Count + 1}", method, types, expression) { Scopes = scopes };
        _steps.Add(step);
        _declarations.Add((index, step));
    }

    private void AddHook(MethodInfo method, HookAttribute attribute, int index)
    {
        var kind = attribute switch
        {
            BeforeTestRunAttribute => HookKind.BeforeTestRun,
            AfterTestRunAttribute => HookKind.AfterTestRun,
            BeforeFeatureAttribute => HookKind.BeforeFeature,
            AfterFeatureAttribute => HookKind.AfterFeature,
            BeforeScenarioAttribute => HookKind.BeforeScenario,
            AfterScenarioAttribute => HookKind.AfterScenario,
            BeforeStepAttribute => HookKind.BeforeStep,
            AfterStepAttribute => HookKind.AfterStep,
            _ => throw new BindingException($"{method.DeclaringType?.FullName}.{method.Name}: [{attribute.GetType().Name.Replace("Attribute", "", StringComparison.Ordinal)}] hooks are not supported by this runner."),
        };
        if (kind is HookKind.BeforeTestRun or HookKind.AfterTestRun or HookKind.BeforeFeature or HookKind.AfterFeature && !method.IsStatic)
        {
            throw new BindingException($"{method.DeclaringType?.FullName}.{method.Name}: [{kind}] hooks must be static.");
        }

        var name = method.GetCustomAttribute<HookNameAttribute>()?.Name;
        var hook = new HookBinding($"hook{_hooks.Count + 1}", kind, method, attribute.Tags ?? [], attribute.Order, name, index);
        _hooks.Add(hook);
        _declarations.Add((index, hook));
    }
}
