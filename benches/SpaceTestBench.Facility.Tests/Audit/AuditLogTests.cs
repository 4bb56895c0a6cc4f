using Npgsql;
using SpaceTestBench.Facility.Audit;
using SpaceTestBench.Facility.Campaigns;
using SpaceTestBench.Facility.Store;
using SpaceTestBench.Facility.Tests.Support;

namespace SpaceTestBench.Facility.Tests.Audit;

[TestFixture]
public sealed class AuditLogTests
{
    [Test]
    public async Task Every_change_is_chained_and_a_changed_row_is_detected()
    {
        await using var world = await FacilityWorld.CreateAsync();
        await world.RegisterHealthyStationAsync("audited");
        for (var i = 0; i < 3; i++)
        {
            await world.Campaigns.SubmitAsync(world.Acme, new CampaignRequest(["power"], null, null, [$"SN-{i}"], [], 0, TimeSpan.FromHours(1)), CancellationToken.None);
            world.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        var intact = await AuditLog.VerifyAsync(world.Database, CancellationToken.None);
        Assert.That(intact.Intact, Is.True, string.Join("; ", intact.Breaks));
        Assert.That(intact.Rows, Is.GreaterThanOrEqualTo(10));

        // Around the append-only trigger, as only a superuser can: rewrite what a campaign asked for.
        await using (var owner = new NpgsqlConnection(world.OwnerConnectionString))
        {
            await owner.OpenAsync();
            await using var tamper = new NpgsqlCommand("""
                SET session_replication_role = replica;
                UPDATE audit SET detail = replace(detail, 'SN-1', 'SN-9') WHERE action = 'campaign.submit' AND detail LIKE '%SN-1%';
                """, owner);
            await tamper.ExecuteNonQueryAsync();
        }

        var broken = await AuditLog.VerifyAsync(world.Database, CancellationToken.None);
        Assert.That(broken.Breaks, Has.One.Matches<AuditBreak>(b => b.Chain == world.Acme.Tenant.ToString() && b.Problem.Contains("changed", StringComparison.Ordinal)));
    }

    [Test]
    public async Task The_audit_table_refuses_update_and_delete_even_to_the_operator()
    {
        await using var world = await FacilityWorld.CreateAsync();
        var update = Assert.ThrowsAsync<PostgresException>(() => world.Database.AsOperatorAsync((c, t) => Sql.ExecuteAsync(c, t, "UPDATE audit SET actor = 'someone else'", CancellationToken.None), CancellationToken.None));
        Assert.That(update!.SqlState, Is.EqualTo(PostgresErrorCodes.InsufficientPrivilege));
        await using var owner = new NpgsqlConnection(world.OwnerConnectionString);
        await owner.OpenAsync();
        await using var delete = new NpgsqlCommand("DELETE FROM audit", owner);
        var error = Assert.ThrowsAsync<PostgresException>(() => delete.ExecuteNonQueryAsync());
        Assert.That(error!.MessageText, Does.Contain("append-only"));
    }
}
