using System.Reflection;
using Reqnroll.Bindings;
using Reqnroll.Bindings.Reflection;

namespace SpaceTestBench.Gherkin.Bindings;

/// <summary>What the product reads off Reqnroll's bindings (<see cref="IStepDefinitionBinding"/>, <see cref="IHookBinding"/>): the reflected method and its name.</summary>
public static class ReqnrollBindings
{
    /// <summary>The reflected method behind a Reqnroll binding discovered at run time.</summary>
    public static MethodInfo MethodInfo(this IBinding binding)
    {
        ArgumentNullException.ThrowIfNull(binding);
        return binding.Method is RuntimeBindingMethod { MethodInfo: { } method } ? method
            : throw new InvalidOperationException($"{binding.Method.Type.FullName}.{binding.Method.Name} is not a runtime method.");
    }

    /// <summary>"Namespace.Class.Method(Type, …)", how messages name a step definition's method.</summary>
    public static string MethodName(this IStepDefinitionBinding definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return $"{definition.Method.Type.FullName}.{definition.Method.Name}({string.Join(", ", definition.Method.Parameters.Select(p => p.Type.Name))})";
    }
}
