namespace SpaceTestBench.Results.Recording;

/// <summary>A scenario began.</summary>
/// <param name="BenchTime">Bench time at the start.</param>
/// <param name="Scenario">Which scenario.</param>
public sealed record ScenarioStarted(DateTimeOffset BenchTime, ScenarioInfo Scenario) : ResultEvent(BenchTime);
