using System.Reflection;
using SpaceTestBench.Gherkin.Expressions;

namespace SpaceTestBench.Gherkin.Bindings;

/// <summary>Every step definition, hook and parameter type found in the binding assemblies.</summary>
public sealed class BindingRegistry
{
    private readonly List<StepBinding> _steps = [];
    private readonly List<HookBinding> _hooks = [];
    private readonly Dictionary<string, MethodInfo> _namedTransformations = new(StringComparer.Ordinal);
    private readonly List<(Type ReturnType, MethodInfo Method, System.Text.RegularExpressions.Regex? Regex)> _typeTransformations = [];

    private BindingRegistry()
    {
    }

    /// <summary>The parameter types, built-in and from transformations.</summary>
    public ParameterTypeRegistry ParameterTypes { get; } = new();

    /// <summary>Step definitions in declaration order.</summary>
    public IReadOnlyList<StepBinding> Steps => _steps;

    /// <summary>Hooks in declaration order.</summary>
    public IReadOnlyList<HookBinding> Hooks => _hooks;

    /// <summary>Scans <paramref name="assemblies"/> for [Binding] classes.</summary>
    public static BindingRegistry FromAssemblies(params Assembly[] assemblies) => FromTypes(assemblies.SelectMany(a => a.GetTypes()));

    /// <summary>Scans the given types (those marked [Binding]).</summary>
    public static BindingRegistry FromTypes(IEnumerable<Type> types)
    {
        var registry = new BindingRegistry();
        var bindingTypes = types.Where(t => t.GetCustomAttribute<BindingAttribute>() is not null).OrderBy(t => t.FullName, StringComparer.Ordinal).ToList();
        const BindingFlags flags = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

        // Transformations first: Cucumber Expressions may name them.
        foreach (var type in bindingTypes)
        {
            foreach (var method in type.GetMethods(flags).OrderBy(m => m.MetadataToken))
            {
                foreach (var attribute in method.GetCustomAttributes<StepArgumentTransformationAttribute>())
                {
                    registry.AddTransformation(method, attribute);
                }
            }
        }

        foreach (var type in bindingTypes)
        {
            foreach (var method in type.GetMethods(flags).OrderBy(m => m.MetadataToken))
            {
                foreach (var attribute in method.GetCustomAttributes<StepDefinitionBaseAttribute>())
                {
                    registry.AddStep(method, attribute);
                }

                foreach (var attribute in method.GetCustomAttributes<HookAttribute>())
                {
                    registry.AddHook(method, attribute);
                }
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
            if (returnType != type)
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

    /// <summary>Hooks of a kind, in execution order (Order, then declaration).</summary>
    public IEnumerable<HookBinding> HooksOf(HookKind kind) => _hooks.Where(h => h.Kind == kind).OrderBy(h => h.Order);

    private void AddTransformation(MethodInfo method, StepArgumentTransformationAttribute attribute)
    {
        if (method.ReturnType == typeof(void))
        {
            throw new BindingException($"The transformation {method.DeclaringType?.FullName}.{method.Name} must return the converted value.");
        }

        var regex = attribute.Regex is null ? null : new System.Text.RegularExpressions.Regex($"^(?:{attribute.Regex})$", System.Text.RegularExpressions.RegexOptions.CultureInvariant, TimeSpan.FromSeconds(5));
        _typeTransformations.Add((method.ReturnType, method, regex));
        var name = attribute.Name ?? (attribute.Regex is null ? null : method.ReturnType.Name);
        if (name is null || attribute.Regex is null || ParameterTypes.TryGet(name, out _))
        {
            return;
        }

        ParameterTypes.Define(new ParameterType(name, [attribute.Regex], method.ReturnType, null) { DefinedBy = method });
        _namedTransformations[name] = method;
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
        catch (Exception e) when (e is CucumberExpressionException or ArgumentException)
        {
            throw new BindingException($"{method.DeclaringType?.FullName}.{method.Name}: {e.Message}", e);
        }

        _steps.Add(new StepBinding($"step{_steps.Count + 1}", method, attribute.Types, expression));
    }

    private void AddHook(MethodInfo method, HookAttribute attribute)
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
            _ => throw new BindingException($"Unknown hook attribute {attribute.GetType().Name} on {method.Name}."),
        };
        if (kind is HookKind.BeforeTestRun or HookKind.AfterTestRun or HookKind.BeforeFeature or HookKind.AfterFeature && !method.IsStatic)
        {
            throw new BindingException($"{method.DeclaringType?.FullName}.{method.Name}: [{kind}] hooks must be static.");
        }

        _hooks.Add(new HookBinding($"hook{_hooks.Count + 1}", kind, method, attribute.Tags, attribute.Order));
    }
}
