using SpaceTestBench.Bench.Safety;
using SpaceTestBench.Gherkin;
using SpaceTestBench.Gherkin.Execution;
using SpaceTestBench.Results;
using SpaceTestBench.Results.Judging;
using SpaceTestBench.Results.Recording;

namespace SpaceTestBench.Steps.Running;

/// <summary>
/// Records the Gherkin run into the results: one scenario record per test case, every step's outcome, and
/// the scenario verdict (its Cucumber result combined with <see cref="ScenarioJudge"/>'s judgement, which is
/// <see cref="VerdictPolicy"/>'s). Makes the scenario's <see cref="ScenarioRecorder"/> injectable into bindings.
/// </summary>
public sealed class ResultsListener(ResultRecorder recorder, ResumePlan? resume = null, Resuming.ScenarioCheckpoints? scenarioCheckpoints = null) : IRunListener
{
    /// <inheritdoc />
    public void TestCaseStarted(TestCaseInfo testCase, Reqnroll.IScenarioContext context)
    {
        ArgumentNullException.ThrowIfNull(testCase);
        ArgumentNullException.ThrowIfNull(context);
        ScenarioRecorder scenario;
        if (resume?.Continues(testCase) is { } open)
        {
            // The interrupted scenario goes on in its own record; the step it was in runs again from its start, or, where a
            // checkpoint inside it says it can, continues from there, keeping what it recorded before that checkpoint.
            scenario = recorder.ResumeScenario(new Results.Recording.ScenarioInfo(
                open.ScenarioId, testCase.Feature.Uri, testCase.Feature.FeatureName, testCase.Rule, testCase.Pickle.Name, testCase.Line, testCase.Tags));
            var inStep = scenarioCheckpoints?.InStepState(new Resuming.ScenarioCheckpoints.ResumableScenarioRef(open.ScenarioId, open.FirstUnfinishedStep));
            recorder.Emit(new StepResumed(recorder.Clock.GetUtcNow(), open.ScenarioId, open.FirstUnfinishedStep, inStep?.SavedAt));
        }
        else
        {
            scenario = recorder.StartScenario(
                testCase.Feature.Uri, testCase.Feature.FeatureName, testCase.Rule, testCase.Pickle.Name, testCase.Line, testCase.Tags);
        }

        context.ScenarioContainer.RegisterInstanceAs(scenario);
        ScenarioScope.Keep(context, scenario);
    }

    /// <inheritdoc />
    public void StepStarted(TestCaseInfo testCase, int index, Reqnroll.IScenarioContext context)
    {
        ArgumentNullException.ThrowIfNull(testCase);
        ArgumentNullException.ThrowIfNull(context);
        ScenarioScope.Required<ScenarioRecorder>(context).StepStarted(index, testCase.Pickle.Steps[index].Text);
    }

    /// <inheritdoc />
    public void StepFinished(TestCaseInfo testCase, StepResult result, Reqnroll.IScenarioContext context)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(context);

        // A step the operator's stop cut never gets here (the runner ends its test case at once): it stays
        // unfinished in the record, and a resumed run runs it again.
        ScenarioScope.Required<ScenarioRecorder>(context).StepFinished(
            result.Index, result.Keyword.Trim(), result.Step.Text, result.Line, ToOutcome(result.Status), result.Duration, result.Message);
    }

    /// <inheritdoc />
    public void TestCaseFinished(TestCaseResult result, Reqnroll.IScenarioContext context)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(context);

        // A test case the operator's stop cut does not finish: it is left open exactly as a crash leaves it, so --resume continues it.
        var scenario = ScenarioScope.Required<ScenarioRecorder>(context);
        var judged = ScenarioJudge.Of(context);
        var verdict = Verdicts.Worst(VerdictOf(result, scenario.MeasurementVerdict), judged?.Verdict ?? Verdict.NotSet);
        var message = judged is { Passed: false } && judged.Verdict >= verdict ? judged.Why : result.Message;
        scenario.Finish(verdict, message);
        ScenarioScope.Keep(context, new ScenarioVerdict(verdict, verdict == Verdict.Pass ? null : message ?? judged?.Why));
    }

    /// <summary>The verdict the scenario that just ended recorded, for listeners after this one (the console).</summary>
    public static ScenarioVerdict? RecordedOf(Reqnroll.IScenarioContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ScenarioScope.Kept<ScenarioVerdict>(context);
    }

    /// <summary>
    /// A scenario's verdict from its Cucumber result: Fail when it failed only on judged results (a measurement
    /// outside its limit, a finding); Aborted when an interlock stopped it; Error when the bench could not do the
    /// test (an instrument, binding or hook failed); Inconclusive when nothing was proven (pending — a judged result
    /// the data cannot decide is reported so —, undefined, skipped). Combined with <paramref name="measurements"/>'.
    /// </summary>
    public static Verdict VerdictOf(TestCaseResult result, Verdict measurements)
    {
        ArgumentNullException.ThrowIfNull(result);
        var failures = result.Steps.Where(s => s.Status == TestStatus.Failed).Select(s => s.Error)
            .Concat(result.Hooks.Where(h => h.Status == TestStatus.Failed).Select(h => h.Error)).ToList();
        var verdict = result.Status switch
        {
            TestStatus.Passed => Verdict.Pass,

            // Stopped by an interlock: the test did not finish and the device is not judged by it.
            TestStatus.Failed when failures.Any(e => e is InterlockTrippedException) => Verdict.Aborted,
            TestStatus.Failed when failures.Count > 0 && failures.All(e => e is LimitViolationException or JudgedResultException) => Verdict.Fail,
            TestStatus.Failed => Verdict.Error,
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

/// <summary>The verdict a scenario recorded at its end and why, as the console shows it.</summary>
/// <param name="Verdict">The verdict.</param>
/// <param name="Why">Why it did not pass; null for a Pass.</param>
public sealed record ScenarioVerdict(Verdict Verdict, string? Why);
