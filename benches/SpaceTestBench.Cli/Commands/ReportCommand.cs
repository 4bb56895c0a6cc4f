using System.CommandLine;
using Spectre.Console;
using SpaceTestBench.Cli.Running;
using SpaceTestBench.Reports;
using SpaceTestBench.Results;
using SpaceTestBench.Results.Store;

namespace SpaceTestBench.Cli.Commands;

/// <summary>
/// <c>spacebench report RUN-FOLDER</c>: re-renders the report from the run's result store alone — after a
/// crash or kill, with a newer SpaceTestBench, or to verify a report. Exit 0 if the run passed, 1 if not,
/// 2 if the folder holds no readable store or another process is writing it.
/// </summary>
internal static class ReportCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var folder = new Argument<DirectoryInfo>("run-folder")
        {
            Description = "The run folder holding results.sqlite (reports/out/<run-id>).",
        }.AcceptExistingOnly();
        var command = new Command("report", "Re-render report.html, plots, CSV, junit.xml and the SHA-256 manifest of a run folder from its results.sqlite alone.") { folder };
        command.SetAction((parse, _) =>
        {
            var runFolder = parse.GetValue(folder)!.FullName;

            // A run still writing the folder would render over this report and change the files the manifest hashes.
            using var folderLock = RunFolderAccess.TryAcquire(console, runFolder, "report", "Cannot render a report:");
            if (folderLock is null)
            {
                return Task.FromResult(ExitCodes.UsageError);
            }

            RunResults results;
            try
            {
                results = ResultStoreReader.Read(runFolder);
            }
            catch (Exception e) when (e is FileNotFoundException or InvalidDataException)
            {
                console.MarkupLine("[red]Cannot render a report:[/]");
                console.WriteLine(e.Message);
                return Task.FromResult(ExitCodes.UsageError);
            }

            var rendered = ReportRenderer.Render(results, runFolder, new ReportOptions { RenderedBy = QualificationRun.SoftwareVersion });
            if (!results.Run.Completed)
            {
                console.MarkupLine("[yellow]The run did not record its end (it was interrupted); the report shows everything recorded up to then.[/]");
            }

            console.MarkupLineInterpolated($"[{ConsoleProgress.Colour(results.Verdict)}]{results.Verdict}[/]: {results.Scenarios.Count(s => s.Verdict == Verdict.Pass)} of {results.Scenarios.Count} scenario(s) passed; {results.Measurements.Count} measurement(s), {results.Series.Sum(s => (long)s.Count)} series point(s).");
            console.MarkupLineInterpolated($"Report: {rendered.Report}");
            return Task.FromResult(results.Verdict == Verdict.Pass ? ExitCodes.Passed : ExitCodes.Failed);
        });
        return command;
    }
}
