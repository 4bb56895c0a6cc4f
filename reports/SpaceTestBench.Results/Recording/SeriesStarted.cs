namespace SpaceTestBench.Results.Recording;

/// <summary>A series began.</summary>
/// <param name="BenchTime">Bench time at the start.</param>
/// <param name="Series">Which series, and its axes.</param>
public sealed record SeriesStarted(DateTimeOffset BenchTime, SeriesInfo Series) : ResultEvent(BenchTime);
