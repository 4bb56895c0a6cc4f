using System.CommandLine;
using Spectre.Console;
using SpaceTestBench.Cli.Running;
using SpaceTestBench.Gherkin.Execution;
using SpaceTestBench.Results.Store;

namespace SpaceTestBench.Cli.Commands;

/// <summary><c>spacebench run</c>: run conformance suites on a bench and write a qualification report.</summary>
internal static class RunCommand
{
    public static Command Create(IAnsiConsole console, FacilityPaths paths)
    {
        var bench = new Option<FileInfo>("--bench")
        {
            Description = "Bench definition file (roles → instruments).",
            DefaultValueFactory = _ => new FileInfo(paths.DefaultBench),
            HelpName = "FILE",
        };
        var features = new Option<string[]>("--features")
        {
            Description = "Feature file or folder to run; repeatable. Default: every feature under features/.",
            AllowMultipleArgumentsPerToken = false,
            HelpName = "DIR|FILE",
        };
        var tags = new Option<string?>("--tags")
        {
            Description = "Tag expression selecting scenarios, e.g. \"@power and not @slow\".",
            HelpName = "EXPR",
        };
        var dut = new Option<FileInfo?>("--dut")
        {
            Description = "DUT profile (fixtures/duts/*.json). Default: the bench file's \"dut\".",
            HelpName = "FILE",
        };
        var output = new Option<DirectoryInfo?>("--out")
        {
            Description = "The run folder to write. Default: reports/out/<run-id>.",
            HelpName = "DIR",
        };

        var dryRun = new Option<bool>("--dry-run")
        {
            Description = "Match every step to its binding without executing anything (no instrument is commanded), and print the plan: each scenario's bench time, the total and the end on a real bench.",
        };
        var retry = new Option<int>("--retry")
        {
            Description = "Run a failed scenario up to N more times.",
            HelpName = "N",
        };
        var order = new Option<RunOrder>("--order")
        {
            Description = "Scenario order: Defined (default) or Reverse.",
            HelpName = "ORDER",
        };

        var samples = new Option<string[]>("--sample")
        {
            Description = "Serial number of a sample the run may mount, in mounting order; repeatable. A simulated bench mounts them in turn; on a real bench the sample mounted must be the next one named. Default: the bench's own (a simulated bench numbers its lot from the DUT profile).",
            HelpName = "SERIAL",
            AllowMultipleArgumentsPerToken = false,
        };
        var operatorName = new Option<string?>("--operator")
        {
            Description = "Who runs the qualification (the report's author), as the report should name them. Default: the bench file's facility operator; never the login name.",
            HelpName = "NAME",
        };

        var resume = new Option<DirectoryInfo?>("--resume")
        {
            Description = "Continue an interrupted run (crash, kill, Ctrl-C, beam interruption) in its run folder, from its last completed step, with the same bench, DUT, features and tags.",
            HelpName = "RUN-FOLDER",
        };

        var plannedDuration = PlannedDurationOption.Create();

        var quiet = new Option<bool>("--quiet")
        {
            Description = "No live display and no progress lines: only each scenario's verdict and the summary.",
        };

        var command = new Command("run", "Run conformance suites on a bench and write the qualification report (report.html, plots, CSV, junit.xml, results.sqlite, messages.ndjson, run.log, manifest.sha256).")
        {
            bench, features, tags, dut, output, dryRun, retry, order, operatorName, samples, resume, plannedDuration, quiet,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(resume) is { } folder)
            {
                if (!folder.Exists)
                {
                    console.MarkupLine("[red]Cannot resume:[/]");
                    console.WriteLine($"There is no run folder at {folder.FullName}.");
                    return ExitCodes.UsageError;
                }

                return await new QualificationRun(console).ResumeAsync(folder.FullName, parse.GetValue(operatorName), parse.GetValue(quiet) ? Progress.ProgressMode.Quiet : null, cancellationToken);
            }

            var featureArgs = parse.GetValue(features) is { Length: > 0 } given ? given.Select(Path.GetFullPath).ToList() : [paths.Features];
            var runFolder = parse.GetValue(output)?.FullName ?? Path.Combine(paths.RunsFolder, NewRunId());
            if (QualificationRun.RefuseUsedFolder(console, runFolder))
            {
                return ExitCodes.UsageError;
            }

            var request = new RunRequest(
                parse.GetValue(bench)!.FullName,
                featureArgs,
                Directory.Exists(paths.Features) ? paths.Features : Directory.GetCurrentDirectory(),
                parse.GetValue(tags),
                parse.GetValue(dut)?.FullName,
                runFolder)
            {
                DryRun = parse.GetValue(dryRun),
                Retry = Math.Max(0, parse.GetValue(retry)),
                Order = parse.GetValue(order),
                Operator = parse.GetValue(operatorName),
                Samples = parse.GetValue(samples) ?? [],
                PlannedDuration = PlannedDurationOption.Read(parse.GetValue(plannedDuration)),
                Progress = parse.GetValue(quiet) ? Progress.ProgressMode.Quiet : null,
            };
            return await new QualificationRun(console).ExecuteAsync(request, cancellationToken);
        });
        return command;
    }

    private static string NewRunId() =>
        $"{TimeProvider.System.GetUtcNow():yyyyMMdd-HHmmss}-{Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(2))}";
}
