using Npgsql;
using SpaceTestBench.Facility.Campaigns;
using SpaceTestBench.Facility.Store;
using SpaceTestBench.Facility.Tests.Support;

namespace SpaceTestBench.Facility.Tests.Store;

[TestFixture]
public sealed class RowLevelSecurityTests
{
    private static readonly string[] TenantTables = ["users", "api_tokens", "reservations", "leases", "campaigns", "runs", "reports", "campaign_events", "audit", "tenants"];
    private FacilityWorld world = null!;

    [OneTimeSetUp]
    public async Task SetUpAsync()
    {
        world = await FacilityWorld.CreateAsync();
        await world.RegisterHealthyStationAsync("station-a");
        var request = new CampaignRequest(["power/power-on.feature"], "@power", null, ["SN-1"], ["DUT supply"], 0, TimeSpan.FromHours(1));
        var campaign = await world.Campaigns.SubmitAsync(world.Acme, request, CancellationToken.None);
        await world.Campaigns.SubmitAsync(world.Orbital, request, CancellationToken.None);
        // A row in every tenant table, written as the owner, so that "reads no rows" means something.
        await using (var owner = new NpgsqlConnection(world.OwnerConnectionString))
        {
            await owner.OpenAsync();
            await using var seed = new NpgsqlCommand("""
                INSERT INTO reservations (id, tenant_id, requested_by, roles, duration_s, ttl_s, state, created_at) VALUES (gen_random_uuid(), @t, 'ada', '{}', 60, 60, 'queued', now());
                INSERT INTO runs (id, tenant_id, campaign_id, station_id, fencing, folder, instruments, state, started_at) VALUES (@run, @t, @c, 'station-a', 1, '/tmp/r', '{}', 'finished', now());
                INSERT INTO reports (id, tenant_id, run_id, path, created_at) VALUES (gen_random_uuid(), @t, @run, '/tmp/r/report.html', now());
                INSERT INTO campaign_events (tenant_id, campaign_id, at, kind, text) VALUES (@t, @c, now(), 'step', 'Given a fresh sample');
                INSERT INTO api_tokens (id, tenant_id, user_id, token_sha256, created_at) VALUES (gen_random_uuid(), @t, @u, '\x00', now());
                """, owner);
            seed.Parameters.AddWithValue("t", world.Acme.Tenant);
            seed.Parameters.AddWithValue("u", world.Acme.UserId);
            seed.Parameters.AddWithValue("c", campaign.Id);
            seed.Parameters.AddWithValue("run", Guid.NewGuid());
            await seed.ExecuteNonQueryAsync();
        }

        await world.Leases.TryAcquireAsync("station-a", world.Acme.Tenant, "ada", Facility.Leasing.LeasePurpose.Reservation, TimeSpan.FromMinutes(5), null, null, CancellationToken.None);
    }

    [OneTimeTearDown]
    public async Task TearDownAsync()
    {
        if (world is not null)
        {
            await world.DisposeAsync();
        }
    }

    [Test]
    public async Task The_application_roles_are_neither_superuser_nor_bypass_rls_nor_table_owners()
    {
        await using var connection = new NpgsqlConnection(world.OwnerConnectionString);
        await connection.OpenAsync();
        foreach (var role in new[] { FacilityDatabase.AppRole, FacilityDatabase.OperatorRole, FacilityDatabase.StationRole })
        {
            await using var attributes = new NpgsqlCommand("SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = @r", connection);
            attributes.Parameters.AddWithValue("r", role);
            await using (var reader = await attributes.ExecuteReaderAsync())
            {
                Assert.That(await reader.ReadAsync(), Is.True, role);
                Assert.That(reader.GetBoolean(0), Is.False, $"{role} is superuser");
                Assert.That(reader.GetBoolean(1), Is.False, $"{role} has BYPASSRLS");
            }

            await using var owned = new NpgsqlCommand("SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tableowner = @r", connection);
            owned.Parameters.AddWithValue("r", role);
            Assert.That(await owned.ExecuteScalarAsync(), Is.EqualTo(0L), $"{role} owns tables");
        }

        await using var forced = new NpgsqlCommand("SELECT relname FROM pg_class WHERE relname = ANY(@t) AND relkind = 'r' AND NOT (relrowsecurity AND relforcerowsecurity)", connection);
        forced.Parameters.AddWithValue("t", TenantTables);
        Assert.That(await forced.ExecuteScalarAsync(), Is.Null, "a tenant table without forced row-level security");
    }

    [Test]
    public async Task Raw_sql_as_the_application_role_without_a_tenant_reads_no_rows()
    {
        await using var owner = new NpgsqlConnection(world.OwnerConnectionString);
        await owner.OpenAsync();
        await using var app = await world.Database.App.OpenConnectionAsync();
        foreach (var table in TenantTables)
        {
            await using var all = new NpgsqlCommand($"SELECT count(*) FROM {table}", owner);
            Assert.That((long)(await all.ExecuteScalarAsync())!, Is.GreaterThan(0), $"{table} has rows to hide (the test would prove nothing otherwise)");
            await using var seen = new NpgsqlCommand($"SELECT count(*) FROM {table}", app);
            if (table == "api_tokens")
            {
                // Token hashes are not the application role's to read at all: authentication runs as the operator.
                var denied = Assert.ThrowsAsync<PostgresException>(() => seen.ExecuteScalarAsync());
                Assert.That(denied!.SqlState, Is.EqualTo(PostgresErrorCodes.InsufficientPrivilege));
                continue;
            }

            Assert.That(await seen.ExecuteScalarAsync(), Is.EqualTo(0L), $"{table} without app.tenant_id");
        }
    }

    [Test]
    public async Task A_tenant_transaction_sees_only_its_own_rows_and_cannot_write_another_tenants()
    {
        var acmeCampaigns = await world.Database.InTenantAsync(world.Acme.Tenant, (c, t) =>
            Sql.ListAsync(c, t, "SELECT tenant_id FROM campaigns", r => r.GetGuid(0), CancellationToken.None), CancellationToken.None);
        Assert.That(acmeCampaigns, Is.Not.Empty.And.All.EqualTo(world.Acme.Tenant));
        var orbitalLeases = await world.Database.InTenantAsync(world.Orbital.Tenant, (c, t) =>
            Sql.ScalarAsync<long>(c, t, "SELECT count(*) FROM leases", CancellationToken.None), CancellationToken.None);
        Assert.That(orbitalLeases, Is.Zero, "Acme's lease is visible to Orbital");

        var write = Assert.ThrowsAsync<PostgresException>(() => world.Database.InTenantAsync(world.Acme.Tenant, (c, t) =>
            Sql.ExecuteAsync(c, t, "UPDATE campaigns SET tenant_id = @other", CancellationToken.None, ("other", world.Orbital.Tenant)), CancellationToken.None));
        Assert.That(write!.SqlState, Is.EqualTo(PostgresErrorCodes.InsufficientPrivilege), "moving a row to another tenant must violate the policy");
    }

    [Test]
    public async Task The_tenant_setting_does_not_outlive_its_transaction_on_a_pooled_connection()
    {
        await world.Database.InTenantAsync(world.Acme.Tenant, (c, t) => Sql.ScalarAsync<long>(c, t, "SELECT count(*) FROM campaigns", CancellationToken.None), CancellationToken.None);
        await using var app = await world.Database.App.OpenConnectionAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM campaigns", app);
        Assert.That(await command.ExecuteScalarAsync(), Is.EqualTo(0L));
    }
}
