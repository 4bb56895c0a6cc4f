using Reqnroll;
using SpaceTestBench.Bench;
using SpaceTestBench.Gherkin;
using SpaceTestBench.Results.Quantities;
using SpaceTestBench.Steps.Catalog;
using SpaceTestBench.Steps.Parameters;
using SpaceTestBench.Steps.Procedures;

namespace SpaceTestBench.Steps.Bindings;

/// <summary>
/// The time windows of a total-dose step-stress test (MIL-STD-883 TM 1019: the next exposure within 2 h of the
/// electrical test before it; ESCC 22900 states its own): the scenario states the window, the irradiation steps
/// measure and record every gap against it.
/// </summary>
[Binding]
[RequiresRole(BenchRoles.GammaSource)]
public sealed class ExposureScheduleSteps(GammaIrradiation gamma)
{
    /// <summary>
    /// States the longest time from the end of a parametric test to the start of the next exposure; each dose step
    /// after the first records that gap against it, and a breach fails the measurement and is recorded as a deviation.
    /// </summary>
    [Given("each exposure starts within {duration} of the parametric test before it")]
    [StepExample("Given each exposure starts within 2 h of the parametric test before it")]
    public void NextExposureWindow(Duration window) => gamma.NextExposureWithin = window;
}
