using SpaceTestBench.Gherkin;
using SpaceTestBench.Gherkin.Execution;
using SpaceTestBench.Results;
using SpaceTestBench.Results.Recording;

namespace SpaceTestBench.Steps.Running;

/// <summary>
/// Records the Gherkin run into the results: one scenario record per test case, every step's outcome, and
/// the scenario verdict. Makes the scenario's <see cref="ScenarioRecorder"/> injectable into bindings.
/// </summary>
public sealed class ResultsListener(ResultRecorder recorder) : IRunListener
{
    /// <inheritdoc />
    public void TestCaseStarted(TestCaseInfo testCase, ScenarioContext context)
    {
        ArgumentNullException.ThrowIfNull(testCase);
        ArgumentNullException.ThrowIfNull(context);
        var scenario = recorder.StartScenario(
            testCase.Feature.Uri, testCase.Feature.FeatureName, testCase.Rule, testCase.Pickle.Name, testCase.Line, testCase.Tags);
        context.ScenarioContainer.RegisterInstanceAs(scenario);
        context.Set(scenario);
    }

    /// <inheritdoc />
    public void StepStarted(TestCaseInfo testCase, int index, ScenarioContext context)
    {
        ArgumentNullException.ThrowIfNull(testCase);
        ArgumentNullException.ThrowIfNull(context);
        context.Get<ScenarioRecorder>().StepStarted(index, testCase.Pickle.Steps[index].Text);
    }

    /// <inheritdoc />
    public void StepFinished(TestCaseInfo testCase, StepResult result, ScenarioContext context)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(context);
        context.Get<ScenarioRecorder>().StepFinished(
            result.Index, result.Keyword.Trim(), result.Step.Text, result.Line, ToOutcome(result.Status), result.Duration, result.Message);
    }

    /// <inheritdoc />
    public void TestCaseFinished(TestCaseResult result, ScenarioContext context)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(context);
        var scenario = context.Get<ScenarioRecorder>();
        scenario.Finish(VerdictOf(result, scenario.MeasurementVerdict), result.Message);
    }

    /// <summary>
    /// A scenario's verdict: Fail when the device missed a limit; Error when the bench could not do the
    /// test (an instrument or binding failed); Inconclusive when nothing was proven (pending, undefined, skipped).
    /// </summary>
    public static Verdict VerdictOf(TestCaseResult result, Verdict measurements)
    {
        ArgumentNullException.ThrowIfNull(result);
        var verdict = result.Status switch
        {
            TestStatus.Passed => Verdict.Pass,
            TestStatus.Failed => result.Steps.Any(s => s.Status == TestStatus.Failed && s.Error is not LimitViolationException) ||
                                 !result.Steps.Any(s => s.Error is LimitViolationException)
                ? Verdict.Error
                : Verdict.Fail,
            TestStatus.Ambiguous => Verdict.Error,
            _ => Verdict.Inconclusive,
        };
        return Verdicts.Worst(verdict, measurements);
    }

    private static StepOutcome ToOutcome(TestStatus status) => status switch
    {
        TestStatus.Passed => StepOutcome.Passed,
        TestStatus.Failed => StepOutcome.Failed,
        TestStatus.Pending => StepOutcome.Pending,
        TestStatus.Undefined => StepOutcome.Undefined,
        TestStatus.Ambiguous => StepOutcome.Ambiguous,
        _ => StepOutcome.Skipped,
    };
}
