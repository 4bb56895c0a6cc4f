using SpaceTestBench.Results.Provenance;

namespace SpaceTestBench.Results.Store;

/// <summary>The run as recorded.</summary>
/// <param name="Info">Its provenance.</param>
/// <param name="StartedBench">Bench time at the start.</param>
/// <param name="FinishedBench">Bench time at the end, if it recorded its end.</param>
/// <param name="FinishedWall">Wall-clock time at the end, if it recorded its end.</param>
/// <param name="RecordedVerdict">The verdict it recorded at its end.</param>
public sealed record RunSummary(
    RunInfo Info,
    DateTimeOffset StartedBench,
    DateTimeOffset? FinishedBench,
    DateTimeOffset? FinishedWall,
    Verdict? RecordedVerdict)
{
    /// <summary>True if the run recorded its end; false if it was cut off (crash, kill).</summary>
    public bool Completed => FinishedWall is not null;
}
