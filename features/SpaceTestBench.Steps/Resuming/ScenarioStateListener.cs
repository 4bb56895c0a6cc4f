using SpaceTestBench.Bench;
using SpaceTestBench.Gherkin;
using SpaceTestBench.Gherkin.Execution;
using SpaceTestBench.Results.Recording;

namespace SpaceTestBench.Steps.Resuming;

/// <summary>
/// Writes the checkpoint before the next step when a step has finished. Registered first among the run's
/// listeners, so the checkpoint is on disk before the step's end is recorded: a record that says a step finished
/// always has the state after it. On Reqnroll this is an <c>[AfterStep]</c> hook ordered before the results'.
/// </summary>
public sealed class ScenarioStateListener(BenchSession bench, ScenarioCheckpoints checkpoints) : IRunListener
{
    /// <inheritdoc />
    public void TestCaseStarted(TestCaseInfo testCase, ScenarioContext context)
    {
        // The scenarios before this one have their verdicts on record and are never run again: their checkpoints go,
        // so a finished run keeps only its last scenario's and the world's latest physics.
        checkpoints.ForgetFinishedScenarios(checkpoints.Resume?.Continues(testCase)?.ScenarioId);
    }

    /// <inheritdoc />
    public void StepStarted(TestCaseInfo testCase, int index, ScenarioContext context)
    {
    }

    /// <inheritdoc />
    public void StepFinished(TestCaseInfo testCase, StepResult result, ScenarioContext context)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(context);
        if (result.Status == TestStatus.Passed && context.TryGetValue<ScenarioRecorder>(typeof(ScenarioRecorder).FullName!, out var scenario))
        {
            checkpoints.SaveBeforeStep(scenario.Scenario.ScenarioId, result.Index + 1, context.ScenarioContainer, bench);
        }
    }

    /// <inheritdoc />
    public void TestCaseFinished(TestCaseResult result, ScenarioContext context)
    {
    }
}
