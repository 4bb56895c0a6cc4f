using System.Globalization;
using Orleans.TestingHost;
using SpaceTestBench.Cli;
using SpaceTestBench.Cli.Facility;
using SpaceTestBench.Facility.Campaigns;
using SpaceTestBench.Facility.Hosting;
using SpaceTestBench.Facility.Stations;
using SpaceTestBench.Facility.Store;
using SpaceTestBench.Facility.Tenancy;
using SpaceTestBench.Facility.Tests.Support;
using SpaceTestBench.Testing;

namespace SpaceTestBench.Facility.Tests.Benchmarks;

/// <summary>
/// Drains a queue of short real campaigns (power-on, through spacebench run's code path) from several
/// tenants over simulated stations on two station hosts, and prints what the facility's users care about:
/// time to drain, scheduling delay (p50/p95), idle eligible stations while work waited, each tenant's share.
/// A measurement, not a test: it asserts only that every campaign ended. Explicit; scale it with
/// SPACEBENCH_FACILITY_BENCH="stations campaigns tenants" (the issue's figure is "100 1000 5").
/// </summary>
[TestFixture]
[Explicit("A benchmark: minutes of CPU. Run with --filter FullyQualifiedName~FacilityQueueBenchmark.")]
[Category("Benchmark")]
public sealed class FacilityQueueBenchmark
{
    [Test]
    public async Task Drain_a_queue_of_power_on_campaigns_from_several_tenants()
    {
        var scale = (Environment.GetEnvironmentVariable("SPACEBENCH_FACILITY_BENCH") ?? "10 60 5").Split(' ').Select(v => int.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        var (stationCount, campaignCount, tenantCount) = (scale[0], scale[1], scale[2]);
        await using var world = await FacilityWorld.CreateAsync();
        var facility = new FacilityServices(world.Database, TimeProvider.System, new FacilityTimings { LeaseTimeToLive = TimeSpan.FromSeconds(30), SchedulerPeriod = TimeSpan.FromMilliseconds(250) });
        var facilityTenant = await FacilityTenant.EnsureAsync(facility.Tenants, CancellationToken.None);
        var runs = TestRepository.ScratchFolder("facility-benchmark");
        var executor = new QualificationRunExecutor(new FacilityPaths(TestRepository.Root));
        var roles = new Dictionary<string, int>();
        var builder = new InProcessTestClusterBuilder(3);
        builder.Options.InitializeClientOnDeploy = false;
        builder.ConfigureSilo((silo, siloBuilder) =>
        {
            siloBuilder.AddFacility(facility, new FacilityClusterOptions { ConfigureMembership = false });
            lock (roles)
            {
                var role = roles.TryGetValue(silo.SiloName, out var known) ? known : roles[silo.SiloName] = roles.Count;
                if (role == 0)
                {
                    siloBuilder.AddControlNode(facilityTenant);
                    return;
                }

                var stations = Enumerable.Range(0, stationCount).Where(i => i % 2 == role - 1)
                    .Select(i => new StationBench($"perf-{i:D3}", TestRepository.Path("benches/simulated-alternate.bench.json"))).ToList();
                siloBuilder.AddStationHost(new StationHostOptions { Stations = stations, RunsRoot = runs }, executor);
            }
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        try
        {
            await WaitAsync(async () => (await facility.Stations.ListAsync(CancellationToken.None)).Count(s => s.Health == StationHealth.Good) == stationCount, TimeSpan.FromMinutes(30));
            var tenants = new List<Caller>();
            for (var t = 0; t < tenantCount; t++)
            {
                tenants.Add(await world.NewUserAsync($"vendor-{t}", $"engineer-{t}", FacilityRole.VendorEngineer));
            }

            var start = TimeProvider.System.GetTimestamp();
            for (var i = 0; i < campaignCount; i++)
            {
                // Uneven demand: tenant 0 submits as much as all the others together.
                var tenant = i % 2 == 0 ? tenants[0] : tenants[1 + (i / 2 % (tenantCount - 1))];
                await facility.Campaigns.SubmitAsync(tenant, new CampaignRequest(["power/power-on.feature"], null, null, [$"SN-{i}"], ["DUT supply"], 0, TimeSpan.FromHours(1)), CancellationToken.None);
            }

            double idleStationSeconds = 0;
            var period = TimeSpan.FromMilliseconds(500);
            while (true)
            {
                var (queued, idle, open) = await world.Database.AsOperatorAsync(async (c, t) => (
                    await Sql.ScalarAsync<long>(c, t, "SELECT count(*) FROM campaigns WHERE state = 'queued'", CancellationToken.None),
                    await Sql.ScalarAsync<long>(c, t, "SELECT count(*) FROM stations s WHERE state = 'available' AND health = 'good' AND NOT EXISTS (SELECT 1 FROM leases l WHERE l.station_id = s.id AND l.ended_at IS NULL)", CancellationToken.None),
                    await Sql.ScalarAsync<long>(c, t, "SELECT count(*) FROM campaigns WHERE state IN ('queued', 'placed', 'running')", CancellationToken.None)), CancellationToken.None);
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

            var drain = TimeProvider.System.GetElapsedTime(start);
            var rows = await world.Database.AsOperatorAsync((c, t) => Sql.ListAsync(c, t, """
                SELECT k.tenant_id, k.state, extract(epoch FROM k.placed_at - k.submitted_at), extract(epoch FROM r.ended_at - r.started_at)
                FROM campaigns k LEFT JOIN runs r ON r.campaign_id = k.id
                """, r => (Tenant: r.GetGuid(0), State: r.GetString(1), Delay: r.IsDBNull(2) ? double.NaN : Convert.ToDouble(r.GetValue(2), CultureInfo.InvariantCulture),
                Busy: r.IsDBNull(3) ? 0 : Convert.ToDouble(r.GetValue(3), CultureInfo.InvariantCulture)), CancellationToken.None), CancellationToken.None);
            var delays = rows.Select(r => r.Delay).Where(d => !double.IsNaN(d)).Order().ToList();
            var busy = rows.Sum(r => r.Busy);
            TestContext.Out.WriteLine($"{stationCount} stations on 2 hosts, {campaignCount} power-on campaigns from {tenantCount} tenants (tenant 0 submits half)");
            TestContext.Out.WriteLine($"drained in {drain.TotalSeconds:F1} s; states: {string.Join(", ", rows.GroupBy(r => r.State).Select(g => $"{g.Key} {g.Count()}"))}");
            TestContext.Out.WriteLine($"scheduling delay p50 {Percentile(delays, 0.5):F1} s, p95 {Percentile(delays, 0.95):F1} s");
            TestContext.Out.WriteLine($"idle eligible station-seconds while work waited: {idleStationSeconds:F1} (of {stationCount * drain.TotalSeconds:F0} station-seconds)");
            foreach (var tenant in tenants)
            {
                var mine = rows.Where(r => r.Tenant == tenant.Tenant).ToList();
                TestContext.Out.WriteLine($"  {tenant.UserName}: {mine.Count} campaign(s), {100 * mine.Sum(r => r.Busy) / busy:F1} % of station time, median delay {Percentile(mine.Select(r => r.Delay).Where(d => !double.IsNaN(d)).Order().ToList(), 0.5):F1} s");
            }

            Assert.That(rows.All(r => r.State is "passed" or "failed" or "aborted"), Is.True);
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }

    private static double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private static async Task WaitAsync(Func<Task<bool>> condition, TimeSpan patience)
    {
        var deadline = TimeProvider.System.GetUtcNow() + patience;
        while (!await condition())
        {
            Assert.That(TimeProvider.System.GetUtcNow(), Is.LessThan(deadline), "stations did not become healthy");
            await Task.Delay(TimeSpan.FromMilliseconds(500));
        }
    }
}
