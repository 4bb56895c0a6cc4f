using Io.Cucumber.Messages.Types;
using SpaceTestBench.Gherkin.Parsing;

namespace SpaceTestBench.Gherkin.NUnit;

/// <summary>One pickle as an NUnit test case argument.</summary>
/// <param name="Feature">Its feature file.</param>
/// <param name="Pickle">The pickle.</param>
/// <param name="Name">The test name: feature › rule › scenario › example row.</param>
public sealed record ScenarioCase(FeatureSource Feature, Pickle Pickle, string Name)
{
    /// <summary>The test name (NUnit shows arguments by their text).</summary>
    public override string ToString() => Name;
}
