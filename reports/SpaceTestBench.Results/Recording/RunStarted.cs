using SpaceTestBench.Results.Provenance;

namespace SpaceTestBench.Results.Recording;

/// <summary>The run began.</summary>
/// <param name="BenchTime">Bench time at the start.</param>
/// <param name="Run">The run's provenance.</param>
public sealed record RunStarted(DateTimeOffset BenchTime, RunInfo Run) : ResultEvent(BenchTime);
