using SpaceTestBench.Results.Recording;

namespace SpaceTestBench.Results.Store;

/// <summary>Everything a run recorded, as read back from its store: the input of every renderer.</summary>
/// <param name="SchemaVersion">The store's schema version.</param>
/// <param name="Run">The run and its provenance.</param>
/// <param name="Scenarios">Scenarios in the order they started.</param>
/// <param name="Events">Bench events in the order they happened.</param>
/// <param name="Series">Series with all their points.</param>
/// <param name="Attachments">Attached files.</param>
public sealed record RunResults(
    int SchemaVersion,
    RunSummary Run,
    IReadOnlyList<ScenarioResult> Scenarios,
    IReadOnlyList<BenchEventRecorded> Events,
    IReadOnlyList<SeriesResult> Series,
    IReadOnlyList<AttachmentResult> Attachments)
{
    /// <summary>All measurements of all scenarios, in recording order.</summary>
    public IReadOnlyList<MeasurementResult> Measurements { get; } =
        Scenarios.SelectMany(s => s.Measurements).OrderBy(m => m.Sequence).ToList();

    /// <summary>Scenarios grouped by feature file, in the order the features first ran.</summary>
    public IReadOnlyList<FeatureResult> Features { get; } = Scenarios
        .GroupBy(s => (s.Info.FeatureUri, s.Info.FeatureName))
        .Select(g => new FeatureResult(g.Key.FeatureUri, g.Key.FeatureName, g.ToList()))
        .ToList();

    /// <summary>Standard clauses named by scenario tags, each with the scenarios that verify it, in clause order.</summary>
    public IReadOnlyList<ClauseResult> Clauses { get; } = Scenarios
        .SelectMany(s => s.Info.Clauses.Select(c => (Clause: c, Scenario: s)))
        .GroupBy(p => p.Clause)
        .OrderBy(g => g.Key.Id, StringComparer.Ordinal)
        .Select(g => new ClauseResult(g.Key, g.Select(p => p.Scenario).ToList()))
        .ToList();

    /// <summary>The series a scenario recorded (or run-level series for null).</summary>
    public IEnumerable<SeriesResult> SeriesOf(string? scenarioId) => Series.Where(s => s.Info.ScenarioId == scenarioId);

    /// <summary>The bench events of a scenario (or run-level events for null).</summary>
    public IEnumerable<BenchEventRecorded> EventsOf(string? scenarioId) => Events.Where(e => e.ScenarioId == scenarioId);
}
