using System.CommandLine;
using Spectre.Console;
using SpaceTestBench.Cli.Running;

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

        var command = new Command("run", "Run conformance suites on a bench and write the qualification report (report.html, results.csv, results.sqlite, run.log).")
        {
            bench, features, tags, dut, output,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var featureArgs = parse.GetValue(features) is { Length: > 0 } given ? given.Select(Path.GetFullPath).ToList() : [paths.Features];
            var runFolder = parse.GetValue(output)?.FullName ?? Path.Combine(paths.RunsFolder, NewRunId());
            var request = new RunRequest(
                parse.GetValue(bench)!.FullName,
                featureArgs,
                Directory.Exists(paths.Features) ? paths.Features : Directory.GetCurrentDirectory(),
                parse.GetValue(tags),
                parse.GetValue(dut)?.FullName,
                runFolder);
            return await new QualificationRun(console).ExecuteAsync(request, cancellationToken);
        });
        return command;
    }

    private static string NewRunId() =>
        $"{TimeProvider.System.GetUtcNow():yyyyMMdd-HHmmss}-{Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(2))}";
}
