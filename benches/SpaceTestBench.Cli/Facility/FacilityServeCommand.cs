using System.CommandLine;
using Spectre.Console;
using SpaceTestBench.Facility.Hosting;

namespace SpaceTestBench.Cli.Facility;

/// <summary><c>spacebench facility serve</c>: a control node (Orleans silo, scheduler, HTTP API on 127.0.0.1).</summary>
internal static class FacilityServeCommand
{
    public static Command Create(IAnsiConsole console, FacilityPaths paths)
    {
        var database = new Option<string>("--database")
        {
            Description = "PostgreSQL connection string of the schema owner, e.g. \"Host=127.0.0.1;Database=spacebench;Username=spacebench\". Migrations run as it; requests run as spacebench_app / spacebench_operator.",
            Required = true,
            HelpName = "CONNECTION",
        };
        var url = new Option<string>("--url") { Description = "Where the HTTP API listens.", DefaultValueFactory = _ => "http://127.0.0.1:8450", HelpName = "URL" };
        var redis = new Option<string?>("--redis") { Description = "Redis for cluster membership (host:port); none: a single-machine cluster on localhost.", HelpName = "HOST:PORT" };
        var clusterId = new Option<string>("--cluster-id") { Description = "Orleans cluster id, the same for every node of the facility.", DefaultValueFactory = _ => "spacebench" };
        var siloPort = new Option<int>("--silo-port") { Description = "Orleans silo port (0: any free port).", DefaultValueFactory = _ => 11111 };
        var gatewayPort = new Option<int>("--gateway-port") { Description = "Orleans gateway port (0: any free port).", DefaultValueFactory = _ => 30000 };
        var ttl = new Option<int>("--lease-ttl") { Description = "Lease time to live in seconds (station hosts beat every third of it).", DefaultValueFactory = _ => 30, HelpName = "SECONDS" };
        var tokenFile = new Option<FileInfo?>("--admin-token-file") { Description = "On the first start, write the first admin's token here (readable by you only) instead of printing it.", HelpName = "FILE" };
        var command = new Command("serve", "Run a control node: the scheduler (an Orleans silo), the web console (/console) and the HTTP API (/api/v1, /openapi/v1.json). Passwords of the application roles come from SPACEBENCH_APP_PASSWORD, SPACEBENCH_OPERATOR_PASSWORD and SPACEBENCH_STATION_PASSWORD when set.")
        {
            database, url, redis, clusterId, siloPort, gatewayPort, ttl, tokenFile,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = new ControlNodeOptions
            {
                Database = parse.GetValue(database)!,
                AppPassword = Environment.GetEnvironmentVariable("SPACEBENCH_APP_PASSWORD"),
                OperatorPassword = Environment.GetEnvironmentVariable("SPACEBENCH_OPERATOR_PASSWORD"),
                StationPassword = Environment.GetEnvironmentVariable("SPACEBENCH_STATION_PASSWORD"),
                Url = parse.GetValue(url)!,
                Root = paths.Root,
                Cluster = new FacilityClusterOptions { Redis = parse.GetValue(redis), ClusterId = parse.GetValue(clusterId)!, SiloPort = parse.GetValue(siloPort), GatewayPort = parse.GetValue(gatewayPort) },
                Timings = new FacilityTimings { LeaseTimeToLive = TimeSpan.FromSeconds(Math.Max(3, parse.GetValue(ttl))) },
            };
            ControlNode node;
            try
            {
                node = await ControlNode.CreateAsync(options, TimeProvider.System, cancellationToken);
            }
            catch (Exception e) when (e is Npgsql.NpgsqlException or InvalidOperationException or ArgumentException)
            {
                console.MarkupLine("[red]Cannot start the control node:[/]");
                console.WriteLine(e.Message);
                return ExitCodes.UsageError;
            }

            await using (node)
            {
                if (node.AdminToken is { } token)
                {
                    if (parse.GetValue(tokenFile) is { } file)
                    {
                        await File.WriteAllTextAsync(file.FullName, token + "\n", cancellationToken);
                        if (!OperatingSystem.IsWindows())
                        {
                            File.SetUnixFileMode(file.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                        }
                        console.MarkupLineInterpolated($"First start: the admin's token is in {file.FullName}");
                    }
                    else
                    {
                        console.MarkupLineInterpolated($"First start: the admin's token (shown once) is [bold]{token}[/]");
                    }
                }

                await node.App.StartAsync(cancellationToken);
                console.MarkupLineInterpolated($"Control node listening on {node.Address} (console {new Uri(node.Address, "console/")}, API /api/v1, OpenAPI /openapi/v1.json); membership {(options.Cluster.Redis is null ? "localhost" : "Redis " + options.Cluster.Redis)}. Ctrl-C stops it.");
                try
                {
                    await Task.Delay(Timeout.InfiniteTimeSpan, TimeProvider.System, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    console.WriteLine("Stopping the control node.");
                }

                await node.App.StopAsync(CancellationToken.None);
            }

            return ExitCodes.Passed;
        });
        return command;
    }
}
