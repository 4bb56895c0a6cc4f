using SpaceTestBench.Reports.Csv;
using SpaceTestBench.Reports.Html;
using SpaceTestBench.Reports.Plots;
using SpaceTestBench.Results.Store;

namespace SpaceTestBench.Reports;

/// <summary>The files a report rendering produced.</summary>
/// <param name="Report">report.html.</param>
/// <param name="Csv">results.csv.</param>
/// <param name="Plots">PNG files of the plots.</param>
public sealed record RenderedReport(string Report, string Csv, IReadOnlyList<string> Plots);

/// <summary>Renders a run folder's report from its result store alone.</summary>
public static class ReportRenderer
{
    /// <summary>Reads the store in <paramref name="runFolder"/> and writes report.html, results.csv and plots/.</summary>
    public static RenderedReport Render(string runFolder)
    {
        var results = ResultStoreReader.Read(runFolder);
        return Render(results, runFolder);
    }

    /// <summary>Writes the report of <paramref name="results"/> into <paramref name="runFolder"/>.</summary>
    public static RenderedReport Render(RunResults results, string runFolder)
    {
        ArgumentNullException.ThrowIfNull(results);
        var plotFolder = Path.Combine(runFolder, "plots");
        var plots = new List<(string, string, string)>();
        var pngs = new List<string>();
        foreach (var plot in MeasurementPlot.From(results))
        {
            var svg = PlotRenderer.Save(plot, plotFolder);
            plots.Add((plot.Id, $"{plot.Name} versus {plot.Condition}", svg));
            pngs.Add(Path.Combine(plotFolder, plot.Id + ".png"));
        }

        var report = Path.Combine(runFolder, HtmlReport.FileName);
        File.WriteAllText(report, HtmlReport.Render(results, plots));
        var csv = Path.Combine(runFolder, ResultsCsv.FileName);
        ResultsCsv.Write(results, csv);
        return new RenderedReport(report, csv, pngs);
    }
}
