namespace SpaceTestBench.Results.Recording;

/// <summary>The run ended.</summary>
/// <param name="BenchTime">Bench time at the end.</param>
/// <param name="FinishedWall">Wall-clock time at the end.</param>
/// <param name="Verdict">The run's verdict as the executive saw it.</param>
public sealed record RunFinished(DateTimeOffset BenchTime, DateTimeOffset FinishedWall, Verdict Verdict) : ResultEvent(BenchTime);
