using SpaceTestBench.Bench;
using SpaceTestBench.Gherkin;
using SpaceTestBench.Gherkin.Execution;
using SpaceTestBench.Results.Progress;
using SpaceTestBench.Results.Recording;

namespace SpaceTestBench.Steps.Running;

/// <summary>
/// Publishes the run's structure as progress: which scenario (n of N) and step is running, the interlocks
/// armed for it, and each scenario's verdict when it ends. The steps' own quantities come from the procedures.
/// </summary>
/// <param name="bench">The bench (its clock and interlocks).</param>
/// <param name="progress">Where progress goes.</param>
/// <param name="alreadyDone">Scenarios a resumed run had finished before (numbering goes on after them).</param>
public sealed class ProgressListener(BenchSession bench, IProgressSink progress, int alreadyDone = 0) : IRunListener
{
    private readonly Dictionary<string, int> _numbers = [];

    /// <inheritdoc />
    public void TestCaseStarted(TestCaseInfo testCase, Reqnroll.IScenarioContext context)
    {
        ArgumentNullException.ThrowIfNull(testCase);
        if (!_numbers.TryGetValue(testCase.Pickle.Id, out var number))
        {
            number = alreadyDone + _numbers.Count + 1;
            _numbers[testCase.Pickle.Id] = number;
        }

        var now = bench.Clock.GetUtcNow();
        progress.Publish(new ScenarioProgressStarted(now, number, testCase.Pickle.Name, $"{testCase.Feature.Uri}:{testCase.Line}"));
        progress.Publish(new InterlocksArmed(now, bench.Safety.Definition.Interlocks.Select(i => $"{i.Name}: {bench.Safety.ActionFor(i).ToString().ToLowerInvariant()}").ToList()));
    }

    /// <inheritdoc />
    public void StepStarted(TestCaseInfo testCase, int index, Reqnroll.IScenarioContext context)
    {
        ArgumentNullException.ThrowIfNull(testCase);
        progress.Publish(new StepProgressStarted(bench.Clock.GetUtcNow(), index, testCase.Pickle.Steps.Count, testCase.Pickle.Steps[index].Text));
    }

    /// <inheritdoc />
    public void StepFinished(TestCaseInfo testCase, StepResult result, Reqnroll.IScenarioContext context)
    {
    }

    /// <inheritdoc />
    public void TestCaseFinished(TestCaseResult result, Reqnroll.IScenarioContext context)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(context);
        if (result.WillBeRetried)
        {
            return;
        }

        var verdict = ResultsListener.VerdictOf(result, ScenarioScope.Required<ScenarioRecorder>(context).MeasurementVerdict);
        progress.Publish(new ScenarioProgressFinished(bench.Clock.GetUtcNow(), _numbers.GetValueOrDefault(result.TestCase.Pickle.Id), verdict));
    }
}
