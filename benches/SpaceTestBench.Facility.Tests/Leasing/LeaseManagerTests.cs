using SpaceTestBench.Facility.Campaigns;
using SpaceTestBench.Facility.Leasing;
using SpaceTestBench.Facility.Stations;
using SpaceTestBench.Facility.Store;
using SpaceTestBench.Facility.Tests.Support;

namespace SpaceTestBench.Facility.Tests.Leasing;

[TestFixture]
public sealed class LeaseManagerTests
{
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(30);
    private FacilityWorld world = null!;
    private int stations;

    [OneTimeSetUp]
    public async Task SetUpAsync() => world = await FacilityWorld.CreateAsync();

    [OneTimeTearDown]
    public async Task TearDownAsync()
    {
        if (world is not null)
        {
            await world.DisposeAsync();
        }
    }

    private async Task<string> NewStationAsync()
    {
        var id = $"lease-station-{++stations}";
        await world.RegisterHealthyStationAsync(id);
        return id;
    }

    [Test]
    public async Task A_station_has_one_lease_at_a_time_and_each_lease_a_higher_fencing_number()
    {
        var station = await NewStationAsync();
        var first = await world.Leases.TryAcquireAsync(station, world.Acme.Tenant, "ada", LeasePurpose.Reservation, Ttl, null, null, CancellationToken.None);
        Assert.That(first, Is.Not.Null);
        Assert.That(await world.Leases.TryAcquireAsync(station, world.Orbital.Tenant, "otto", LeasePurpose.Reservation, Ttl, null, null, CancellationToken.None), Is.Null);
        Assert.That((await world.Stations.FindAsync(station, CancellationToken.None))!.State, Is.EqualTo(StationState.Leased));

        Assert.That(await world.Leases.ReleaseAsync(first!.Id, "ada", CancellationToken.None), Is.True);
        var second = await world.Leases.TryAcquireAsync(station, world.Orbital.Tenant, "otto", LeasePurpose.Reservation, Ttl, null, null, CancellationToken.None);
        Assert.That(second!.Fencing, Is.GreaterThan(first.Fencing));
    }

    [Test]
    public async Task A_heartbeat_keeps_a_lease_alive_and_without_one_it_expires_after_its_time_to_live()
    {
        var station = await NewStationAsync();
        var lease = (await world.Leases.TryAcquireAsync(station, world.Acme.Tenant, "ada", LeasePurpose.Reservation, Ttl, null, null, CancellationToken.None))!;
        for (var i = 0; i < 5; i++)
        {
            world.Clock.Advance(Ttl / 2);
            Assert.That(await world.Leases.HeartbeatAsync(lease.Id, lease.Fencing, CancellationToken.None), Is.True);
            Assert.That(await world.Leases.ExpireAsync(CancellationToken.None), Has.None.Matches<ExpiredLease>(e => e.Lease.Id == lease.Id));
        }

        world.Clock.Advance(Ttl);
        Assert.That(await world.Leases.HeartbeatAsync(lease.Id, lease.Fencing, CancellationToken.None), Is.False, "a heartbeat after expiry revived the lease");
        Assert.That(await world.Leases.ExpireAsync(CancellationToken.None), Has.One.Matches<ExpiredLease>(e => e.Lease.Id == lease.Id));
        Assert.That(await world.Leases.CurrentAsync(station, CancellationToken.None), Is.Null);
    }

    [Test]
    public async Task The_blocking_heartbeat_keeps_a_lease_alive_and_is_refused_after_expiry_as_the_awaited_one_is()
    {
        var station = await NewStationAsync();
        var lease = (await world.Leases.TryAcquireAsync(station, world.Acme.Tenant, "ada", LeasePurpose.Reservation, Ttl, null, null, CancellationToken.None))!;
        world.Clock.Advance(Ttl / 2);
        Assert.That(world.Leases.Heartbeat(lease.Id, lease.Fencing), Is.True);
        world.Clock.Advance(Ttl / 2 + Ttl / 4);
        Assert.That(await world.Leases.ExpireAsync(CancellationToken.None), Has.None.Matches<ExpiredLease>(e => e.Lease.Id == lease.Id), "the beat extended the lease");
        Assert.That(world.Leases.Heartbeat(lease.Id, lease.Fencing + 1), Is.False, "another fencing number");
        world.Clock.Advance(Ttl);
        Assert.That(world.Leases.Heartbeat(lease.Id, lease.Fencing), Is.False, "a heartbeat after expiry revived the lease");
    }

