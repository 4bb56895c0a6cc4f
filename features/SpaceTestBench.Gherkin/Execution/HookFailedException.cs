using SpaceTestBench.Gherkin.Bindings;

namespace SpaceTestBench.Gherkin.Execution;

/// <summary>A run-level or feature-level hook threw; names the hook method.</summary>
public sealed class HookFailedException(HookBinding hook, System.Exception inner, string? where = null)
    : System.Exception($"The {hook.Kind} hook {hook.MethodName}{(where is null ? "" : $" ({where})")} failed: {inner.Message}", inner)
{
    /// <summary>The hook.</summary>
    public HookBinding Hook { get; } = hook;
}
