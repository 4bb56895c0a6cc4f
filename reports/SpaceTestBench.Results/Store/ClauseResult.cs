namespace SpaceTestBench.Results.Store;

/// <summary>A standard clause and the scenarios that verify it.</summary>
/// <param name="Clause">The clause.</param>
/// <param name="Scenarios">The scenarios tagged with it.</param>
public sealed record ClauseResult(StandardClause Clause, IReadOnlyList<ScenarioResult> Scenarios);
