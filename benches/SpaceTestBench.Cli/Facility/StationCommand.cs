using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Spectre.Console;
using SpaceTestBench.Facility.Api;
using SpaceTestBench.Facility.Hosting;

namespace SpaceTestBench.Cli.Facility;

/// <summary>
/// <c>spacebench station serve --facility URL --bench FILE …</c>: a station host. It asks the control node how
/// to join (membership, database role), becomes an Orleans silo that owns the stations of its bench files,
/// and runs their campaigns and health checks with <see cref="QualificationRunExecutor"/>.
/// </summary>
internal static class StationCommand
{
    public static Command Create(IAnsiConsole console, FacilityPaths paths)
    {
        var (url, token) = FacilityCommand.ConnectionOptions();
        var benches = new Option<string[]>("--bench")
        {
            Description = "A bench file this host serves as a station, as FILE (station id: the file name without .bench.json) or ID=FILE; repeatable.",
            Required = true,
            HelpName = "[ID=]FILE",
        };
        var runs = new Option<DirectoryInfo?>("--runs") { Description = "Where run folders go. Default: reports/out/facility.", HelpName = "DIR" };
        var siloPort = new Option<int>("--silo-port") { Description = "Orleans silo port (0: any free port)." };
        var serve = new Command("serve", "Run a station host for the stations of the given bench files, joined to a control node's facility.") { url, token, benches, runs, siloPort };
        serve.SetAction(async (parse, cancellationToken) =>
        {
            using var client = FacilityCommand.Connect(console, parse.GetValue(url), parse.GetValue(token));
            if (client is null)
            {
                return ExitCodes.UsageError;
            }

            ClusterInfo cluster;
            try
            {
                var (status, json) = await client.SendAsync(HttpMethod.Get, "api/v1/cluster", null, cancellationToken);
                if (status != System.Net.HttpStatusCode.OK)
                {
                    console.MarkupLineInterpolated($"[red]The control node refused ({(int)status}):[/] a station host needs a facility operator's or admin's token.");
                    return ExitCodes.UsageError;
                }

                cluster = json.Deserialize<ClusterInfo>(FacilityClient.Json)!;
            }
            catch (HttpRequestException e)
            {
                console.MarkupLineInterpolated($"[red]Cannot reach the control node at {client.Facility}:[/] {e.Message}");
                return ExitCodes.UsageError;
            }

            var stations = parse.GetValue(benches)!.Select(b => b.Split('=', 2) is [var id, var file] ? new StationBench(id, Path.GetFullPath(file))
                : new StationBench(Path.GetFileName(b).Replace(".bench.json", "", StringComparison.Ordinal), Path.GetFullPath(b))).ToList();
            var options = new StationHostOptions { Stations = stations, RunsRoot = parse.GetValue(runs)?.FullName ?? Path.Combine(paths.RunsFolder, "facility") };
            IHost host;
            try
            {
                host = StationHost.Create(options, cluster, new QualificationRunExecutor(paths), TimeProvider.System, new FacilityClusterOptions { SiloPort = parse.GetValue(siloPort) });
                await host.StartAsync(cancellationToken);
            }
            catch (Exception e) when (e is SpaceTestBench.Bench.Definitions.BenchConfigurationException or Npgsql.NpgsqlException or OrleansException or InvalidOperationException)
            {
                console.MarkupLine("[red]Cannot start the station host:[/]");
                console.WriteLine(e.Message);
                return ExitCodes.UsageError;
            }

            console.MarkupLineInterpolated($"Station host serving {string.Join(", ", stations.Select(s => s.Id))}; runs in {options.RunsRoot}. Ctrl-C stops it (its leases then expire).");
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, TimeProvider.System, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                console.WriteLine("Stopping the station host.");
            }

            await host.StopAsync(CancellationToken.None);
            host.Dispose();
            return ExitCodes.Passed;
        });
        var command = new Command("station", "A station host of the shared facility.");
        command.Subcommands.Add(serve);
        return command;
    }
}
