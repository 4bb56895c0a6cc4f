using System.Reflection;
using Reqnroll;
using SpaceTestBench.Gherkin.Expressions;

namespace SpaceTestBench.Gherkin.Bindings;

/// <summary>A step definition: a method, the keyword classes it answers to, its compiled expression and scopes.</summary>
/// <param name="Id">Stable id within the registry.</param>
/// <param name="Method">The method to call.</param>
/// <param name="Types">Given/When/Then classes it matches.</param>
/// <param name="Expression">The compiled expression.</param>
public sealed record StepBinding(string Id, MethodInfo Method, IReadOnlyList<StepDefinitionType> Types, IStepExpression Expression)
{
    /// <summary>The [Scope]s that restrict it (the method's, else its class's); empty for unscoped.</summary>
    public IReadOnlyList<ScopeAttribute> Scopes { get; init; } = [];

    /// <summary>"Namespace.Class.Method(int, string)", for messages.</summary>
    public string MethodName => $"{Method.DeclaringType?.FullName}.{Method.Name}({string.Join(", ", Method.GetParameters().Select(p => p.ParameterType.Name))})";

    /// <summary>
    /// How specifically the binding is scoped to a scenario: -1 if a scope excludes it, 0 if unscoped, else
    /// the number of restrictions of the best matching [Scope].
    /// </summary>
    public int ScopeSpecificity(IReadOnlyCollection<string> tags, string featureTitle, string scenarioTitle)
    {
        ArgumentNullException.ThrowIfNull(tags);
        if (Scopes.Count == 0)
        {
            return 0;
        }

        var best = -1;
        foreach (var scope in Scopes)
        {
            var holds = (scope.Tag is null || tags.Contains(scope.Tag.StartsWith('@') ? scope.Tag : "@" + scope.Tag)) &&
                        (scope.Feature is null || string.Equals(scope.Feature, featureTitle, StringComparison.Ordinal)) &&
                        (scope.Scenario is null || string.Equals(scope.Scenario, scenarioTitle, StringComparison.Ordinal));
            if (holds)
            {
                best = Math.Max(best, (scope.Tag is null ? 0 : 1) + (scope.Feature is null ? 0 : 1) + (scope.Scenario is null ? 0 : 1));
            }
        }

        return best;
    }
}

/// <summary>A step definition whose Cucumber Expression names a parameter type nobody defined; it matches no step.</summary>
/// <param name="Method">The binding method.</param>
/// <param name="Expression">Its expression.</param>
/// <param name="ParameterTypeName">The unknown type.</param>
/// <param name="Message">Cucumber's explanation, with the caret marker.</param>
public sealed record UndefinedParameterTypeBinding(MethodInfo Method, string Expression, string ParameterTypeName, string Message)
{
    /// <summary>"Namespace.Class.Method", for messages.</summary>
    public string MethodName => $"{Method.DeclaringType?.FullName}.{Method.Name}";
}

