namespace SpaceTestBench.Results.Recording;

/// <summary>A step ended.</summary>
/// <param name="BenchTime">Bench time at the end.</param>
/// <param name="ScenarioId">The scenario.</param>
/// <param name="StepIndex">Index of the step within the scenario.</param>
/// <param name="Keyword">Its keyword as written ("And").</param>
/// <param name="Text">The step text.</param>
/// <param name="Line">Its line in the feature file.</param>
/// <param name="Outcome">What happened.</param>
/// <param name="Duration">How long it took (wall clock).</param>
/// <param name="Message">Why it did not pass, if it did not.</param>
public sealed record StepFinished(
    DateTimeOffset BenchTime,
    string ScenarioId,
    int StepIndex,
    string Keyword,
    string Text,
    int Line,
    StepOutcome Outcome,
    TimeSpan Duration,
    string? Message) : ResultEvent(BenchTime);
