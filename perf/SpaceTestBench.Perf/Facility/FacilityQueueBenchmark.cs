using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Microsoft.Extensions.Hosting;
using Npgsql;
using SpaceTestBench.Cli;
using SpaceTestBench.Cli.Facility;
using SpaceTestBench.Facility.Api;
using SpaceTestBench.Facility.Campaigns;
using SpaceTestBench.Facility.Hosting;
using SpaceTestBench.Facility.Stations;
using SpaceTestBench.Facility.Tenancy;
using SpaceTestBench.Facility.Tests.Support;
using SpaceTestBench.Results.Progress;

namespace SpaceTestBench.Perf.Facility;

/// <summary>
/// Issue 17's facility figure: a queue of short real campaigns (the power-on feature, each a whole
/// <c>QualificationRun</c> on a simulated bench, report and run-folder archive included) from several
/// tenants, drained by the facility as deployed — its own PostgreSQL and Redis, a control node, two station
/// hosts sharing the stations — against the floor of the same campaigns run by the same executor with as
/// many at once as there are stations and no facility at all (no queue, scheduler, leases, ledger or
/// events): a perfect zero-overhead scheduler. The Ratio is the facility's drain time over the floor's.
/// After each drain it prints what the facility's users care about: scheduling delay (p50/p95 of placed −
/// submitted), idle eligible station-seconds while work waited, and each tenant's share of station time
/// (tenant 0 submits half the campaigns). Scale: SPACEBENCH_FACILITY_BENCH="stations campaigns tenants"
/// (default the issue's "100 1000 5"). Run:
/// <c>dotnet run -c Release --project perf/SpaceTestBench.Perf -- --filter '*FacilityQueue*'</c>.
/// Needs PostgreSQL and redis-server installed (started here in temporary folders on free loopback ports).
/// </summary>
[Config(typeof(Configuration))]
public class FacilityQueueBenchmark
{
    private readonly FacilityPaths _paths = FacilityPaths.Discover();
    private readonly string _scratch = Path.Combine(Path.GetTempPath(), "spacetestbench-perf", "facility-queue");
    private PostgresServer _postgres = null!;
    private RedisServer _redis = null!;
    private ControlNode _node = null!;
    private readonly List<Microsoft.Extensions.Hosting.IHost> _hosts = [];
    private readonly List<Caller> _tenants = [];
    private string _owner = null!;
    private int _stations;
    private int _campaigns;
    private int _tenantCount;
    private int _drains;
    private static int s_cleaned;

    /// <summary>The floor needs no facility: only the scale and a clean scratch folder.</summary>
    [GlobalSetup(Target = nameof(RunDirectly))]
    public void ReadScale()
    {
        var scale = (Environment.GetEnvironmentVariable("SPACEBENCH_FACILITY_BENCH") ?? "100 1000 5").Split(' ').Select(v => int.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        (_stations, _campaigns, _tenantCount) = (scale[0], scale[1], scale[2]);

        // Both benchmarks run in this process: clean once, so the second does not delete the first's run folders.
        if (Interlocked.Exchange(ref s_cleaned, 1) == 0)
        {
            if (Directory.Exists(_scratch))
            {
                Directory.Delete(_scratch, recursive: true);
            }

            Directory.CreateDirectory(_scratch);
        }
    }

    /// <summary>Starts the facility: PostgreSQL, Redis, a control node, two station hosts; waits for every station's first health check.</summary>
    [GlobalSetup(Target = nameof(DrainTheQueue))]
    public async Task StartFacilityAsync()
    {
        ReadScale();
        var tenantCount = _tenantCount;
        _postgres = await PostgresServer.StartAsync();
        _redis = await RedisServer.StartAsync();
        _owner = await _postgres.CreateDatabaseAsync();
        var url = $"http://127.0.0.1:{ExternalProcess.FreeLoopbackPort()}";
        _node = await ControlNode.CreateAsync(new ControlNodeOptions
        {
            Database = _owner,
            Url = url,
            Timings = new FacilityTimings { LeaseTimeToLive = TimeSpan.FromSeconds(30), SchedulerPeriod = TimeSpan.FromMilliseconds(250) },
            Cluster = new FacilityClusterOptions { Redis = _redis.Endpoint, ClusterId = $"perf-{Guid.NewGuid():N}" },
        }, TimeProvider.System, CancellationToken.None);
        await _node.App.StartAsync();

        using var http = new HttpClient { BaseAddress = new Uri(url) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _node.AdminToken);
        var cluster = (await http.GetFromJsonAsync<ClusterInfo>("api/v1/cluster", new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web)))!;
        for (var host = 0; host < 2; host++)
        {
            var stations = Enumerable.Range(0, _stations).Where(i => i % 2 == host)
                .Select(i => new StationBench($"perf-{i:D3}", Path.Combine(_paths.Root, "benches", "simulated-alternate.bench.json"))).ToList();
            var station = StationHost.Create(new StationHostOptions { Stations = stations, RunsRoot = Path.Combine(_scratch, "facility") }, cluster,
                new QualificationRunExecutor(_paths), TimeProvider.System);
            await station.StartAsync();
            _hosts.Add(station);
        }

        // Every station passes its first health check (a real power-on run) before it takes work.
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(60);
        while ((await _node.Facility.Stations.ListAsync(CancellationToken.None)).Count(s => s.Health == StationHealth.Good) < _stations)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The stations did not all pass their first health check within an hour.");
            }

