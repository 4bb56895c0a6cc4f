namespace SpaceTestBench.Gherkin.Execution;

/// <summary>
/// Observes a run as it happens (progress display, result recording, Cucumber messages). The scenario comes as
/// Reqnroll's <see cref="Reqnroll.IScenarioContext"/> (its <c>ScenarioContext</c>, or a dry run's context).
/// </summary>
public interface IRunListener
{
    /// <summary>A test case is about to run; register scenario-scoped objects in <paramref name="context"/>.ScenarioContainer here.</summary>
    void TestCaseStarted(TestCaseInfo testCase, Reqnroll.IScenarioContext context)
    {
    }

    /// <summary>A step is about to run.</summary>
    void StepStarted(TestCaseInfo testCase, int index, Reqnroll.IScenarioContext context)
    {
    }

    /// <summary>A step has finished.</summary>
    void StepFinished(TestCaseInfo testCase, StepResult result, Reqnroll.IScenarioContext context)
    {
    }

    /// <summary>A test case has finished (after its After hooks).</summary>
    void TestCaseFinished(TestCaseResult result, Reqnroll.IScenarioContext context)
    {
    }
}
