using SpaceTestBench.Results.Quantities;
using SpaceTestBench.Results.Recording;

namespace SpaceTestBench.Results.Store;

/// <summary>Everything a run recorded, as read back from its store: the input of every renderer.</summary>
public sealed record RunResults(
    RunSummary Run,
    IReadOnlyList<ScenarioResult> Scenarios,
    IReadOnlyList<BenchEventRecorded> Events)
{
    /// <summary>All measurements of all scenarios, in recording order.</summary>
    public IEnumerable<MeasurementResult> Measurements => Scenarios.SelectMany(s => s.Measurements).OrderBy(m => m.Sequence);
}

/// <summary>The run as recorded.</summary>
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

/// <summary>A scenario as recorded.</summary>
public sealed record ScenarioResult(
    ScenarioInfo Info,
    DateTimeOffset StartedBench,
    DateTimeOffset? FinishedBench,
    Verdict? RecordedVerdict,
    string? Message,
    IReadOnlyList<StepFinished> Steps,
    IReadOnlyList<MeasurementResult> Measurements)
{
    /// <summary>The verdict, or Aborted if the scenario never recorded its end.</summary>
    public Verdict Verdict => RecordedVerdict ?? Verdict.Aborted;
}

/// <summary>A measurement as recorded.</summary>
public sealed record MeasurementResult(
    long Sequence,
    string ScenarioId,
    int StepIndex,
    string Name,
    Quantity Value,
    Limit? Limit,
    Verdict Verdict,
    DateTimeOffset BenchTime,
    string? Role,
    string? Instrument,
    IReadOnlyDictionary<string, Quantity> Conditions);
