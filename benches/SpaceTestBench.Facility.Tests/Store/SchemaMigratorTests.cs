using Microsoft.Extensions.Time.Testing;
using Npgsql;
using SpaceTestBench.Facility.Store;
using SpaceTestBench.Facility.Tests.Support;

namespace SpaceTestBench.Facility.Tests.Store;

[TestFixture]
public sealed class SchemaMigratorTests
{
    [Test]
    public async Task Migrations_are_applied_once_in_order_and_recorded_with_their_hash()
    {
        var (database, owner, clock) = await FacilityServers.NewDatabaseAsync();
        await using var _ = database;
        await using var source = NpgsqlDataSource.Create(owner);
        Assert.That(await SchemaMigrator.MigrateAsync(source, clock, CancellationToken.None), Is.Empty, "a second start re-applied migrations");

        await using var connection = await source.OpenConnectionAsync();
        await using var command = new NpgsqlCommand("SELECT version, sha256 FROM schema_version ORDER BY version", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var recorded = new List<(int, string)>();
        while (await reader.ReadAsync())
        {
            recorded.Add((reader.GetInt32(0), reader.GetString(1)));
        }

        Assert.That(recorded, Is.EqualTo(SchemaMigrator.Migrations.Select(m => (m.Version, m.Sha256)).ToList()));
    }

    [Test]
    public async Task An_applied_migration_whose_text_changed_is_refused()
    {
        var (database, owner, _) = await FacilityServers.NewDatabaseAsync();
        await using var _d = database;
        await using var source = NpgsqlDataSource.Create(owner);
        await using (var connection = await source.OpenConnectionAsync())
        await using (var tamper = new NpgsqlCommand("UPDATE schema_version SET sha256 = 'feed' WHERE version = 1", connection))
        {
            await tamper.ExecuteNonQueryAsync();
        }

        var error = Assert.ThrowsAsync<InvalidOperationException>(() => SchemaMigrator.MigrateAsync(source, new FakeTimeProvider(), CancellationToken.None));
        Assert.That(error!.Message, Does.Contain("must never change"));
    }
}
