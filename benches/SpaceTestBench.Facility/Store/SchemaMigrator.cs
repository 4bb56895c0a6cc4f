using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace SpaceTestBench.Facility.Store;

/// <summary>
/// Applies the facility's schema migrations: versioned SQL files embedded in this assembly
/// (<c>NNN_name.sql</c>), in version order, each in its own transaction, each recorded in
/// <c>schema_version</c> with the SHA-256 of its text so that an edited, already-applied migration is
/// refused rather than silently diverging.
/// </summary>
public static class SchemaMigrator
{
    private const string ResourcePrefix = "SpaceTestBench.Facility.Migrations.";

    // Any 64-bit constant: the migrating control nodes of one database take turns on it.
    private const long MigrationLock = 0x5370616365426e63;

    /// <summary>One migration.</summary>
    /// <param name="Version">Its number, from the file name.</param>
    /// <param name="Name">The file name.</param>
    /// <param name="Sql">Its text.</param>
    public sealed record Migration(int Version, string Name, string Sql)
    {
        /// <summary>SHA-256 of the text, lower-case hex.</summary>
        public string Sha256 => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Sql)));
    }

    /// <summary>The migrations this build carries, in version order.</summary>
    public static IReadOnlyList<Migration> Migrations { get; } = Load();

    /// <summary>The newest schema version this build knows.</summary>
    public static int LatestVersion => Migrations[^1].Version;

    /// <summary>Brings the database to <see cref="LatestVersion"/>; returns the versions applied now.</summary>
    /// <param name="owner">A connection source for the role that owns (or will own) the schema.</param>
    /// <param name="clock">Stamps <c>applied_at</c>.</param>
    /// <param name="cancellationToken">Stops between migrations.</param>
    public static async Task<IReadOnlyList<int>> MigrateAsync(NpgsqlDataSource owner, TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(clock);
        await using var connection = await owner.OpenConnectionAsync(cancellationToken);
        await Execute(connection, null, "SELECT pg_advisory_lock(@lock)", cancellationToken, ("lock", MigrationLock));
        try
        {
            await Execute(connection, null, """
                CREATE TABLE IF NOT EXISTS schema_version (
                    version     integer PRIMARY KEY,
                    name        text NOT NULL,
                    sha256      text NOT NULL,
                    applied_at  timestamptz NOT NULL)
                """, cancellationToken);
            var applied = new Dictionary<int, (string Name, string Sha256)>();
            await using (var read = new NpgsqlCommand("SELECT version, name, sha256 FROM schema_version", connection))
            await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    applied[reader.GetInt32(0)] = (reader.GetString(1), reader.GetString(2));
                }
            }

            if (applied.Count > 0 && applied.Keys.Max() > LatestVersion)
            {
                throw new InvalidOperationException(
                    $"The facility database is at schema version {applied.Keys.Max()}, newer than this build knows ({LatestVersion}); run a newer spacebench.");
            }

            var now = new List<int>();
            foreach (var migration in Migrations)
            {
                if (applied.TryGetValue(migration.Version, out var done))
                {
                    if (done.Sha256 != migration.Sha256)
                    {
                        throw new InvalidOperationException(
                            $"Migration {migration.Name} was applied as {done.Name} with SHA-256 {done.Sha256}, but this build's text hashes to {migration.Sha256}: an applied migration must never change; add a new one instead.");
                    }

                    continue;
                }

                cancellationToken.ThrowIfCancellationRequested();
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await Execute(connection, transaction, migration.Sql, cancellationToken);
                await Execute(connection, transaction, "INSERT INTO schema_version (version, name, sha256, applied_at) VALUES (@v, @n, @s, @t)", cancellationToken,
                    ("v", migration.Version), ("n", migration.Name), ("s", migration.Sha256), ("t", clock.GetUtcNow()));
                await transaction.CommitAsync(cancellationToken);
                now.Add(migration.Version);
            }

            return now;
        }
        finally
        {
            await Execute(connection, null, "SELECT pg_advisory_unlock(@lock)", CancellationToken.None, ("lock", MigrationLock));
        }
    }

    private static async Task Execute(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static List<Migration> Load()
    {
        var assembly = typeof(SchemaMigrator).Assembly;
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            var name = resource[ResourcePrefix.Length..];
            var underscore = name.IndexOf('_', StringComparison.Ordinal);
            if (underscore <= 0 || !int.TryParse(name[..underscore], NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            {
                throw new InvalidOperationException($"Embedded migration '{name}' is not named NNN_description.sql.");
            }

            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream, Encoding.UTF8);
            migrations.Add(new Migration(version, name, reader.ReadToEnd()));
        }

        migrations.Sort((a, b) => a.Version.CompareTo(b.Version));
        for (var i = 0; i < migrations.Count; i++)
        {
            if (migrations[i].Version != i + 1)
            {
                throw new InvalidOperationException($"Migrations must be numbered 1, 2, 3, … without gaps; found {migrations[i].Name} at position {i + 1}.");
            }
        }

        return migrations;
    }
}
