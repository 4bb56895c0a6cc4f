namespace SpaceTestBench.Reports;

/// <summary>The files written beside report.html, as paths relative to the run folder.</summary>
/// <param name="ScenarioTables">Per-scenario measurement CSV by scenario id.</param>
/// <param name="Series">Full-resolution series CSV by series id.</param>
/// <param name="Attachments">Extracted attachment by its sequence number.</param>
public sealed record ReportFiles(
    IReadOnlyDictionary<string, string> ScenarioTables,
    IReadOnlyDictionary<int, string> Series,
    IReadOnlyDictionary<long, string> Attachments);
