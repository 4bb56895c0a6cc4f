namespace SpaceTestBench.Gherkin.Execution;

/// <summary>A run-level or feature-level hook threw; names the hook method.</summary>
public sealed class HookFailedException : System.Exception
{
    /// <summary>The <paramref name="kind"/> hook <paramref name="method"/> ("Namespace.Class.Method") threw <paramref name="inner"/>.</summary>
    public HookFailedException(string kind, string method, System.Exception inner)
        : base($"The {kind} hook {method} failed: {inner?.Message}", inner)
    {
        Kind = kind;
        Method = method;
    }

    /// <summary>When the hook runs (BeforeTestRun, AfterTestRun, BeforeFeature, AfterFeature).</summary>
    public string Kind { get; }

    /// <summary>"Namespace.Class.Method" of the hook.</summary>
    public string Method { get; }
}
