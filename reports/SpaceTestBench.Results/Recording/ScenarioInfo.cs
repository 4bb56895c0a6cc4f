namespace SpaceTestBench.Results.Recording;

/// <summary>Identity of a scenario (one pickle, one attempt) within a run.</summary>
/// <param name="ScenarioId">Unique within the run.</param>
/// <param name="FeatureUri">The feature file, relative to the features root.</param>
/// <param name="FeatureName">The feature's title.</param>
/// <param name="RuleName">The enclosing Rule, if any.</param>
/// <param name="Name">The scenario's (interpolated) name.</param>
/// <param name="Line">Line of the scenario (or example row) in the feature file.</param>
/// <param name="Tags">Tags including inherited ones, with '@'.</param>
public sealed record ScenarioInfo(
    string ScenarioId,
    string FeatureUri,
    string FeatureName,
    string? RuleName,
    string Name,
    int Line,
    IReadOnlyList<string> Tags)
{
    /// <summary>The standard clauses this scenario verifies, from its tags (<c>@ESCC-25100</c>, <c>@MIL-STD-883-TM1019</c>).</summary>
    public IReadOnlyList<StandardClause> Clauses => Tags.Select(StandardClause.FromTag).OfType<StandardClause>().Distinct().ToList();
}
