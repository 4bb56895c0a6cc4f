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
    /// <summary>The step catalog's bindings (built once per call; cheap).</summary>
    public static BindingRegistry Bindings() => BindingRegistry.FromAssemblies(typeof(DutSupplySteps).Assembly);
}
