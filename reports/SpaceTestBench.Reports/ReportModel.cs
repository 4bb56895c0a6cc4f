using SpaceTestBench.Reports.Manifest;
using SpaceTestBench.Reports.Plots;
using SpaceTestBench.Results.Analysis;
using SpaceTestBench.Results.Judging;
using SpaceTestBench.Results.Store;

namespace SpaceTestBench.Reports;

/// <summary>Everything report.html is made from: the stored results, their analyses, the figures and the files beside it.</summary>
/// <param name="Results">The run as stored.</param>
/// <param name="Analysis">The analyses its data support.</param>
/// <param name="Plots">The figures, rendered.</param>
/// <param name="Manifest">SHA-256 of every other artifact in the run folder.</param>
/// <param name="Files">Paths (relative to the run folder) of the files written for the report.</param>
/// <param name="RenderedBy">Version of the software rendering the report.</param>
/// <param name="RenderedAt">Wall-clock time of rendering.</param>
/// <param name="Judgement">Every verdict the report states, from <see cref="VerdictPolicy"/> over the results and the analyses' findings.</param>
public sealed record ReportModel(
    RunResults Results,
    RunAnalysis Analysis,
    IReadOnlyList<PlotFiles> Plots,
    IReadOnlyList<ManifestEntry> Manifest,
    ReportFiles Files,
    string RenderedBy,
    DateTimeOffset RenderedAt,
    RunJudgement Judgement)
{
    /// <summary>The document number and revision this rendering is; null: revision 1 of the run's document number.</summary>
    public Signing.ReportRevision? Revision { get; init; }

    /// <summary>Rendered from a run still recording (see <see cref="ReportOptions.InProgress"/>).</summary>
    public bool InProgress { get; init; }
}