    [Test, NonParallelizable]
    public void The_blocking_heartbeat_goes_through_while_the_thread_pool_is_saturated()
    {
        // What a station host's pool looks like while a campaign's work fills it: every pool thread busy, more work
        // queued. A station host beats on a thread of its own with the blocking call, which needs no pool thread
        // (an awaited call's I/O completion may wait behind the queue: a healthy run aborted so under CI load).
        var station = NewStationAsync().GetAwaiter().GetResult();
        var lease = world.Leases.TryAcquireAsync(station, world.Acme.Tenant, "ada", LeasePurpose.Reservation, Ttl, null, null, CancellationToken.None).GetAwaiter().GetResult()!;
        var release = new ManualResetEventSlim(); // not disposed: queued items still wait on it after the test
        ThreadPool.GetMinThreads(out var workers, out _);
        for (var i = 0; i < workers * 20 + 200; i++)
        {
            ThreadPool.UnsafeQueueUserWorkItem(_ => release.Wait(TimeSpan.FromSeconds(30)), null);
        }

        try
        {
            bool? blocking = null;
            var beater = new Thread(() => blocking = world.Leases.Heartbeat(lease.Id, lease.Fencing)) { IsBackground = true };
            beater.Start();
            Assert.That(beater.Join(TimeSpan.FromSeconds(10)), Is.True, "the blocking heartbeat waited for the saturated pool");
            Assert.That(blocking, Is.True);
        }
        finally
        {
            release.Set();
        }
    }

    [Test]
    public async Task An_expired_lease_aborts_its_run_and_the_station_takes_no_lease_before_a_health_check_passes()
    {
        var station = await NewStationAsync();
        var campaign = await world.Campaigns.SubmitAsync(world.Acme, new CampaignRequest(["power"], null, null, ["SN-7"], ["DUT supply"], 0, TimeSpan.FromHours(1)), CancellationToken.None);
        var lease = (await world.Leases.TryAcquireAsync(station, world.Acme.Tenant, "scheduler", LeasePurpose.Campaign, Ttl, campaign.Id, null, CancellationToken.None))!;
        var run = Guid.NewGuid();
        await world.Database.AsOperatorAsync((c, t) => Sql.ExecuteAsync(c, t, """
            INSERT INTO runs (id, tenant_id, campaign_id, station_id, fencing, folder, instruments, state, started_at)
            VALUES (@id, @tenant, @campaign, @station, @fencing, '/tmp/run', '{}', 'running', @now)
            """, CancellationToken.None, ("id", run), ("tenant", world.Acme.Tenant), ("campaign", campaign.Id), ("station", station), ("fencing", lease.Fencing), ("now", world.Clock.GetUtcNow())), CancellationToken.None);
        await world.Database.AsOperatorAsync((c, t) => Sql.ExecuteAsync(c, t, "UPDATE campaigns SET state = 'running' WHERE id = @id", CancellationToken.None, ("id", campaign.Id)), CancellationToken.None);

        world.Clock.Advance(Ttl + TimeSpan.FromSeconds(1));
        var expired = await world.Leases.ExpireAsync(CancellationToken.None);

        Assert.That(expired.Single(e => e.Lease.Id == lease.Id).AbortedRuns, Is.EqualTo(new[] { run }));
        Assert.That((await world.Campaigns.FindAsync(world.Acme, campaign.Id, CancellationToken.None))!.State, Is.EqualTo(CampaignState.Aborted));
        Assert.That((await world.Campaigns.RunsAsync(world.Acme, campaign.Id, CancellationToken.None)).Single().State, Is.EqualTo("aborted"));
        var after = (await world.Stations.FindAsync(station, CancellationToken.None))!;
        Assert.That((after.State, after.Health), Is.EqualTo((StationState.Available, StationHealth.Unknown)));
        Assert.That(await world.Leases.TryAcquireAsync(station, world.Orbital.Tenant, "otto", LeasePurpose.Reservation, Ttl, null, null, CancellationToken.None), Is.Null,
            "a station whose run was aborted was leased before a health check");
        Assert.That(await world.Leases.TryAcquireAsync(station, world.Operator.Tenant, "health-check", LeasePurpose.HealthCheck, Ttl, null, null, CancellationToken.None), Is.Not.Null);
    }

