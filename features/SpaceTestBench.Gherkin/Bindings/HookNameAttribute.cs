namespace SpaceTestBench.Gherkin;

/// <summary>
/// A name for a hook in reports and Cucumber Messages (Cucumber's named hooks). Reqnroll's hook attributes
/// carry no name; this one goes beside a <c>[BeforeScenario]</c> or <c>[AfterScenario]</c>.
/// </summary>
/// <param name="name">The name reports show.</param>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
public sealed class HookNameAttribute(string name) : Attribute
{
    /// <summary>The name reports show.</summary>
    public string Name { get; } = name;
}
