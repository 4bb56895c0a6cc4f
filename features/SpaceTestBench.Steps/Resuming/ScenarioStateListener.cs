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
    public void TestCaseStarted(TestCaseInfo testCase, Reqnroll.IScenarioContext context)
    {
        // The scenarios before this one have their verdicts on record and are never run again: their checkpoints go,
        // so a finished run keeps only its last scenario's and the world's latest physics.
        checkpoints.ForgetFinishedScenarios(checkpoints.Resume?.Continues(testCase)?.ScenarioId);
    }

    /// <inheritdoc />
    public void StepStarted(TestCaseInfo testCase, int index, Reqnroll.IScenarioContext context)
    {
    }

    /// <inheritdoc />
    public void StepFinished(TestCaseInfo testCase, StepResult result, Reqnroll.IScenarioContext context)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(context);
        if (result.Status == TestStatus.Passed && Running.ScenarioScope.Kept<ScenarioRecorder>(context) is { } scenario)
        {
            try
            {
                checkpoints.SaveBeforeStep(scenario.Scenario.ScenarioId, result.Index + 1, context.ScenarioContainer, bench);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or System.Text.Json.JsonException or InvalidOperationException)
            {
                // The run goes on (its results are sound); only a resume from here would lack this scenario's state, and says so.
                scenario.RecordEvent(BenchEventKind.Deviation, null,
                    $"The checkpoint after step {result.Index + 1} could not be written ({e.Message}); a resume from the next step would continue without what this scenario's steps established.");
            }
        }
    }

    /// <inheritdoc />
    public void TestCaseFinished(TestCaseResult result, Reqnroll.IScenarioContext context)
    {
    }
}
