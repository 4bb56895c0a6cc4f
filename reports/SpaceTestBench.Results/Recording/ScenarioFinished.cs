namespace SpaceTestBench.Results.Recording;

/// <summary>A scenario ended.</summary>
/// <param name="BenchTime">Bench time at the end.</param>
/// <param name="ScenarioId">Which scenario.</param>
/// <param name="Verdict">Its verdict.</param>
/// <param name="Message">Why it did not pass, if it did not.</param>
public sealed record ScenarioFinished(DateTimeOffset BenchTime, string ScenarioId, Verdict Verdict, string? Message) : ResultEvent(BenchTime);
