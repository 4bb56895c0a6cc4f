using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using SpaceTestBench.Bench;
using SpaceTestBench.Bench.Definitions;
using SpaceTestBench.Bench.Duts;
using SpaceTestBench.Simulation.Clock;
using SpaceTestBench.Simulation.Hosting;

namespace SpaceTestBench.Cli.Commands;

/// <summary>
/// <c>spacebench simulate</c>: runs the simulated facility standalone on loopback, in real or scaled time,
/// so external VISA clients and other bench software can be pointed at it; serves until stopped.
/// </summary>
internal static class SimulateCommand
{
    public static Command Create(IAnsiConsole console, FacilityPaths paths)
    {
        var bench = new Option<FileInfo>("--bench")
        {
            Description = "Bench definition file whose simulated instruments to serve.",
            DefaultValueFactory = _ => new FileInfo(paths.DefaultBench),
            HelpName = "FILE",
        };
        var dut = new Option<FileInfo?>("--dut")
        {
            Description = "DUT profile the simulators model. Default: the bench file's \"dut\".",
            HelpName = "FILE",
        };
        var timeScale = new Option<double>("--time-scale")
        {
            Description = "Bench seconds per real second (1: real time; 3600: an hour a second).",
            DefaultValueFactory = _ => 1.0,
            HelpName = "X",
        };
        timeScale.Validators.Add(result =>
        {
            // A token that is not a number already has System.CommandLine's conversion error; judge only numbers.
            if (result.Tokens.Count == 1 &&
                double.TryParse(result.Tokens[0].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) &&
                (!(value > 0) || value > ScaledClock.MaximumScale))
            {
                // Faster, bench time would pass the end of the calendar (year 9999) within minutes of serving.
                result.AddError($"--time-scale must be a positive number up to {ScaledClock.MaximumScale:N0} (11.6 days of bench time a second), not {result.Tokens[0].Value}.");
            }
        });

        var command = new Command("simulate", "Serve the simulated facility's instruments on 127.0.0.1 (their real protocols, real or scaled time) until stopped with Ctrl-C or SIGTERM.")
        {
            bench, dut, timeScale,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(
            console, parse.GetValue(bench)!.FullName, parse.GetValue(dut)?.FullName, parse.GetValue(timeScale), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(IAnsiConsole console, string benchFile, string? dutFile, double scale, CancellationToken cancellationToken)
    {
        BenchDefinition definition;
        DutProfile profile;
        try
        {
            definition = BenchDefinitionLoader.Load(benchFile);
            var dutPath = dutFile ?? definition.DefaultDutFile
                ?? throw new BenchConfigurationException(definition.File, "$.dut", "the bench names no DUT profile; give one with --dut.");
            profile = DutProfileLoader.Load(dutPath);
        }
        catch (BenchConfigurationException e)
        {
            console.MarkupLine("[red]Cannot simulate:[/]");
            console.WriteLine(e.Message);
            return ExitCodes.UsageError;
        }

        if (!definition.Instruments.Values.Any(i => i.Simulated))
        {
            console.MarkupLineInterpolated($"[red]Cannot simulate:[/] {definition.File} has no simulated instrument (resource \"simulated\").");
            return ExitCodes.UsageError;
        }

        SimulatedFacilityHost host;
        var clock = new ScaledClock(scale);
        try
        {
            host = await SimulatedFacilityHost.StartAsync(definition, profile, clock);
        }
        catch (BenchOpenException e)
        {
            console.MarkupLine("[red]Cannot start the simulators:[/]");
            console.WriteLine(e.Message);
            return ExitCodes.UsageError;
        }

        await using (host)
        {
            console.MarkupLineInterpolated($"[bold]SpaceTestBench simulated facility[/]: {definition.Name} ({definition.File})");
            console.MarkupLineInterpolated($"  DUT   {profile.Name} ({profile.File})");
            console.MarkupLineInterpolated(
                $"  time  {(scale == 1 ? "real time" : string.Create(CultureInfo.InvariantCulture, $"{scale:G6} × real time"))}");
            static string RolesOf(HostedInstrument hosted) => hosted.Roles.Count == 0 ? "(no role)" : string.Join(", ", hosted.Roles.Select(r => r.Name));
            var (roleWidth, modelWidth) = (host.Instruments.Max(i => RolesOf(i).Length), host.Instruments.Max(i => i.Definition.Model.Length));
            foreach (var hosted in host.Instruments)
            {
                var roles = RolesOf(hosted);
                // VXI-11 clients find the instrument through the portmapper, which is on 111 only if asked for.
                var portmapper = hosted.Definition.Protocol == SimulatorProtocol.Vxi11 ? $" (portmapper port {hosted.PortmapperPort})" : "";
                console.MarkupLineInterpolated($"  {roles.PadRight(roleWidth)}  {hosted.Definition.Model.PadRight(modelWidth)}  {hosted.Resource}{portmapper}");
            }

            foreach (var real in definition.Instruments.Values.Where(i => !i.Simulated))
            {
                console.MarkupLineInterpolated($"  [grey]not served: '{real.Id}' ({real.Model}) is a real instrument at {real.Resource}[/]");
            }

            console.MarkupLineInterpolated($"Serving {host.Instruments.Count} instrument(s) on 127.0.0.1. Stop with Ctrl-C.");
            try
            {
                // Until stopped, or until bench time would pass the end of the calendar: stopping then, with the
                // reason, is better than serving a wrapped-around or failing clock. (A timer counts at most ~49 days;
                // an end further away than that is as good as never.)
                var end = clock.WallTimeToCalendarEnd;
                await Task.Delay(end < TimeSpan.FromDays(40) ? end : Timeout.InfiniteTimeSpan, TimeProvider.System, cancellationToken);
                console.MarkupLineInterpolated($"[yellow]Stopped:[/] at {scale:G6} × real time the bench clock reached the end of the calendar (year 9999) after {clock.WallTimeToCalendarEnd} of serving; start it again, or with a smaller --time-scale, to serve longer.");
                return ExitCodes.Failed;
            }
            catch (OperationCanceledException)
            {
                // Ctrl-C or SIGTERM: stop serving.
            }
        }

        console.WriteLine("Stopped.");
        return ExitCodes.Passed;
    }
}
