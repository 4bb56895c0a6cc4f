using System.Reflection;
using Reqnroll;
using CucumberExpressions;
using SpaceTestBench.Gherkin.Expressions;
using CucumberExpression = SpaceTestBench.Gherkin.Expressions.CucumberExpression;
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
    private readonly List<UndefinedParameterTypeBinding> _undefinedParameterTypes = [];

    private BindingRegistry()
    {
    }

    /// <summary>The parameter types, built-in and from transformations.</summary>
    public ParameterTypeRegistry ParameterTypes { get; } = new();

    /// <summary>Step definitions in declaration order.</summary>
    public IReadOnlyList<StepBinding> Steps => _steps;

    /// <summary>Step definitions that name an unknown parameter type: they match nothing, and are reported.</summary>
    public IReadOnlyList<UndefinedParameterTypeBinding> UndefinedParameterTypes => _undefinedParameterTypes;

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
            .ToList();

        // Transformations first: Cucumber Expressions may name them.
        foreach (var method in methods)
        {
            foreach (var attribute in method.GetCustomAttributes<StepArgumentTransformationAttribute>())
            {
                registry.AddTransformation(method, attribute);
            }
        }

        foreach (var method in methods)
        {
            foreach (var attribute in method.GetCustomAttributes<StepDefinitionBaseAttribute>())
            {
                registry.AddStep(method, attribute);
            }
        }

        return registry;
    }

    private void AddTransformation(MethodInfo method, StepArgumentTransformationAttribute attribute)
    {
        if (method.ReturnType == typeof(void))
        {
            throw new BindingException($"The transformation {method.DeclaringType?.FullName}.{method.Name} must return the converted value.");
        }

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

    }

    private void AddStep(MethodInfo method, StepDefinitionBaseAttribute attribute)
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
    }
}
