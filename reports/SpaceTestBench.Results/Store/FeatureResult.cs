namespace SpaceTestBench.Results.Store;

/// <summary>A feature file's scenarios as recorded.</summary>
/// <param name="Uri">The feature file, relative to the features root.</param>
/// <param name="Name">The feature's title.</param>
/// <param name="Scenarios">Its scenarios in the order they ran.</param>
public sealed record FeatureResult(string Uri, string Name, IReadOnlyList<ScenarioResult> Scenarios);
