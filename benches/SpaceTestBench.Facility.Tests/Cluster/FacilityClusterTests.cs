using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using SpaceTestBench.Cli;
using SpaceTestBench.Cli.Facility;
using SpaceTestBench.Facility.Campaigns;
using SpaceTestBench.Facility.Cluster;
using SpaceTestBench.Facility.Hosting;
using SpaceTestBench.Facility.Leasing;
using SpaceTestBench.Facility.Stations;
using SpaceTestBench.Facility.Store;
using SpaceTestBench.Facility.Tenancy;
using SpaceTestBench.Facility.Tests.Support;
using SpaceTestBench.Results.Progress;
using SpaceTestBench.Results.Store;
using SpaceTestBench.Testing;

namespace SpaceTestBench.Facility.Tests.Cluster;

/// <summary>
/// One control node and two station hosts in Orleans' in-process test cluster, with the
/// test's own PostgreSQL, and campaigns run through <c>spacebench run</c>'s code path on the simulated benches.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class FacilityClusterTests
{
    private const string KilledStation = "host-a-bench";
    private const string LiveStation = "host-b-bench";
    // 6 s, not 3: a heartbeat delayed by a loaded CI machine's pauses (a stalled thread pool was seen for 1.2 s) must not lose a live lease (see RedisClusterTests).
    private static readonly FacilityTimings Timings = new() { LeaseTimeToLive = TimeSpan.FromSeconds(6), SchedulerPeriod = TimeSpan.FromMilliseconds(200) };

    private FacilityWorld world = null!;
    private InProcessTestCluster cluster = null!;
    private FacilityServices facility = null!;
    private string runs = null!;
    private readonly Dictionary<string, int> roles = [];

    [OneTimeSetUp]
    public async Task SetUpAsync()
    {
        world = await FacilityWorld.CreateAsync();
        // Real time here: the silos, the heartbeats and the runs all live on the wall clock.
        facility = new FacilityServices(world.Database, TimeProvider.System, Timings);
        var tenant = await FacilityTenant.EnsureAsync(facility.Tenants, CancellationToken.None);
        runs = TestRepository.ScratchFolder("facility-cluster");
        var executor = new QualificationRunExecutor(new FacilityPaths(TestRepository.Root));
        var builder = new InProcessTestClusterBuilder(3);
        builder.Options.InitializeClientOnDeploy = false;
        builder.ConfigureSilo((silo, siloBuilder) =>
        {
            // The test cluster's own membership (Redis membership is exercised by ControlNodeApiTests).
            siloBuilder.AddFacility(facility, new FacilityClusterOptions { ConfigureMembership = false, ProbeTimeout = TimeSpan.FromSeconds(1) });
            // Silos are configured in the order they start: the first is the control node, then the two station hosts.
            lock (roles)
            {
                if (!roles.TryGetValue(silo.SiloName, out var role))
                {
                    roles[silo.SiloName] = role = roles.Count;
                }

                if (role == 0)
                {
                    siloBuilder.AddControlNode(tenant);
                }
                else
                {
                    var (id, bench) = role == 1 ? (KilledStation, "benches/simulated.bench.json") : (LiveStation, "benches/simulated-alternate.bench.json");
                    siloBuilder.AddStationHost(new StationHostOptions { Stations = [new StationBench(id, TestRepository.Path(bench))], RunsRoot = runs }, executor);
                }
            }
        });
        cluster = builder.Build();
        await cluster.DeployAsync();

        // Both stations register, are checked by a real power-on run, and become good.
        await Poll.UntilAsync(async () => (await facility.Stations.ListAsync(CancellationToken.None)).Count(s => s.Health == StationHealth.Good) == 2,
            "both stations to pass their first health check");
    }

    [OneTimeTearDown]
    public async Task TearDownAsync()
    {
        if (cluster is not null)
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }

        if (world is not null)
        {
            await world.DisposeAsync();
        }
    }

    [Test, Order(1)]
    public async Task A_submitted_campaign_runs_on_an_eligible_station_and_its_tenant_gets_the_report()
    {
        var campaign = await world.Campaigns.SubmitAsync(world.Acme,
            new CampaignRequest(["power/power-on.feature"], "@power", null, ["SN-0001"], ["DUT supply"], 0, TimeSpan.FromHours(1)), CancellationToken.None);

        await Poll.UntilAsync(async () => (await world.Campaigns.FindAsync(world.Acme, campaign.Id, CancellationToken.None))!.Ended, "the campaign to end");

        var ended = (await world.Campaigns.FindAsync(world.Acme, campaign.Id, CancellationToken.None))!;
        Assert.That(ended.State, Is.EqualTo(CampaignState.Passed));
        var run = (await world.Campaigns.RunsAsync(world.Acme, campaign.Id, CancellationToken.None)).Single();
        Assert.That((run.State, run.Verdict), Is.EqualTo(("finished", "Pass")));
        Assert.That(File.Exists(Path.Combine(run.Folder, "report.html")), Is.True, "the run folder has spacebench run's report");
        var archive = await world.Database.InTenantAsync(world.Acme.Tenant, (c, t) =>
            Sql.ScalarAsync<byte[]>(c, t, "SELECT archive FROM runs WHERE id = @id", CancellationToken.None, ("id", run.Id)), CancellationToken.None);
        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(archive));
        Assert.That(zip.Entries.Select(e => e.FullName), Does.Contain("report.html").And.Contain("results.sqlite"));
        var events = await world.Database.InTenantAsync(world.Acme.Tenant, (c, t) =>
            Sql.ListAsync(c, t, "SELECT kind, text FROM campaign_events WHERE campaign_id = @id ORDER BY id", r => (Kind: r.GetString(0), Text: r.GetString(1)), CancellationToken.None, ("id", campaign.Id)), CancellationToken.None);
        Assert.That(events.Where(e => e.Kind == "progress").Select(e => e.Text), Has.Some.Contains("Supply current at 100 % of nominal voltage"), "the run's console lines reached the tenant");
        Assert.That(events.Select(e => e.Kind).Distinct(), Is.SupersetOf(new[] { "placed", "run-started", "progress", "snapshot", "measurements", "run-finished" }));

        // The typed events agree with the run's own store: the last snapshot is the picture spacebench status reads, and every measurement is there.
        var snapshots = events.Where(e => e.Kind == "snapshot").Select(e => ProgressSnapshotJson.Deserialize(e.Text, "snapshot event")).ToList();
        var stored = ProgressStore.Read(run.Folder)!.Value.Snapshot;
        Assert.That(snapshots[^1].Finished?.Verdict, Is.EqualTo(Results.Verdict.Pass));
        Assert.That((snapshots[^1].Scenarios, snapshots[^1].ScenarioName, snapshots[^1].Verdicts[Results.Verdict.Pass]),
            Is.EqualTo((stored.Scenarios, stored.ScenarioName, stored.Verdicts[Results.Verdict.Pass])));
        // A periodic snapshot (≤ 1/s) may also go out before the first scenario starts (scenario 0) when the run's start takes over a second.
        Assert.That(snapshots.Select(s => s.ScenarioNumber).Where(n => n > 0).Distinct(), Is.EquivalentTo(Enumerable.Range(1, stored.Scenarios)), "a snapshot at every scenario's start");
        var measurements = events.Where(e => e.Kind == "measurements").SelectMany(e => System.Text.Json.JsonDocument.Parse(e.Text).RootElement.EnumerateArray()).ToList();
        var recorded = ResultStoreReader.Read(run.Folder).Measurements;
        Assert.That(measurements, Has.Count.EqualTo(recorded.Count).And.Count.GreaterThan(0));
        Assert.That(measurements.Select(m => (m.GetProperty("name").GetString(), m.GetProperty("value").GetDouble(), m.GetProperty("verdict").GetString())),
            Is.EquivalentTo(recorded.Select(m => (m.Name, m.Value.Value, m.Verdict.ToString()))));
        Assert.That(measurements.Select(m => m.GetProperty("scenario").GetInt32()), Is.All.InRange(1, stored.Scenarios));
    }

    [Test, Order(2)]
    public async Task A_stale_fencing_number_is_refused_one_thousand_commands_none_executed()
    {
        var grains = cluster.GetSiloServiceProvider(cluster.Silos.Single(s => roles[s.Name] == 0).SiloAddress).GetRequiredService<IGrainFactory>();
        var station = grains.GetGrain<IStationGrain>(LiveStation);
        var before = await station.StatusAsync();
        var stale = (await facility.Stations.FindAsync(LiveStation, CancellationToken.None))!.Fencing;
        Assert.That(await world.Leases.CurrentAsync(LiveStation, CancellationToken.None), Is.Null.Or.Matches<Lease>(l => l.Fencing > stale),
            "the number used must belong to a lease that is over");

        var executed = 0;
        for (var i = 0; i < 1000; i++)
        {
            executed += await station.CancelAsync(stale) ? 1 : 0;
        }

        var after = await station.StatusAsync();
        Assert.That(executed, Is.Zero);
        Assert.That(after.RefusedCommands - before.RefusedCommands, Is.EqualTo(1000));
        Assert.That(after.ExecutedCommands, Is.EqualTo(before.ExecutedCommands));
    }

    [Test, Order(3)]
    public async Task Killing_a_station_host_mid_campaign_expires_its_lease_aborts_its_run_and_the_station_is_health_checked_before_any_other_lease()
    {
        // The thermal suites (many chamber cycles; the samples they take: one for cycling, one for thermal vacuum, a lot of
        // five for each TM 1010 condition), and a role only the first host's bench offers: a campaign that really runs on
        // the station about to die, for many times longer than it takes to kill it.
        var campaign = await world.Campaigns.SubmitAsync(world.Orbital,
            new CampaignRequest(["thermal"], null, null, [.. Enumerable.Range(2, 12).Select(n => $"SN-{n:0000}")], ["particle beam"], 0, TimeSpan.FromHours(1)), CancellationToken.None);
        // Mid-campaign: past the run's pre-flight checks (which refuse a campaign at once, ending it before any kill) and
        // at the bench, as the snapshot published at the first scenario's start shows.
        await Poll.UntilAsync(async () => (await EventsAsync(world.Orbital, campaign.Id)).Any(e => e.Kind == "snapshot" && ProgressSnapshotJson.Deserialize(e.Text, "snapshot event").ScenarioNumber >= 1)
            || (await world.Campaigns.FindAsync(world.Orbital, campaign.Id, CancellationToken.None))!.Ended, "the run to reach its first scenario");
        var before = await EventsAsync(world.Orbital, campaign.Id);
        Assert.That((await world.Campaigns.FindAsync(world.Orbital, campaign.Id, CancellationToken.None))!.State, Is.EqualTo(CampaignState.Running),
            $"the campaign ended before the kill: {string.Join(" | ", before.Where(e => e.Kind != "snapshot").Select(e => e.Text))}");
        var lease = (await world.Leases.CurrentAsync(KilledStation, CancellationToken.None))!;
        var host = cluster.Silos.Single(s => roles[s.Name] == 1);
        var runner = cluster.GetSiloServiceProvider(host.SiloAddress).GetRequiredService<StationRunner>();
        Assert.That(runner.Status(KilledStation).Busy, Is.True);

        await cluster.KillSiloAsync(host);
        var killedAt = TimeProvider.System.GetUtcNow();

        // The run lives and dies with its host: nothing of it goes on driving the bench once the host is gone.
        Assert.That(runner.Status(KilledStation).Busy, Is.False, "the killed host's run went on");
        await Poll.UntilAsync(async () => (await world.Campaigns.FindAsync(world.Orbital, campaign.Id, CancellationToken.None))!.Ended, "the campaign to end");
        Assert.That((await world.Campaigns.FindAsync(world.Orbital, campaign.Id, CancellationToken.None))!.State, Is.EqualTo(CampaignState.Aborted));
        var ended = await world.Database.AsOperatorAsync((c, t) => Sql.ListAsync(c, t, "SELECT expires_at, ended_at, end_reason FROM leases WHERE id = @id",
            r => (Expires: r.GetFieldValue<DateTimeOffset>(0), Ended: r.GetFieldValue<DateTimeOffset>(1), Reason: r.GetString(2)), CancellationToken.None, ("id", lease.Id)), CancellationToken.None);
        Assert.That(ended.Single().Reason, Is.EqualTo("expired"));
        // Its last heartbeat came before the kill, so the lease reads as expired at most one time to live after it.
        Assert.That(ended.Single().Expires, Is.LessThanOrEqualTo(killedAt + Timings.LeaseTimeToLive));
        Assert.That((await world.Campaigns.RunsAsync(world.Orbital, campaign.Id, CancellationToken.None)).Single().State, Is.EqualTo("aborted"));
        var station = (await facility.Stations.FindAsync(KilledStation, CancellationToken.None))!;
        Assert.That(station.Health, Is.EqualTo(StationHealth.Unknown));

        // More work that fits the dead host's station waits: nothing but a health check may lease it.
        await world.Campaigns.SubmitAsync(world.Acme, new CampaignRequest(["power/power-on.feature"], null, null, ["SN-0003"], ["particle beam"], 0, TimeSpan.FromHours(1)), CancellationToken.None);
        // Until the scheduler has acted on the dead host's station: membership declares the host dead (the station goes
        // Offline), or, while it has not yet (its probes are inconclusive while this one process, all three silos, is
        // starved of CPU), the scheduler leases the station for a health check that cannot reach it and is undone.
        Task<List<string>> LaterLeasesAsync() => world.Database.AsOperatorAsync((c, t) => Sql.ListAsync(c, t, "SELECT purpose FROM leases WHERE station_id = @s AND granted_at > @t",
            r => r.GetString(0), CancellationToken.None, ("s", KilledStation), ("t", ended.Single().Ended)), CancellationToken.None);
        await Poll.UntilAsync(async () => (await facility.Stations.FindAsync(KilledStation, CancellationToken.None))!.State == StationState.Offline || (await LaterLeasesAsync()).Count > 0,
            "membership to declare the host dead or the scheduler to lease its station");
        Assert.That(await LaterLeasesAsync(), Is.All.EqualTo("health-check"));
    }

    private Task<List<(string Kind, string Text)>> EventsAsync(Caller tenant, Guid campaign) =>
        world.Database.InTenantAsync(tenant.Tenant, (c, t) => Sql.ListAsync(c, t, "SELECT kind, text FROM campaign_events WHERE campaign_id = @id ORDER BY id",
            r => (Kind: r.GetString(0), Text: r.GetString(1)), CancellationToken.None, ("id", campaign)), CancellationToken.None);
}
