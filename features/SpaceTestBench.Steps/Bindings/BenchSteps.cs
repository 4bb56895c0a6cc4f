using Reqnroll;
using SpaceTestBench.Gherkin;
using SpaceTestBench.Results.Quantities;
using SpaceTestBench.Steps.Catalog;
using SpaceTestBench.Steps.Parameters;
using SpaceTestBench.Steps.Procedures;

namespace SpaceTestBench.Steps.Bindings;

/// <summary>Steps about the bench as a whole: waiting in bench time.</summary>
[Binding]
public sealed class BenchSteps(StepProgress progress)
{
    /// <summary>Waits in bench time (instant on the simulated bench's virtual clock, real time on a real bench).</summary>
    [Given("the bench waits {duration}")]
    [When("the bench waits {duration}")]
    [When("the bench waits {duration} for the supply to settle")]
    [StepExample("When the bench waits 10 min")]
    [StepExample("When the bench waits 100 ms for the supply to settle")]
    public Task Wait(Duration duration) => progress.WaitAsync($"waiting {duration}", TimeSpan.FromSeconds(duration.SiValue));
}
