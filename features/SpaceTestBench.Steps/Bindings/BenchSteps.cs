using SpaceTestBench.Bench;
using SpaceTestBench.Gherkin;
using SpaceTestBench.Results.Quantities;

namespace SpaceTestBench.Steps.Bindings;

/// <summary>Steps about the bench as a whole: waiting in bench time.</summary>
[Binding]
public sealed class BenchSteps(BenchSession bench)
{
    /// <summary>Waits in bench time (instant on the simulated bench's virtual clock).</summary>
    [Given("the bench waits {quantity}")]
    [When("the bench waits {quantity}")]
    [When("the bench waits {quantity} for the supply to settle")]
    public Task Wait(Quantity duration)
    {
        StepQuantities.Require(duration, Dimension.TimeDim, "A waiting time");
        return bench.WaitAsync(TimeSpan.FromSeconds(duration.SiValue));
    }
}
