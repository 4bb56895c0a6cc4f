using SpaceTestBench.Reports.Csv;
using SpaceTestBench.Reports.Html;
using SpaceTestBench.Reports.Junit;
using SpaceTestBench.Reports.Manifest;
using SpaceTestBench.Reports.Plots;
using SpaceTestBench.Reports.Signing;
using SpaceTestBench.Results.Analysis;
using SpaceTestBench.Results.Judging;
using SpaceTestBench.Results.Store;

namespace SpaceTestBench.Reports;

/// <summary>
/// Renders a run folder's report from its result store alone: the analyses, the figures (PNG and SVG in
/// <c>plots/</c>), the measurement tables and series as CSV, <c>junit.xml</c>, <c>report.html</c> and
/// <c>manifest.sha256</c>. Re-rendering replaces everything it wrote before and touches nothing else
/// (the store, run.log, messages.ndjson).
/// </summary>
public static class ReportRenderer
{
    /// <summary>Folders the renderer owns and rewrites on every rendering.</summary>
    public static IReadOnlyList<string> OwnedFolders { get; } = ["plots", MeasurementCsv.TablesFolder, SeriesCsv.Folder, "attachments"];

    /// <summary>Reads the store in <paramref name="runFolder"/> and writes the report beside it.</summary>
    public static RenderedReport Render(string runFolder, ReportOptions? options = null) =>
        Render(ResultStoreReader.Read(runFolder), runFolder, options);

    /// <summary>Writes the report of <paramref name="results"/> into <paramref name="runFolder"/>.</summary>
    public static RenderedReport Render(RunResults results, string runFolder, ReportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(runFolder);
        options ??= new ReportOptions();
        foreach (var folder in OwnedFolders.Select(f => Path.Combine(runFolder, f)).Where(Directory.Exists))
        {
            Directory.Delete(folder, recursive: true);
        }

        var analysis = RunAnalysis.Of(results, options.ThermalCriteria, options.Confidence);
        var judgement = VerdictPolicy.Judge(results, analysis);
        var plotFolder = Path.Combine(runFolder, "plots");
        var banner = results.Run.Info.Bench.IsSimulated ? DocumentSection.SimulatedMark : null;
        var plots = SaveAll(PlotCatalog.For(results, analysis), plotFolder, banner);
        var files = WriteData(results, runFolder);
        var junit = Path.Combine(runFolder, JunitReport.FileName);
        JunitReport.Build(results, judgement).Save(junit);

        EquipmentSection.WriteCsv(results, Path.Combine(runFolder, EquipmentSection.CsvFile));

        // A signed revision is never written again: the next rendering is a new revision that names it (ISO/IEC 17025 §7.8.8).
        var revision = ReportRevisions.Next(runFolder, results.Run.Info, options.AmendmentReason);
        var revisionReport = ReportRevisions.ReportOf(revision.Number);
        var report = Path.Combine(runFolder, HtmlReport.FileName);
        var manifest = ArtifactManifest.Compute(runFolder, HtmlReport.FileName, revisionReport);
        var model = new ReportModel(results, analysis, plots, manifest, files, options.RenderedBy, options.WallClock.GetUtcNow(), judgement) { Revision = revision, InProgress = options.InProgress };
        var html = HtmlReport.Render(model);
        if (ReportRevisions.IsSigned(runFolder, revision.Number))
        {
            throw new InvalidOperationException($"Revision {revision.Number} of {revision.DocumentNumber} is signed and cannot be written again.");
        }

        Directory.CreateDirectory(Path.Combine(runFolder, ReportRevisions.FolderOf(revision.Number)));
        File.WriteAllText(Path.Combine(runFolder, revisionReport), html);
        File.WriteAllText(report, html);
        var manifestFile = ArtifactManifest.Write(runFolder, ArtifactManifest.Compute(runFolder));
        return new RenderedReport(report, Path.Combine(runFolder, MeasurementCsv.FileName), junit, manifestFile, plots.Select(p => p.Png).ToList(), judgement);
    }

    /// <summary>
    /// Builds and saves every figure, in parallel: each has its own ScottPlot plot and Skia surfaces, and the main job's
    /// ~200 figures drawn one after another were most of its report's time. The report's order is kept, and a failure
    /// surfaces as what it was (an <see cref="IOException"/> from a full disk), not wrapped in an <see cref="AggregateException"/>.
    /// </summary>
    private static List<PlotFiles> SaveAll(IReadOnlyList<ReportPlot> plots, string folder, string? banner)
    {
        try
        {
            return plots.AsParallel().AsOrdered().Select(p => PlotFiles.Save(p, folder, banner)).ToList();
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerExceptions[0]);
            throw;
        }
    }

    private static ReportFiles WriteData(RunResults results, string runFolder)
    {
        var scenarios = results.Scenarios.ToDictionary(s => s.Info.ScenarioId, s => s.Info, StringComparer.Ordinal);
        using var rows = new MeasurementCsv.Rows(scenarios, results.Run.Info);
        rows.Write(results.Measurements, Path.Combine(runFolder, MeasurementCsv.FileName));
        EventsCsv.Write(results.Events, Path.Combine(runFolder, EventsCsv.FileName));

        var tables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var scenario in results.Scenarios.Where(s => s.Measurements.Count > 0))
        {
            var relative = $"{MeasurementCsv.TablesFolder}/{scenario.Info.ScenarioId}.csv";
            Directory.CreateDirectory(Path.Combine(runFolder, MeasurementCsv.TablesFolder));
            rows.Write(scenario.Measurements, Path.Combine(runFolder, relative));
            tables[scenario.Info.ScenarioId] = relative;
        }

        var series = new Dictionary<int, string>();
        foreach (var s in results.Series)
        {
            var relative = $"{SeriesCsv.Folder}/{SeriesCsv.FileNameOf(s.Info)}";
            Directory.CreateDirectory(Path.Combine(runFolder, SeriesCsv.Folder));
            SeriesCsv.Write(s, Path.Combine(runFolder, relative));
            series[s.Info.SeriesId] = relative;
        }

        var attachments = new Dictionary<long, string>();
        foreach (var a in results.Attachments)
        {
            // Only the file name part of what was recorded: an attachment cannot write outside its folder.
            var relative = $"attachments/{a.Sequence:D3}-{Path.GetFileName(a.Name)}";
            Directory.CreateDirectory(Path.Combine(runFolder, "attachments"));
            File.WriteAllBytes(Path.Combine(runFolder, relative), a.Content.ToArray());
            attachments[a.Sequence] = relative;
        }

        return new ReportFiles(tables, series, attachments);
    }
}
