using System.CommandLine;
using Spectre.Console;
using SpaceTestBench.Cli.Commands;

namespace SpaceTestBench.Cli;

/// <summary>The <c>spacebench</c> command line, runnable in-process (tests pass their own console).</summary>
public static class SpacebenchApp
{
    /// <summary>Builds the command tree.</summary>
    public static RootCommand BuildCommand(IAnsiConsole console, FacilityPaths paths) => BuildCommand(console, paths, TimeProvider.System);

    /// <summary>Builds the command tree; <paramref name="clock"/> times what the verbs measure.</summary>
    public static RootCommand BuildCommand(IAnsiConsole console, FacilityPaths paths, TimeProvider clock)
    {
        var root = new RootCommand("SpaceTestBench: hardware-in-the-loop qualification of space computing hardware. Runs Gherkin conformance suites on a bench (simulated by default) and writes plotted qualification reports.");
        root.Subcommands.Add(RunCommand.Create(console, paths));
        root.Subcommands.Add(ValidateCommand.Create(console, paths));
        root.Subcommands.Add(StepsCommand.Create(console));
        root.Subcommands.Add(SimulateCommand.Create(console, paths));
        root.Subcommands.Add(ReportCommand.Create(console, clock));
        root.Subcommands.Add(PlanCommand.Create(console, paths, clock));
        root.Subcommands.Add(StatusCommand.Create(console, clock));
        root.Subcommands.Add(Analyze.AnalyzeCommand.Create(console));
        root.Subcommands.Add(ScpiCommand.Create(console, clock));
        root.Subcommands.Add(Facility.FacilityCommand.Create(console, paths));
        root.Subcommands.Add(Facility.StationCommand.Create(console, paths));
        return root;
    }

    /// <summary>Parses and runs; returns the exit code (2 for usage errors).</summary>
    public static Task<int> RunAsync(string[] args, IAnsiConsole console, CancellationToken cancellationToken = default) =>
        RunAsync(args, console, TimeProvider.System, cancellationToken);

    /// <summary>Parses and runs with <paramref name="clock"/> timing what the verbs measure; returns the exit code (2 for usage errors).</summary>
    public static async Task<int> RunAsync(string[] args, IAnsiConsole console, TimeProvider clock, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(console);
        var root = BuildCommand(console, FacilityPaths.Discover(), clock);
        // No response files: tag expressions start with '@' ("--tags @power"), which would otherwise be read as a file name.
        var parse = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                console.MarkupLineInterpolated($"[red]{error.Message}[/]");
            }

            console.WriteLine("Run 'spacebench --help' (or 'spacebench <verb> --help') for usage.");
            return ExitCodes.UsageError;
        }

        // Help and System.CommandLine's own messages go to the same console as everything else.
        var output = console.Profile.Out.Writer;
        // ProcessTerminationTimeout null: System.CommandLine must not handle Ctrl-C and SIGTERM itself. Its own
        // handling ends the process with 130 or 143 two seconds after the signal, whatever the run is doing —
        // cutting off the safe state and the report. Program.cs handles them and cancels this token instead.
        return await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = output, ProcessTerminationTimeout = null }, cancellationToken);
    }
}
