using Npgsql;
using SpaceTestBench.Bench.Definitions;
using SpaceTestBench.Facility.Audit;
using SpaceTestBench.Facility.Store;

namespace SpaceTestBench.Facility.Stations;

/// <summary>Stations and their instruments, registered from bench files by the station hosts that own them.</summary>
public sealed class StationRegistry(FacilityDatabase database, TimeProvider clock)
{
    internal const string StationColumns = "id, name, station_type, bench_file, roles, state, health, fencing, host_silo, last_health_check_at";

    /// <summary>
    /// Registers (or re-registers, after a host restart) the station <paramref name="stationId"/> served from
    /// <paramref name="bench"/> by the silo <paramref name="hostSilo"/>: its roles, instruments, models,
    /// serials and calibration due dates. A recorded calibration is newer than the bench file's date and wins.
    /// A station coming back keeps its health; one whose lease expired while its host was away is Unknown.
    /// A station still served by another live host is refused (<paramref name="isLiveHost"/> says which are).
    /// </summary>
    public Task RegisterAsync(string stationId, BenchDefinition bench, string hostSilo, CancellationToken cancellationToken, Func<string, bool>? isLiveHost = null)
    {
        ArgumentNullException.ThrowIfNull(bench);
        return database.AsOperatorAsync(async (c, t) =>
        {
            var now = clock.GetUtcNow();
            var roles = bench.Roles.Keys.Order(StringComparer.Ordinal).ToArray();
            var inserted = await Sql.ExecuteAsync(c, t, """
                INSERT INTO stations (id, name, bench_file, station_type, roles, state, health, host_silo, host_seen_at, registered_at)
                VALUES (@id, @name, @file, @type, @roles, 'available', 'unknown', @silo, @now, @now)
                ON CONFLICT (id) DO NOTHING
                """, cancellationToken, ("id", stationId), ("name", bench.Name), ("file", bench.File), ("type", bench.Name), ("roles", roles), ("silo", hostSilo), ("now", now));
            if (inserted == 0)
            {
                var current = await Sql.ScalarAsync<string?>(c, t, "SELECT host_silo FROM stations WHERE id = @id FOR UPDATE", cancellationToken, ("id", stationId));
                if (current is not null && current != hostSilo && isLiveHost?.Invoke(current) == true)
                {
                    throw new InvalidOperationException(
                        $"Station '{stationId}' is already served by the live station host {current}. Stop that host first, or serve this bench file under another id (--bench ID={bench.File}).");
                }

                await Sql.ExecuteAsync(c, t, """
                    UPDATE stations SET name = @name, bench_file = @file, station_type = @type, roles = @roles, host_silo = @silo, host_seen_at = @now,
                        state = CASE WHEN state = 'offline' THEN 'available' ELSE state END
                    WHERE id = @id
                    """, cancellationToken, ("id", stationId), ("name", bench.Name), ("file", bench.File), ("type", bench.Name), ("roles", roles), ("silo", hostSilo), ("now", now));
            }

            foreach (var instrument in bench.Instruments.Values)
            {
                var played = bench.Roles.Values.Where(r => r.InstrumentId == instrument.Id).Select(r => r.Name).Order(StringComparer.Ordinal).ToArray();
                await Sql.ExecuteAsync(c, t, """
                    INSERT INTO instruments (id, station_id, bench_id, roles, model, serial, status, calibration_due)
                    VALUES (@id, @station, @bench, @roles, @model, @serial, 'in-service', @due)
                    ON CONFLICT (id) DO UPDATE SET roles = excluded.roles, model = excluded.model, serial = excluded.serial,
                        calibration_due = COALESCE((SELECT max(due) FROM calibration_records r WHERE r.instrument_id = excluded.id AND r.passed), excluded.calibration_due)
                    """, cancellationToken, ("id", $"{stationId}/{instrument.Id}"), ("station", stationId), ("bench", instrument.Id), ("roles", played),
                    ("model", instrument.Model), ("serial", instrument.SerialNumber), ("due", instrument.CalibrationDue));
            }

            await AuditLog.AppendAsync(c, t, new AuditEntry(null, hostSilo, inserted == 1 ? "station.register" : "station.reregister", $"station:{stationId}",
                $"bench '{bench.Name}' ({bench.File}), {bench.Instruments.Count} instrument(s), roles: {string.Join(", ", roles)}"), now, cancellationToken);
            return 0;
        }, cancellationToken);
    }

    /// <summary>Every station.</summary>
    public Task<List<StationRecord>> ListAsync(CancellationToken cancellationToken) =>
        database.AsOperatorAsync((c, t) => Sql.ListAsync(c, t, $"SELECT {StationColumns} FROM stations ORDER BY id", Read, cancellationToken), cancellationToken);

    /// <summary>One station, or null.</summary>
    public async Task<StationRecord?> FindAsync(string stationId, CancellationToken cancellationToken) =>
        (await database.AsOperatorAsync((c, t) => Sql.ListAsync(c, t, $"SELECT {StationColumns} FROM stations WHERE id = @id", Read, cancellationToken, ("id", stationId)), cancellationToken)).FirstOrDefault();

    /// <summary>The instruments of <paramref name="stationId"/>, or of every station when null.</summary>
    public Task<List<InstrumentRecord>> InstrumentsAsync(string? stationId, CancellationToken cancellationToken) =>
        database.AsOperatorAsync((c, t) => Sql.ListAsync(c, t,
            "SELECT id, station_id, roles, model, serial, status, calibration_due FROM instruments WHERE @station::text IS NULL OR station_id = @station ORDER BY id",
            r => new InstrumentRecord(r.GetString(0), r.GetString(1), r.GetFieldValue<string[]>(2), r.GetString(3), r.NullableClass<string>(4),
                r.GetString(5) == "in-service", r.Nullable<DateOnly>(6)), cancellationToken, ("station", stationId)), cancellationToken);

    /// <summary>Sets a station's state (an operator draining it, a host going offline), audited.</summary>
    public Task SetStateAsync(string stationId, StationState state, string actor, string reason, CancellationToken cancellationToken) =>
        database.AsOperatorAsync(async (c, t) =>
        {
            var now = clock.GetUtcNow();
            var changed = await Sql.ExecuteAsync(c, t, "UPDATE stations SET state = @state WHERE id = @id", cancellationToken, ("id", stationId), ("state", state.Name()));
            if (changed == 0)
            {
                throw new KeyNotFoundException($"No station '{stationId}'.");
            }

            await AuditLog.AppendAsync(c, t, new AuditEntry(null, actor, "station.state", $"station:{stationId}", $"{state.Name()}: {reason}"), now, cancellationToken);
            return 0;
        }, cancellationToken);

    internal static StationRecord Read(NpgsqlDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetFieldValue<string[]>(4), StationNames.ParseState(r.GetString(5)),
        StationNames.ParseHealth(r.GetString(6)), r.GetInt64(7), r.NullableClass<string>(8), r.Nullable<DateTimeOffset>(9));
}
