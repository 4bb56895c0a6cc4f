using Reqnroll;
using SpaceTestBench.Bench;
using SpaceTestBench.Gherkin;
using SpaceTestBench.Results.Quantities;
using SpaceTestBench.Steps.Catalog;
using SpaceTestBench.Steps.Parameters;
using SpaceTestBench.Steps.Procedures;

namespace SpaceTestBench.Steps.Bindings;

/// <summary>
/// Micro-latch detection (ESCC 25100 / JESD57 practice): a latch whose current stays below the latch-up monitor's
/// trip does not run the rail into its limit, so the watch also looks, on every rail, for a persistent step above the
/// current before irradiation.
/// </summary>
[Binding]
[RequiresRole(BenchRoles.LatchupMonitor)]
public sealed class MicroLatchSteps(BeamRuns runs)
{
    /// <summary>
    /// During the beam runs, a step of any rail's current above its value before irradiation by more than the stated
    /// amount, below that rail's trip and still there at the next reading, is a micro-latch on that rail: it is
    /// power-cycled and counted with the latch-ups. Follows the step that sets the latch-up monitor's trip.
    /// </summary>
    [Given("the latch-up monitor counts a step of more than {current} above the current before irradiation, below the trip, as a micro-latch")]
    [StepExample("Given the latch-up monitor counts a step of more than 20 mA above the current before irradiation, below the trip, as a micro-latch")]
    public void MicroLatch(Current step) => runs.Watch = (runs.Watch ?? throw new InvalidOperationException(
        "The latch-up monitor's trip is not set in this scenario: set it (\"the latch-up monitor trips at …\") before looking for micro-latches."))
        with { MicroLatchStepAmperes = step.Quantity.SiValue };
}
