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
/// 2 if the folder holds no readable store.
/// </summary>
internal static class ReportCommand
{
    /// <summary>Where the report of a run still recording is written, inside its run folder.</summary>
    public const string LiveReportFolder = "in-progress";

    public static Command Create(IAnsiConsole console, TimeProvider wallClock)
    {
        var folder = new Argument<DirectoryInfo>("run-folder")
        {
            Description = "The run folder holding results.sqlite (reports/out/<run-id>).",
        }.AcceptExistingOnly();
        var command = new Command("report", "Re-render report.html, plots, CSV, junit.xml and the SHA-256 manifest of a run folder from its results.sqlite alone.") { folder };
        command.SetAction((parse, _) =>
        {
            var runFolder = parse.GetValue(folder)!.FullName;

            // A run still recording is read read-only and rendered beside its own files, never over them.
            var live = StatusCommand.Read(runFolder, wallClock).State == RunState.Live;
            RunResults results;
            try
            {
                results = ResultStoreReader.Read(runFolder, readOnly: live);
            }
            catch (Exception e) when (e is FileNotFoundException or InvalidDataException)
            {
                console.MarkupLine("[red]Cannot render a report:[/]");
                console.WriteLine(e.Message);
                return Task.FromResult(ExitCodes.UsageError);
            }

            if (live)
            {
                var inProgress = Directory.CreateDirectory(Path.Combine(runFolder, LiveReportFolder)).FullName;
                var snapshot = ReportRenderer.Render(results, inProgress, new ReportOptions { RenderedBy = QualificationRun.SoftwareVersion, InProgress = true, WallClock = wallClock });
                console.MarkupLine("[yellow]The run is still recording:[/] the report shows everything recorded so far and is marked in progress; the run writes its own report.html when it ends.");
                console.MarkupLineInterpolated($"Report (in progress): {snapshot.Report}");
                return Task.FromResult(ExitCodes.Passed);
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
