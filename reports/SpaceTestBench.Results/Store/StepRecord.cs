using SpaceTestBench.Results.Recording;

namespace SpaceTestBench.Results.Store;

/// <summary>A step as recorded: started, and finished unless the run was cut off during it.</summary>
/// <param name="ScenarioId">The scenario.</param>
/// <param name="Index">Index within the scenario.</param>
/// <param name="Text">The step text.</param>
/// <param name="Keyword">Its keyword, once finished.</param>
/// <param name="Line">Its line in the feature file, once finished.</param>
/// <param name="StartedBench">Bench time at the start, if recorded.</param>
/// <param name="FinishedBench">Bench time at the end, if finished.</param>
/// <param name="Outcome">What happened, if finished.</param>
/// <param name="Duration">How long it took (wall clock), if finished.</param>
/// <param name="Message">Why it did not pass, if it did not.</param>
public sealed record StepRecord(
    string ScenarioId,
    int Index,
    string Text,
    string? Keyword,
    int? Line,
    DateTimeOffset? StartedBench,
    DateTimeOffset? FinishedBench,
    StepOutcome? Outcome,
    TimeSpan? Duration,
    string? Message)
{
    /// <summary>True if the step recorded its end.</summary>
    public bool Finished => Outcome is not null;
}
