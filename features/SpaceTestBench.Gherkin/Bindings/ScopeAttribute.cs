namespace SpaceTestBench.Gherkin;

/// <summary>
/// Restricts step definitions (on a class: all of its methods) to some tags, features or scenarios
/// (Reqnroll <c>[Scope]</c>). The properties set in one attribute must all hold; several attributes are
/// alternatives. A scoped definition beats an unscoped one, and one with more restrictions beats one with fewer.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = true, Inherited = true)]
public sealed class ScopeAttribute : Attribute
{
    /// <summary>A tag the scenario must have (with or without the leading '@').</summary>
    public string? Tag { get; set; }

    /// <summary>The title of the feature.</summary>
    public string? Feature { get; set; }

    /// <summary>The title of the scenario.</summary>
    public string? Scenario { get; set; }
}
