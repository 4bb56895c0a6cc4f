namespace SpaceTestBench.Gherkin.Execution;

/// <summary>Observes a run as it happens (progress display, result recording, Cucumber messages).</summary>
public interface IRunListener
{
    /// <summary>A test case is about to run; register scenario-scoped objects in <paramref name="context"/>.ScenarioContainer here.</summary>
    void TestCaseStarted(TestCaseInfo testCase, ScenarioContext context)
    {
    }

    /// <summary>A step is about to run.</summary>
    void StepStarted(TestCaseInfo testCase, int index, ScenarioContext context)
    {
    }

    /// <summary>A step has finished.</summary>
    void StepFinished(TestCaseInfo testCase, StepResult result, ScenarioContext context)
    {
    }

    /// <summary>A test case has finished (after its After hooks).</summary>
    void TestCaseFinished(TestCaseResult result, ScenarioContext context)
    {
    }
}
