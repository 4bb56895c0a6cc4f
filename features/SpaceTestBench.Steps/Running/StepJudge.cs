using Reqnroll;
using SpaceTestBench.Gherkin;
using SpaceTestBench.Results;
using SpaceTestBench.Results.Recording;

namespace SpaceTestBench.Steps.Running;

/// <summary>
/// The engine's judgement of every step: when a step ends, each measurement it recorded has already been judged
/// against its declared limit; if any missed it, the step fails with <see cref="LimitViolationException"/> naming
/// all of them (verdict Fail). A binding declares measurements with their limits and cannot forget to judge them.
/// A step that failed for another reason keeps that reason; its failed measurements still count in the verdict.
/// </summary>
[Binding]
public sealed class StepJudge(IScenarioContext context)
{
    /// <summary>Fails the step that just ended if one of its measurements missed its limit.</summary>
    [AfterStep(Order = int.MinValue)]
    public void JudgeStep()
    {
        if (ScenarioScope.RecorderOf(context) is not { } scenario)
        {
            return; // a run that records nothing has nothing to judge
        }

        var failed = scenario.MeasurementsOf(scenario.CurrentStepIndex).Where(m => m.Verdict == Verdict.Fail).ToList();
        if (failed.Count > 0)
        {
            throw new LimitViolationException(failed);
        }
    }
}
