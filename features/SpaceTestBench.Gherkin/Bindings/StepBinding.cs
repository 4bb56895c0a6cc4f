using System.Reflection;
using SpaceTestBench.Gherkin.Expressions;

namespace SpaceTestBench.Gherkin.Bindings;

/// <summary>A step definition: a method, the keyword classes it answers to, and its compiled expression.</summary>
/// <param name="Id">Stable id within the registry.</param>
/// <param name="Method">The method to call.</param>
/// <param name="Types">Given/When/Then classes it matches.</param>
/// <param name="Expression">The compiled expression.</param>
public sealed record StepBinding(string Id, MethodInfo Method, IReadOnlyList<StepDefinitionType> Types, IStepExpression Expression)
{
    /// <summary>"Namespace.Class.Method(int, string)", for messages.</summary>
    public string MethodName => $"{Method.DeclaringType?.FullName}.{Method.Name}({string.Join(", ", Method.GetParameters().Select(p => p.ParameterType.Name))})";
}

/// <summary>The kinds of hook.</summary>
public enum HookKind
{
    /// <summary>Once before the run.</summary>
    BeforeTestRun,

    /// <summary>Once after the run.</summary>
    AfterTestRun,

    /// <summary>Before each feature.</summary>
    BeforeFeature,

    /// <summary>After each feature.</summary>
    AfterFeature,

    /// <summary>Before each scenario.</summary>
    BeforeScenario,

    /// <summary>After each scenario.</summary>
    AfterScenario,

    /// <summary>Before each step.</summary>
    BeforeStep,

    /// <summary>After each step.</summary>
    AfterStep,
}

/// <summary>A hook method with its tag filter and order.</summary>
/// <param name="Id">Stable id within the registry.</param>
/// <param name="Kind">When it runs.</param>
/// <param name="Method">The method.</param>
/// <param name="Tags">Tags that select it (any of them), empty for all.</param>
/// <param name="Order">Lower runs first.</param>
public sealed record HookBinding(string Id, HookKind Kind, MethodInfo Method, IReadOnlyList<string> Tags, int Order)
{
    /// <summary>True if the hook applies to a scenario or feature with <paramref name="tags"/> (with '@').</summary>
    public bool AppliesTo(IReadOnlyCollection<string> tags) =>
        Tags.Count == 0 || Tags.Any(t => tags.Contains(t.StartsWith('@') ? t : "@" + t));

    /// <summary>"Namespace.Class.Method", for messages.</summary>
    public string MethodName => $"{Method.DeclaringType?.FullName}.{Method.Name}";
}

/// <summary>A binding that cannot work as declared; names the method.</summary>
public sealed class BindingException(string message, Exception? inner = null) : Exception(message, inner);
