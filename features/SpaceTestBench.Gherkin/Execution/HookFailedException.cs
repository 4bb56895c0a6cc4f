using SpaceTestBench.Gherkin.Bindings;

namespace SpaceTestBench.Gherkin.Execution;

/// <summary>A run-level or feature-level hook threw; names the hook method.</summary>
public sealed class HookFailedException : System.Exception
{
    /// <summary>This layer's hook <paramref name="hook"/> threw <paramref name="inner"/> (at <paramref name="where"/>, a feature file).</summary>
    public HookFailedException(HookBinding hook, System.Exception inner, string? where = null)
        : this(hook?.Kind.ToString() ?? throw new ArgumentNullException(nameof(hook)), hook.MethodName, inner, where)
    {
    }

    /// <summary>The <paramref name="kind"/> hook <paramref name="method"/> ("Namespace.Class.Method") threw <paramref name="inner"/>.</summary>
    public HookFailedException(string kind, string method, System.Exception inner, string? where = null)
        : base($"The {kind} hook {method}{(where is null ? "" : $" ({where})")} failed: {inner?.Message}", inner)
    {
        Kind = kind;
        Method = method;
    }

    /// <summary>When the hook runs (BeforeTestRun, AfterTestRun, BeforeFeature, AfterFeature).</summary>
    public string Kind { get; }

    /// <summary>"Namespace.Class.Method" of the hook.</summary>
    public string Method { get; }
}
