namespace SpaceTestBench.Steps.Catalog;

/// <summary>
/// A line of feature text that uses the step, for the catalog (<c>spacebench steps</c>, docs/steps.md). The
/// catalog's tests check that every example matches its own step and that its arguments convert.
/// </summary>
/// <param name="line">The step as a feature file writes it, with its keyword ("Given the DUT supply is set to 1.8 V").</param>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class StepExampleAttribute(string line) : Attribute
{
    /// <summary>The example line, keyword first.</summary>
    public string Line { get; } = line;
}
