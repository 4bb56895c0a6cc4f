using Npgsql;
using SpaceTestBench.Facility.Campaigns;
using SpaceTestBench.Facility.Leasing;
using SpaceTestBench.Facility.Stations;
using SpaceTestBench.Facility.Store;
using SpaceTestBench.Facility.Tests.Support;

namespace SpaceTestBench.Facility.Tests.Store;

/// <summary>
/// The station hosts' database role, <c>spacebench_station</c> (least privilege): a station host's whole work goes
/// through it, and everything else is refused by the database itself.
/// </summary>
[TestFixture]
public sealed class StationRoleTests
{
    private const string Station = "role-station";
    private FacilityWorld world = null!;
    private FacilityDatabase station = null!;

    [OneTimeSetUp]
    public async Task SetUpAsync()
    {
        world = await FacilityWorld.CreateAsync();
        station = FacilityDatabase.ConnectAsStationHost(FacilityDatabase.StationConnectionString(world.OwnerConnectionString, null));
    }

    [OneTimeTearDown]
    public async Task TearDownAsync()
    {
        if (station is not null)
        {
            await station.DisposeAsync();
        }

        if (world is not null)
        {
            await world.DisposeAsync();
        }
    }

    [Test, Order(1)]
    public async Task A_station_hosts_whole_work_runs_as_the_station_role()
    {
        // As a station host does it: register, run a campaign under the scheduler's lease, report, release, health-check.
        var registry = new StationRegistry(station, world.Clock);
        await registry.RegisterAsync(Station, FacilityWorld.SimulatedBench, "station-silo", CancellationToken.None);
        await world.MarkHealthyAsync(Station);
        var campaign = await world.Campaigns.SubmitAsync(world.Acme,
            new CampaignRequest(["power/power-on.feature"], null, null, ["SN-1"], [], 0, TimeSpan.FromHours(1)), CancellationToken.None);
        await world.Database.AsOperatorAsync((c, t) => Sql.ExecuteAsync(c, t, "UPDATE campaigns SET state = 'placed', station_id = @s WHERE id = @id",
            CancellationToken.None, ("s", Station), ("id", campaign.Id)), CancellationToken.None);
        var lease = (await world.Leases.TryAcquireAsync(Station, world.Acme.Tenant, "scheduler", LeasePurpose.Campaign, TimeSpan.FromMinutes(1), campaign.Id, null, CancellationToken.None))!;

        var leases = new LeaseManager(station, world.Clock);
        var ledger = new RunLedger(station, world.Clock);
        Assert.That((await leases.CurrentAsync(Station, CancellationToken.None))?.Fencing, Is.EqualTo(lease.Fencing));
        Assert.That(await leases.HeartbeatAsync(lease.Id, lease.Fencing, CancellationToken.None), Is.True);
        var run = await ledger.StartRunAsync(world.Acme.Tenant, campaign.Id, Station, lease.Fencing, "/tmp/role-run", CancellationToken.None);
        Assert.That(run, Is.Not.Null);
        await ledger.EventAsync(world.Acme.Tenant, campaign.Id, "progress", "Given a fresh sample of the DUT is mounted", CancellationToken.None);
        Assert.That(await ledger.FinishRunAsync(run!.Value, "Pass", 0, [1, 2, 3], "/tmp/role-run/report.html", CancellationToken.None), Is.True);
        Assert.That(await leases.ReleaseAsync(lease.Id, "station-host", CancellationToken.None), Is.True);

        // As after an abort: the station waits for a health check.
        await world.Database.AsOperatorAsync((c, t) => Sql.ExecuteAsync(c, t, "UPDATE stations SET health = 'unknown' WHERE id = @s", CancellationToken.None, ("s", Station)), CancellationToken.None);
        var check = (await world.Leases.TryAcquireAsync(Station, world.Acme.Tenant, "health-check", LeasePurpose.HealthCheck, TimeSpan.FromMinutes(1), null, null, CancellationToken.None))!;
        Assert.That(await ledger.RecordHealthCheckAsync(Station, check.Fencing, passed: true, "power-on: Pass", CancellationToken.None), Is.True);

        Assert.That((await world.Campaigns.FindAsync(world.Acme, campaign.Id, CancellationToken.None))!.State, Is.EqualTo(CampaignState.Passed));
        Assert.That((await world.Stations.FindAsync(Station, CancellationToken.None))!.Health, Is.EqualTo(StationHealth.Good));
    }

    [TestCase("SELECT count(*) FROM api_tokens", TestName = "reads no token hashes")]
    [TestCase("SELECT count(*) FROM users", TestName = "reads no users")]
    [TestCase("SELECT count(*) FROM tenants", TestName = "reads no tenants")]
    [TestCase("SELECT count(*) FROM reservations", TestName = "reads no reservations")]
    [TestCase("SELECT count(*) FROM signer_keys", TestName = "reads no signing keys")]
    [TestCase("SELECT count(*) FROM report_reviews", TestName = "reads no report reviews")]
    [TestCase("SELECT features, samples FROM campaigns", TestName = "reads no campaign's features or samples")]
    [TestCase("SELECT text FROM campaign_events", TestName = "reads no campaign's events")]
    [TestCase("SELECT path FROM reports", TestName = "reads no reports")]
    [TestCase("INSERT INTO leases (id, tenant_id, station_id, purpose, fencing, holder, ttl_s, granted_at, expires_at) SELECT gen_random_uuid(), id, 'role-station', 'campaign', 999, 'forged', 30, now(), now() + interval '1 h' FROM (SELECT gen_random_uuid() AS id) x",
        TestName = "grants itself no lease")]
    [TestCase("UPDATE leases SET fencing = 999", TestName = "changes no lease's fencing number")]
    [TestCase("UPDATE stations SET fencing = fencing + 1", TestName = "moves no station's fencing number")]
    [TestCase("UPDATE instruments SET status = 'in-service'", TestName = "puts no instrument back in service")]
    [TestCase("INSERT INTO calibration_records (id, instrument_id, calibrated_on, due, passed, certificate, recorded_by, recorded_at) VALUES (gen_random_uuid(), 'x', now(), now(), true, 'forged', 'station', now())",
        TestName = "records no calibration")]
    [TestCase("UPDATE campaigns SET priority = 100", TestName = "reprioritises no campaign")]
    [TestCase("UPDATE runs SET tenant_id = NULL", TestName = "moves no run to another tenant")]
    [TestCase("DELETE FROM runs", TestName = "deletes no run")]
    [TestCase("DELETE FROM campaign_events", TestName = "deletes no campaign event")]
    [TestCase("TRUNCATE audit", TestName = "truncates no audit trail")]
    [TestCase("UPDATE tenants SET share = 100", TestName = "changes no tenant's share")]
    public async Task The_station_role_is_refused(string sql)
    {
        await using var connection = await station.Operator.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        var refused = Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
        Assert.That(refused!.SqlState, Is.EqualTo(PostgresErrorCodes.InsufficientPrivilege), refused.MessageText);
    }

    [Test]
    public void A_station_host_refuses_any_other_role_to_connect_as()
    {
        var refused = Assert.Throws<ArgumentException>(() => FacilityDatabase.ConnectAsStationHost(
            new NpgsqlConnectionStringBuilder(world.OwnerConnectionString) { Username = FacilityDatabase.OperatorRole }.ConnectionString));
        Assert.That(refused!.Message, Does.Contain(FacilityDatabase.StationRole));
    }
}
