using SpaceTestBench.Results.Recording;

namespace SpaceTestBench.Results.Store;

/// <summary>A scenario as recorded. Its verdict is <see cref="Judging.VerdictPolicy"/>'s, from everything it contains.</summary>
/// <param name="Info">Which scenario.</param>
/// <param name="StartedBench">Bench time at the start.</param>
/// <param name="FinishedBench">Bench time at the end, if it finished.</param>
/// <param name="RecordedVerdict">The verdict it recorded at its end.</param>
/// <param name="Message">Why it did not pass, if it did not.</param>
/// <param name="Steps">Its steps, started or finished, in order.</param>
/// <param name="Measurements">Its measurements in recording order.</param>
public sealed record ScenarioResult(
    ScenarioInfo Info,
    DateTimeOffset StartedBench,
    DateTimeOffset? FinishedBench,
    Verdict? RecordedVerdict,
    string? Message,
    IReadOnlyList<StepRecord> Steps,
    IReadOnlyList<MeasurementResult> Measurements);
