using System.Reflection;
using Reqnroll;
using SpaceTestBench.Gherkin.Expressions;

namespace SpaceTestBench.Gherkin.Bindings;

/// <summary>
/// A step definition as this layer's earlier registry read it (<see cref="BindingRegistry"/>), with its own compiled
/// expression: only the step catalog still reads these; runs use Reqnroll's definitions.
/// </summary>
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

