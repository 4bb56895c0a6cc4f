using Reqnroll;

namespace SpaceTestBench.Perf;

/// <summary>The workload's five steps, bound to methods that do nothing.</summary>
[Binding]
public class NoOpSteps
{
    [Given("the supply is set to {int} mV")]
    public void Supply(int millivolts) { }

    [Given("the chamber is at {int} degrees")]
    public void Chamber(int degrees) { }

    [When("the device runs for {int} seconds")]
    public void Runs(int seconds) { }

    [Then("the current is below {int} mA")]
    public void Current(int milliamperes) { }

    [Then("no error is logged")]
    public void NoError() { }
}
