using Spectre.Console;
using SpaceTestBench.Gherkin;
using SpaceTestBench.Gherkin.Execution;
using SpaceTestBench.Results;
using SpaceTestBench.Results.Recording;
using SpaceTestBench.Steps.Running;

namespace SpaceTestBench.Cli.Running;

/// <summary>Shows each scenario's recorded verdict as it finishes, with the reason for anything that did not pass.</summary>
internal sealed class ConsoleProgress(IAnsiConsole console) : IRunListener
{
    private readonly Dictionary<Verdict, int> _counts = [];

    public IReadOnlyDictionary<Verdict, int> Counts => _counts;

    public void TestCaseFinished(TestCaseResult result, Reqnroll.IScenarioContext context)
    {
        // The verdict the scenario recorded (VerdictPolicy's, from its results read back), not one of our own.
        var recorded = ResultsListener.RecordedOf(context);
        var verdict = recorded?.Verdict ?? ResultsListener.VerdictOf(result, ScenarioScope.Required<ScenarioRecorder>(context).MeasurementVerdict);
        _counts[verdict] = _counts.GetValueOrDefault(verdict) + 1;
        var colour = Colour(verdict);
        console.MarkupLineInterpolated($"  [{colour}]{Symbol(verdict)} {verdict,-12}[/] {result.TestCase.Feature.FeatureName} › {result.TestCase.Pickle.Name} [grey]({result.TestCase.Feature.Uri}:{result.TestCase.Line})[/]");
        foreach (var step in result.Steps.Where(s => s.Status is not (TestStatus.Passed or TestStatus.Skipped)))
        {
            console.MarkupLineInterpolated($"      [{colour}]{step.Keyword}{step.Step.Text}[/] [grey](line {step.Line})[/]");
            if (step.Message is { } message)
            {
                console.MarkupLineInterpolated($"      [grey]{message}[/]");
            }
        }

        if (result.Steps.All(s => s.Status is TestStatus.Passed or TestStatus.Skipped) && (recorded?.Why ?? result.Message) is { } why && verdict != Verdict.Pass)
        {
            // Judged at the scenario's end (a finding, an inconclusive rate) or a hook: no step shows it.
            console.MarkupLineInterpolated($"      [grey]{why}[/]");
        }
    }

    public static string Colour(Verdict verdict) => verdict switch
    {
        Verdict.Pass => "green",
        Verdict.Fail => "red",
        Verdict.Error or Verdict.Aborted => "darkorange",
        _ => "yellow",
    };

    private static string Symbol(Verdict verdict) => verdict == Verdict.Pass ? "✔" : "✘";
}