            await Task.Delay(500);
        }

        for (var t = 0; t < tenantCount; t++)
        {
            var tenant = await _node.Facility.Tenants.CreateTenantAsync($"vendor-{t}", 1, "perf", CancellationToken.None);
            var user = await _node.Facility.Tenants.CreateUserAsync(tenant, $"engineer-{t}", FacilityRole.VendorEngineer, "perf", CancellationToken.None);
            _tenants.Add(new Caller(user, $"engineer-{t}", tenant, FacilityRole.VendorEngineer));
        }
    }

    /// <summary>Stops the facility and its servers.</summary>
    [GlobalCleanup(Target = nameof(DrainTheQueue))]
    public async Task StopFacilityAsync()
    {
        foreach (var host in _hosts)
        {
            await host.StopAsync();
            host.Dispose();
        }

        await _node.App.StopAsync();
        await _node.DisposeAsync();
        _redis.Dispose();
        await _postgres.DisposeAsync();
    }

    /// <summary>The floor: the same campaigns through the same executor, as many at once as there are stations, no facility.</summary>
    [Benchmark(Baseline = true)]
    public async Task<int> RunDirectly()
    {
        var executor = new QualificationRunExecutor(_paths);
        var bench = Path.Combine(_paths.Root, "benches", "simulated-alternate.bench.json");
        var folder = Path.Combine(_scratch, $"direct-{Interlocked.Increment(ref _drains)}");
        var passed = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, _campaigns), new ParallelOptions { MaxDegreeOfParallelism = _stations }, async (i, ct) =>
        {
            var outcome = await executor.ExecuteAsync(
                new CampaignExecution(bench, ["power/power-on.feature"], null, null, Path.Combine(folder, $"{i:D4}"), "perf", _ => { }, ProgressPipeline.None), ct);
            if (outcome.Verdict == "Pass")
            {
                Interlocked.Increment(ref passed);
            }
        });
        return passed;
    }

    /// <summary>The facility: submitted from the tenants (tenant 0 half of them), scheduled, leased, run on the station hosts, recorded.</summary>
    [Benchmark]
    public async Task<int> DrainTheQueue()
    {
        var start = DateTimeOffset.UtcNow;
        for (var i = 0; i < _campaigns; i++)
        {
            // Uneven demand: tenant 0 submits as much as all the others together.
            var tenant = i % 2 == 0 || _tenants.Count == 1 ? _tenants[0] : _tenants[1 + (i / 2 % (_tenants.Count - 1))];
            await _node.Facility.Campaigns.SubmitAsync(tenant, new CampaignRequest(["power/power-on.feature"], null, null, [$"SN-{i}"], ["DUT supply"], 0, TimeSpan.FromHours(1)),
                CancellationToken.None);
        }

        double idleStationSeconds = 0;
        var period = TimeSpan.FromMilliseconds(500);
        while (true)
        {
            var (queued, idle, open) = (await ScalarAsync("SELECT count(*) FROM campaigns WHERE state = 'queued'"),
                await ScalarAsync("SELECT count(*) FROM stations s WHERE state = 'available' AND health = 'good' AND NOT EXISTS (SELECT 1 FROM leases l WHERE l.station_id = s.id AND l.ended_at IS NULL)"),
                await ScalarAsync("SELECT count(*) FROM campaigns WHERE state IN ('queued', 'placed', 'running')"));
            if (queued > 0)
            {
                idleStationSeconds += idle * period.TotalSeconds;
            }

            if (open == 0)
            {
                break;
            }

            await Task.Delay(period);
        }

        var drain = DateTimeOffset.UtcNow - start;
        return await ReportAsync(start, drain, idleStationSeconds);
    }

    private async Task<int> ReportAsync(DateTimeOffset since, TimeSpan drain, double idleStationSeconds)
    {
        var rows = new List<(Guid Tenant, string State, double Delay, double Busy)>();
        await using (var connection = new NpgsqlConnection(_owner))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("""
                SELECT k.tenant_id, k.state, extract(epoch FROM k.placed_at - k.submitted_at)::float8, coalesce(extract(epoch FROM r.ended_at - r.started_at)::float8, 0)
                FROM campaigns k LEFT JOIN runs r ON r.campaign_id = k.id WHERE k.submitted_at >= @since
                """, connection);
            command.Parameters.AddWithValue("since", since.AddSeconds(-1));
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                rows.Add((reader.GetGuid(0), reader.GetString(1), reader.IsDBNull(2) ? double.NaN : reader.GetDouble(2), reader.GetDouble(3)));
            }
        }

        var delays = rows.Select(r => r.Delay).Where(d => !double.IsNaN(d)).Order().ToList();
        var busy = rows.Sum(r => r.Busy);
        var text = new System.Text.StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"// facility: {_stations} stations on 2 hosts, {rows.Count} power-on campaigns from {_tenants.Count} tenants (tenant 0 submits half)");
        text.AppendLine(CultureInfo.InvariantCulture, $"// drained in {drain.TotalSeconds:F1} s; states: {string.Join(", ", rows.GroupBy(r => r.State).Select(g => $"{g.Key} {g.Count()}"))}");
        text.AppendLine(CultureInfo.InvariantCulture, $"// scheduling delay (placed - submitted) p50 {Percentile(delays, 0.5):F1} s, p95 {Percentile(delays, 0.95):F1} s (nearest rank)");
        text.AppendLine(CultureInfo.InvariantCulture, $"// idle eligible station-seconds while work waited: {idleStationSeconds:F1} of {_stations * drain.TotalSeconds:F0} (sampled every 0.5 s)");
        foreach (var tenant in _tenants)
        {
            var mine = rows.Where(r => r.Tenant == tenant.Tenant).ToList();
            text.AppendLine(CultureInfo.InvariantCulture,
                $"//   {tenant.UserName}: {mine.Count} campaign(s), {100 * mine.Sum(r => r.Busy) / busy:F1} % of station time, median delay {Percentile(mine.Select(r => r.Delay).Where(d => !double.IsNaN(d)).Order().ToList(), 0.5):F1} s");
        }

        Console.Write(text);
        await File.AppendAllTextAsync(Path.Combine(Path.GetDirectoryName(_scratch)!, "facility-queue-figures.txt"), text.ToString());
        if (rows.Count != _campaigns || rows.Any(r => r.State is not ("passed" or "failed" or "aborted")))
        {
            throw new InvalidOperationException($"The queue did not drain: {rows.Count} of {_campaigns} campaigns, states {string.Join(", ", rows.Select(r => r.State).Distinct())}.");
        }

        return rows.Count(r => r.State == "passed");
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_owner);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private sealed class Configuration : ManualConfig
    {
        public Configuration()
        {
            // Monitoring: each invocation drains a whole queue (minutes), measured once per iteration, no pilot stage;
            // in-process so the floor and the facility share the machine and the JIT (with a timeout for drains of
            // many minutes: the default in-process limit is five). One iteration each by default.
            var iterations = int.Parse(Environment.GetEnvironmentVariable("SPACEBENCH_FACILITY_ITERATIONS") ?? "1", CultureInfo.InvariantCulture);
            AddJob(Job.Default.WithStrategy(RunStrategy.Monitoring).WithLaunchCount(1).WithWarmupCount(0).WithIterationCount(iterations)
                .WithToolchain(new InProcessEmitToolchain(TimeSpan.FromHours(3), logOutput: true)));
        }
    }
}