    [Test]
    public async Task A_run_whose_lease_is_past_its_expiry_can_neither_finish_its_campaign_nor_add_to_its_events_before_the_sweeper_aborts_it()
    {
        // A zombie: the host was paused or cut off past its lease's time to live, and wakes before the sweeper's next tick.
        var station = await NewStationAsync();
        var ledger = new RunLedger(world.Database, world.Clock);
        var campaign = await world.Campaigns.SubmitAsync(world.Acme, new CampaignRequest(["power"], null, null, ["SN-8"], ["DUT supply"], 0, TimeSpan.FromHours(1)), CancellationToken.None);
        var lease = (await world.Leases.TryAcquireAsync(station, world.Acme.Tenant, "scheduler", LeasePurpose.Campaign, Ttl, campaign.Id, null, CancellationToken.None))!;
        await world.Database.AsOperatorAsync((c, t) => Sql.ExecuteAsync(c, t, "UPDATE campaigns SET state = 'placed', station_id = @s WHERE id = @id",
            CancellationToken.None, ("s", station), ("id", campaign.Id)), CancellationToken.None);
        var run = (await ledger.StartRunAsync(world.Acme.Tenant, campaign.Id, station, lease.Fencing, "/tmp/zombie-run", CancellationToken.None))!.Value;
        Assert.That(await ledger.EventAsync(world.Acme.Tenant, campaign.Id, station, lease.Fencing, "progress", "Given a fresh sample of the DUT is mounted", CancellationToken.None), Is.True,
            "the live lease's run was refused an event");

        world.Clock.Advance(Ttl + TimeSpan.FromSeconds(1));

        Assert.That(await ledger.EventAsync(world.Acme.Tenant, campaign.Id, station, lease.Fencing, "progress", "When the DUT supply output is switched on", CancellationToken.None), Is.False);
        Assert.That(await ledger.FinishRunAsync(run, "Pass", 0, [1, 2, 3], "/tmp/zombie-run/report.html", CancellationToken.None), Is.False);
        Assert.That((await world.Campaigns.FindAsync(world.Acme, campaign.Id, CancellationToken.None))!.State, Is.EqualTo(CampaignState.Running), "the expired lease's run completed its campaign");
        var progress = await world.Database.AsOperatorAsync((c, t) => Sql.ListAsync(c, t, "SELECT text FROM campaign_events WHERE campaign_id = @id AND kind = 'progress'",
            r => r.GetString(0), CancellationToken.None, ("id", campaign.Id)), CancellationToken.None);
        Assert.That(progress, Is.EqualTo(new[] { "Given a fresh sample of the DUT is mounted" }));

        var expired = await world.Leases.ExpireAsync(CancellationToken.None);
        Assert.That(expired.Single(e => e.Lease.Id == lease.Id).AbortedRuns, Is.EqualTo(new[] { run }));
        Assert.That((await world.Campaigns.FindAsync(world.Acme, campaign.Id, CancellationToken.None))!.State, Is.EqualTo(CampaignState.Aborted));
        Assert.That(await ledger.FinishRunAsync(run, "Pass", 0, [1, 2, 3], "/tmp/zombie-run/report.html", CancellationToken.None), Is.False);
    }
}
