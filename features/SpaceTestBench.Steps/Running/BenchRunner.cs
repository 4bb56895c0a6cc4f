using SpaceTestBench.Gherkin.Bindings;
using SpaceTestBench.Steps.Bindings;

namespace SpaceTestBench.Steps.Running;

/// <summary>
/// The step catalog's bindings. A run is assembled by <see cref="Campaign"/> alone (issue 16's one composition root):
/// the shorthands that built a campaign and returned only its runner are gone, since the campaign they dropped held
/// the bench.
/// </summary>
public static class BenchRunner
{
    /// <summary>Where Reqnroll discovers the step catalog's bindings: its assembly.</summary>
    public static BindingSource Catalog() => BindingSource.FromAssemblies(typeof(DutSupplySteps).Assembly);
}
