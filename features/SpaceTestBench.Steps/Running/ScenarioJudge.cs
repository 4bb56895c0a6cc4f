using Reqnroll;
using SpaceTestBench.Gherkin;
using SpaceTestBench.Results;
using SpaceTestBench.Results.Judging;
using SpaceTestBench.Results.Recording;
using ScenarioExecutionStatus = Reqnroll.ScenarioExecutionStatus;
using PendingStepException = SpaceTestBench.Gherkin.PendingStepException;

namespace SpaceTestBench.Steps.Running;

/// <summary>
/// Judges the scenario as it ends, from its results read back from the store, by <see cref="VerdictPolicy"/>: the
/// verdict the report will state, findings of the analyses of its data included. When that verdict is worse than
/// the steps' outcomes showed, this hook says so in Cucumber's terms, so that the Cucumber messages, NUnit and the
/// console agree with the report:
/// <list type="bullet">
/// <item>Fail (or worse) from a judged result the steps did not fail on: the hook FAILS with
/// <see cref="JudgedResultException"/>;</item>
/// <item>Inconclusive (a counted rate the data cannot decide, an analysis the data cannot support): the hook is
/// PENDING with the reason, Cucumber's status for "not shown yet" (strict Cucumber fails a run on it, as
/// <c>spacebench run</c> exits 1); NUnit then follows the suite's <c>MissingStepOutcome</c>.</item>
/// </list>
/// It runs after every other After hook, the safety hook's safe state included, so what they record is judged too; it
/// is last because Reqnroll runs no After hook after one that fails.
/// </summary>
[Binding]
public sealed class ScenarioJudge(IScenarioContext context)
{
    /// <summary>The judgement of the scenario that just ended, if it was made.</summary>
    public static ScenarioJudgement? Of(IScenarioContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ScenarioScope.Kept<ScenarioJudgement>(context);
    }

    /// <summary>Judges the scenario and reports a verdict its steps did not show.</summary>
    [AfterScenario(Order = int.MaxValue)]
    public void JudgeScenario()
    {
        // A runner that records nothing (no recorder, or no sink that keeps results) has nothing to judge.
        if (ScenarioScope.RecorderOf(context) is not { } scenario
            || !context.ScenarioContainer.IsRegistered<ResultRecorder>()
            || context.ScenarioContainer.Resolve<ResultRecorder>().ReadBack(scenario.Scenario.ScenarioId) is not { } readBack)
        {
            return;
        }

        var judgement = VerdictPolicy.JudgeEndingScenario(readBack, scenario.Scenario.ScenarioId);
        ScenarioScope.Keep(context, judgement);
        if (context.ScenarioExecutionStatus != ScenarioExecutionStatus.OK)
        {
            return; // the steps already show the scenario did not pass, with their own reason
        }

        if (judgement.Verdict >= Verdict.Fail)
        {
            throw new JudgedResultException(judgement);
        }

        if (judgement.Verdict == Verdict.Inconclusive)
        {
            throw new PendingStepException($"Inconclusive: {judgement.Why}", new JudgedResultException(judgement));
        }
    }
}
