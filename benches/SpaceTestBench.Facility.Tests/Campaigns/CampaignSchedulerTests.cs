using SpaceTestBench.Facility.Campaigns;
using SpaceTestBench.Facility.Leasing;
using SpaceTestBench.Facility.Stations;
using SpaceTestBench.Facility.Store;
using SpaceTestBench.Facility.Tests.Support;

namespace SpaceTestBench.Facility.Tests.Campaigns;

[TestFixture]
public sealed class CampaignSchedulerTests
{
    private static readonly HashSet<string> Live = ["test-silo"];
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(30);

    private static CampaignRequest Request(string sample, int priority = 0, double hours = 1, params string[] roles) =>
        new(["power"], null, null, [sample], roles, priority, TimeSpan.FromHours(hours));

    [Test]
    public async Task Higher_priority_goes_first_and_at_equal_priority_the_tenant_using_less_of_its_share()
    {
        await using var world = await FacilityWorld.CreateAsync();
        var scheduler = new CampaignScheduler(world.Database, world.Leases, world.Clock);
        await world.RegisterHealthyStationAsync("s1");
        await world.RegisterHealthyStationAsync("s2");
        await world.RegisterHealthyStationAsync("s3");
        // Acme floods the queue first; Orbital comes later with one campaign, and one urgent campaign arrives last.
        for (var i = 0; i < 4; i++)
        {
            await world.Campaigns.SubmitAsync(world.Acme, Request($"A{i}"), CancellationToken.None);
            world.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        var orbital = await world.Campaigns.SubmitAsync(world.Orbital, Request("O1"), CancellationToken.None);
        world.Clock.Advance(TimeSpan.FromSeconds(1));
        var urgent = await world.Campaigns.SubmitAsync(world.Acme, Request("URGENT", priority: 5), CancellationToken.None);

        var placed = await scheduler.PlaceCampaignsAsync(Live, Ttl, CancellationToken.None);

        Assert.That(placed.Select(p => p.Campaign!.Request.Samples[0]), Is.EqualTo(new[] { "URGENT", "O1", "A0" }));
        Assert.That(placed.Select(p => p.Station.Id).Distinct().Count(), Is.EqualTo(3));
        Assert.That((await world.Campaigns.FindAsync(world.Orbital, orbital.Id, CancellationToken.None))!.State, Is.EqualTo(CampaignState.Placed));
        Assert.That((await world.Campaigns.FindAsync(world.Acme, urgent.Id, CancellationToken.None))!.StationId, Is.Not.Null);
    }

    [Test]
    public async Task A_station_is_eligible_only_with_the_roles_good_health_a_live_host_and_calibration_valid_to_the_planned_end()
    {
        await using var world = await FacilityWorld.CreateAsync();
        var scheduler = new CampaignScheduler(world.Database, world.Leases, world.Clock);
        await world.RegisterHealthyStationAsync("cal");
        // The simulated bench's instruments are due from 2028-11-30 (the supply, the SMU) to 2028-12-31 (the Co-60 cell);
        // the clock stands at 2026-12-01: 800 days outlast them, 20 days do not.
        var tooLong = await world.Campaigns.SubmitAsync(world.Acme, Request("LONG", hours: 24 * 800), CancellationToken.None);
        var wrongRole = await world.Campaigns.SubmitAsync(world.Acme, Request("ROLE", roles: "mass spectrometer"), CancellationToken.None);
        Assert.That(await scheduler.PlaceCampaignsAsync(Live, Ttl, CancellationToken.None), Is.Empty);
        Assert.That(await scheduler.PlaceCampaignsAsync(new HashSet<string> { "another-silo" }, Ttl, CancellationToken.None), Is.Empty);

        var fits = await world.Campaigns.SubmitAsync(world.Acme, Request("FITS", hours: 24 * 20, roles: "gamma source"), CancellationToken.None);
        var placed = await scheduler.PlaceCampaignsAsync(Live, Ttl, CancellationToken.None);
        Assert.That(placed.Select(p => p.Campaign!.Id), Is.EqualTo(new[] { fits.Id }));
        Assert.That((await world.Campaigns.FindAsync(world.Acme, tooLong.Id, CancellationToken.None))!.State, Is.EqualTo(CampaignState.Queued));
        Assert.That((await world.Campaigns.FindAsync(world.Acme, wrongRole.Id, CancellationToken.None))!.State, Is.EqualTo(CampaignState.Queued));
    }

    [Test]
    public async Task An_instrument_taken_out_of_service_takes_its_station_out_of_scheduling_and_lists_the_runs_that_used_it()
    {
        await using var world = await FacilityWorld.CreateAsync();
        var scheduler = new CampaignScheduler(world.Database, world.Leases, world.Clock);
        var calibration = new CalibrationRecords(world.Database, world.Clock);
        await world.RegisterHealthyStationAsync("oos");
        await calibration.RecordAsync(new Calibration("oos/psu1", new DateOnly(2026, 11, 1), new DateOnly(2027, 11, 1), true, "CERT-1"), "mel", CancellationToken.None);
        var first = await world.Campaigns.SubmitAsync(world.Acme, Request("S1"), CancellationToken.None);
        var placement = (await scheduler.PlaceCampaignsAsync(Live, Ttl, CancellationToken.None)).Single();
        var ledger = new RunLedger(world.Database, world.Clock);
        var run = await ledger.StartRunAsync(world.Acme.Tenant, first.Id, "oos", placement.Lease.Fencing, "/tmp/run", CancellationToken.None);
        await ledger.FinishRunAsync(run!.Value, "Pass", 0, null, null, CancellationToken.None);
        await world.Leases.ReleaseAsync(placement.Lease.Id, "test", CancellationToken.None);

        var review = await calibration.TakeOutOfServiceAsync("oos/psu1", "output drifts", "mel", CancellationToken.None);

        Assert.That(review, Is.EqualTo(new[] { run.Value }));
        await world.Campaigns.SubmitAsync(world.Acme, Request("S2"), CancellationToken.None);
        Assert.That(await scheduler.PlaceCampaignsAsync(Live, Ttl, CancellationToken.None), Is.Empty, "a station with an out-of-service instrument was scheduled");
    }

    [Test]
    public async Task A_station_of_unknown_health_gets_a_health_check_lease_and_no_campaign()
    {
        await using var world = await FacilityWorld.CreateAsync();
        var scheduler = new CampaignScheduler(world.Database, world.Leases, world.Clock);
        await world.Stations.RegisterAsync("new", FacilityWorld.SimulatedBench, "test-silo", CancellationToken.None);
        await world.Campaigns.SubmitAsync(world.Acme, Request("S"), CancellationToken.None);

        Assert.That(await scheduler.PlaceCampaignsAsync(Live, Ttl, CancellationToken.None), Is.Empty);
        var checks = await scheduler.PlaceHealthChecksAsync(world.Operator.Tenant, Live, Ttl, CancellationToken.None);
        Assert.That(checks.Select(c => (c.Station.Id, c.Campaign)), Is.EqualTo(new[] { ("new", (CampaignRecord?)null) }));
        var purpose = await world.Database.AsOperatorAsync((c, t) => Sql.ScalarAsync<string>(c, t, "SELECT purpose FROM leases WHERE id = @id", CancellationToken.None, ("id", checks[0].Lease.Id)), CancellationToken.None);
        Assert.That(purpose, Is.EqualTo(LeaseManager.PurposeName(LeasePurpose.HealthCheck)));
    }

    [Test]
    public async Task A_queued_reservation_is_granted_when_its_station_frees_and_its_lease_ends_with_its_duration()
    {
        await using var world = await FacilityWorld.CreateAsync();
        var scheduler = new CampaignScheduler(world.Database, world.Leases, world.Clock);
        await world.RegisterHealthyStationAsync("booked");
        var held = (await world.Leases.TryAcquireAsync("booked", world.Orbital.Tenant, "otto", LeasePurpose.Reservation, Ttl, null, null, CancellationToken.None))!;
        var id = Guid.NewGuid();
        await world.Database.InTenantAsync(world.Acme.Tenant, (c, t) => Sql.ExecuteAsync(c, t, """
            INSERT INTO reservations (id, tenant_id, requested_by, roles, duration_s, ttl_s, state, created_at)
            VALUES (@id, @tenant, 'ada', '{DUT supply}', 120, 30, 'queued', @now)
            """, CancellationToken.None, ("id", id), ("tenant", world.Acme.Tenant), ("now", world.Clock.GetUtcNow())), CancellationToken.None);

        Assert.That(await scheduler.GrantReservationsAsync(Live, CancellationToken.None), Is.Zero, "granted while another tenant holds the station");
        await world.Leases.ReleaseAsync(held.Id, "otto", CancellationToken.None);
        Assert.That(await scheduler.GrantReservationsAsync(Live, CancellationToken.None), Is.EqualTo(1));

        var lease = (await world.Leases.CurrentAsync("booked", CancellationToken.None))!;
        Assert.That(lease.Tenant, Is.EqualTo(world.Acme.Tenant));
        for (var beats = 0; beats < 4; beats++)
        {
            world.Clock.Advance(TimeSpan.FromSeconds(20));
            Assert.That(await world.Leases.HeartbeatAsync(lease.Id, lease.Fencing, CancellationToken.None), Is.True, $"heartbeat {beats}");
        }

        // 80 s in, beating every 20 s: the 120 s duration still ends it.
        world.Clock.Advance(TimeSpan.FromSeconds(20));
        await world.Leases.HeartbeatAsync(lease.Id, lease.Fencing, CancellationToken.None);
        world.Clock.Advance(TimeSpan.FromSeconds(21));
        Assert.That(await world.Leases.HeartbeatAsync(lease.Id, lease.Fencing, CancellationToken.None), Is.False);
        Assert.That(await world.Leases.ExpireAsync(CancellationToken.None), Has.One.Matches<ExpiredLease>(e => e.Lease.Id == lease.Id));
    }

    [Test]
    public async Task A_failed_health_check_marks_the_station_bad_and_out_of_scheduling_and_an_old_passing_one_is_repeated_before_the_next_campaign()
    {
        await using var world = await FacilityWorld.CreateAsync();
        var scheduler = new CampaignScheduler(world.Database, world.Leases, world.Clock);
        var ledger = new RunLedger(world.Database, world.Clock);
        await world.Stations.RegisterAsync("failing", FacilityWorld.SimulatedBench, "test-silo", CancellationToken.None);
        await world.Stations.RegisterAsync("aging", FacilityWorld.SimulatedBench, "test-silo", CancellationToken.None);
        var checks = await scheduler.PlaceHealthChecksAsync(world.Operator.Tenant, Live, Ttl, CancellationToken.None);
        Assert.That(checks.Select(c => c.Station.Id), Is.EquivalentTo(new[] { "aging", "failing" }));
        foreach (var check in checks)
        {
            Assert.That(await ledger.RecordHealthCheckAsync(check.Station.Id, check.Lease.Fencing, passed: check.Station.Id == "aging", "power-on", CancellationToken.None), Is.True);
            await world.Leases.ReleaseAsync(check.Lease.Id, "station-host", CancellationToken.None);
        }

        var failing = (await world.Stations.FindAsync("failing", CancellationToken.None))!;
        Assert.That((failing.State, failing.Health), Is.EqualTo((StationState.Bad, StationHealth.Bad)));
        await world.Campaigns.SubmitAsync(world.Acme, Request("S1"), CancellationToken.None);
        await world.Campaigns.SubmitAsync(world.Acme, Request("S2"), CancellationToken.None);
        var placed = await scheduler.PlaceCampaignsAsync(Live, Ttl, CancellationToken.None);
        Assert.That(placed.Select(p => p.Station.Id), Is.EqualTo(new[] { "aging" }), "the bad station took no campaign");
        Assert.That(await scheduler.PlaceHealthChecksAsync(world.Operator.Tenant, Live, Ttl, CancellationToken.None), Is.Empty,
            "a bad station waits for an operator's recheck, not for the scheduler");

        // A day later the passing check is too old: the station is checked again before its next campaign.
        await world.Leases.ReleaseAsync(placed[0].Lease.Id, "station-host", CancellationToken.None);
        world.Clock.Advance(TimeSpan.FromHours(25));
        Assert.That(await scheduler.ScheduleHealthChecksAsync(TimeSpan.FromHours(24), CancellationToken.None), Is.EqualTo(1));
        Assert.That(await scheduler.PlaceCampaignsAsync(Live, Ttl, CancellationToken.None), Is.Empty, "a campaign before the check");
        Assert.That((await scheduler.PlaceHealthChecksAsync(world.Operator.Tenant, Live, Ttl, CancellationToken.None)).Select(c => c.Station.Id), Is.EqualTo(new[] { "aging" }));
    }

    [Test]
    public async Task A_resumed_campaign_is_placed_only_on_the_station_of_the_run_it_continues_once_that_station_is_healthy_again()
    {
        await using var world = await FacilityWorld.CreateAsync();
        var scheduler = new CampaignScheduler(world.Database, world.Leases, world.Clock);
        await world.RegisterHealthyStationAsync("cut");
        await world.RegisterHealthyStationAsync("other");
        var campaign = await world.Campaigns.SubmitAsync(world.Acme, Request("S1"), CancellationToken.None);
        Assert.That(await world.Campaigns.ResumeAsync(world.Acme, campaign.Id, CancellationToken.None), Does.Contain("is queued: only an aborted campaign"));

        // Its run on "cut" is aborted as the sweeper aborts it when the station host dies.
        var lease = (await world.Leases.TryAcquireAsync("cut", world.Acme.Tenant, "scheduler", LeasePurpose.Campaign, Ttl, campaign.Id, null, CancellationToken.None))!;
        await world.Database.AsOperatorAsync((c, t) => Sql.ExecuteAsync(c, t, """
            UPDATE campaigns SET state = 'running', station_id = 'cut' WHERE id = @campaign;
            INSERT INTO runs (id, tenant_id, campaign_id, station_id, fencing, folder, instruments, state, started_at)
            VALUES (gen_random_uuid(), @tenant, @campaign, 'cut', @fencing, '/runs/cut-run', '{}', 'running', @now)
            """, CancellationToken.None, ("tenant", world.Acme.Tenant), ("campaign", campaign.Id), ("fencing", lease.Fencing), ("now", world.Clock.GetUtcNow())), CancellationToken.None);
        world.Clock.Advance(Ttl + TimeSpan.FromSeconds(1));
        await world.Leases.ExpireAsync(CancellationToken.None);

        Assert.That(await world.Campaigns.ResumeAsync(world.Orbital, campaign.Id, CancellationToken.None), Is.Null, "another tenant's campaign is not there");
        Assert.That(await world.Campaigns.ResumeAsync(world.Acme, campaign.Id, CancellationToken.None), Is.Empty);
        Assert.That((await world.Campaigns.FindAsync(world.Acme, campaign.Id, CancellationToken.None))!.State, Is.EqualTo(CampaignState.Queued));

        // "other" is free and healthy, but the run's folder and record are on "cut", which waits for its health check.
        Assert.That(await scheduler.PlaceCampaignsAsync(Live, Ttl, CancellationToken.None), Is.Empty);
        var check = (await scheduler.PlaceHealthChecksAsync(world.Operator.Tenant, Live, Ttl, CancellationToken.None)).Single();
        Assert.That(check.Station.Id, Is.EqualTo("cut"));
        await new RunLedger(world.Database, world.Clock).RecordHealthCheckAsync("cut", check.Lease.Fencing, passed: true, "power-on", CancellationToken.None);
        await world.Leases.ReleaseAsync(check.Lease.Id, "station-host", CancellationToken.None);

        var placed = (await scheduler.PlaceCampaignsAsync(Live, Ttl, CancellationToken.None)).Single();
        Assert.That((placed.Station.Id, placed.ResumeFolder, placed.Campaign!.Id), Is.EqualTo(("cut", "/runs/cut-run", campaign.Id)));
    }
}
