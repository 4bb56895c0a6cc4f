using Npgsql;
using SpaceTestBench.Facility.Audit;
using SpaceTestBench.Facility.Store;

namespace SpaceTestBench.Facility.Leasing;

/// <summary>
/// Leases on stations, kept in the database: granted with the station's next fencing number, held by
/// heartbeat, ended by release or, when the holder stops beating, by expiry (labgrid's most wanted fix:
/// a lock that outlives its holder). A lease that expires with a run on its station aborts that run and
/// leaves the station's health Unknown, so nothing leases it again before a health check passes.
/// All instants come from the injected clock, so expiry is tested without waiting.
/// </summary>
public sealed class LeaseManager(FacilityDatabase database, TimeProvider clock)
{
    private const string LeaseColumns = "id, tenant_id, station_id, fencing, holder, ttl_s, expires_at";

    /// <summary>
    /// Leases <paramref name="stationId"/> if it is available (and healthy, unless the lease is for its health
    /// check); returns null when it is not. The station's fencing number is incremented in the same transaction.
    /// </summary>
    public Task<Lease?> TryAcquireAsync(string stationId, Guid tenant, string holder, LeasePurpose purpose, TimeSpan timeToLive, Guid? campaign, Guid? reservation, CancellationToken cancellationToken) =>
        database.AsOperatorAsync((c, t) => TryAcquireAsync(c, t, stationId, tenant, holder, purpose, timeToLive, campaign, reservation, null, cancellationToken), cancellationToken);

    /// <summary>A reservation's lease: as <see cref="TryAcquireAsync(string, Guid, string, LeasePurpose, TimeSpan, Guid?, Guid?, CancellationToken)"/>, and never held past <paramref name="holdFor"/> from now, heartbeats or not.</summary>
    public Task<Lease?> TryReserveAsync(string stationId, Guid tenant, string holder, TimeSpan timeToLive, TimeSpan holdFor, CancellationToken cancellationToken) =>
        database.AsOperatorAsync((c, t) => TryAcquireAsync(c, t, stationId, tenant, holder, LeasePurpose.Reservation, timeToLive, null, null, holdFor, cancellationToken), cancellationToken);

    /// <summary><see cref="TryAcquireAsync(string, Guid, string, LeasePurpose, TimeSpan, Guid?, Guid?, CancellationToken)"/> in the caller's operator transaction.</summary>
    internal async Task<Lease?> TryAcquireAsync(NpgsqlConnection c, NpgsqlTransaction t, string stationId, Guid tenant, string holder, LeasePurpose purpose, TimeSpan timeToLive, Guid? campaign, Guid? reservation, TimeSpan? holdFor, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var ttl = (int)Math.Ceiling(timeToLive.TotalSeconds);
        // The health a lease needs: a health check is what turns Unknown into Good.
        var health = purpose == LeasePurpose.HealthCheck ? "unknown" : "good";
        var fencing = await Sql.ListAsync(c, t, """
            UPDATE stations SET fencing = fencing + 1, state = 'leased'
            WHERE id = @id AND state = 'available' AND health = @health
              AND NOT EXISTS (SELECT 1 FROM leases WHERE station_id = @id AND ended_at IS NULL)
            RETURNING fencing
            """, r => r.GetInt64(0), cancellationToken, ("id", stationId), ("health", health));
        if (fencing.Count == 0)
        {
            return null;
        }

        DateTimeOffset? holdUntil = holdFor is { } hold ? now + hold : null;
        var expires = now.AddSeconds(ttl);
        var lease = new Lease(Guid.NewGuid(), tenant, stationId, fencing[0], holder, TimeSpan.FromSeconds(ttl), holdUntil < expires ? holdUntil.Value : expires);
        await Sql.ExecuteAsync(c, t, """
            INSERT INTO leases (id, tenant_id, station_id, reservation_id, campaign_id, purpose, fencing, holder, ttl_s, granted_at, expires_at, hold_until)
            VALUES (@id, @tenant, @station, @reservation, @campaign, @purpose, @fencing, @holder, @ttl, @now, @expires, @hold)
            """, cancellationToken, ("id", lease.Id), ("purpose", PurposeName(purpose)), ("hold", holdUntil), ("tenant", tenant), ("station", stationId), ("reservation", reservation), ("campaign", campaign),
            ("fencing", lease.Fencing), ("holder", holder), ("ttl", ttl), ("now", now), ("expires", lease.ExpiresAt));
        await AuditLog.AppendAsync(c, t, new AuditEntry(tenant, holder, "lease.grant", $"station:{stationId}",
            $"lease {lease.Id} for {purpose}, fencing {lease.Fencing}, time to live {ttl} s"), now, cancellationToken);
        return lease;
    }

    private const string HeartbeatSql = """
        UPDATE leases SET expires_at = LEAST(@now + make_interval(secs => ttl_s), COALESCE(hold_until, 'infinity'))
        WHERE id = @id AND fencing = @fencing AND ended_at IS NULL AND expires_at > @now
        """;

    /// <summary>
    /// Extends a live lease by its time to live; false when it has ended or expired (the holder must then stop
    /// driving the station: its fencing number is no longer current).
    /// </summary>
    public Task<bool> HeartbeatAsync(Guid leaseId, long fencing, CancellationToken cancellationToken) =>
        database.AsOperatorAsync(async (c, t) =>
            await Sql.ExecuteAsync(c, t, HeartbeatSql, cancellationToken, ("id", leaseId), ("fencing", fencing), ("now", clock.GetUtcNow())) == 1,
            cancellationToken);

    /// <summary>
    /// <see cref="HeartbeatAsync"/> with blocking I/O, for a thread of its own: a station host's heartbeat must not
    /// wait for a thread pool that the bench work keeps busy (a stalled pool once delayed a beat past a lease's life).
    /// </summary>
    public bool Heartbeat(Guid leaseId, long fencing)
    {
        using var connection = database.Operator.OpenConnection();
        using var command = Sql.Command(connection, null, HeartbeatSql, ("id", leaseId), ("fencing", fencing), ("now", clock.GetUtcNow()));
        return command.ExecuteNonQuery() == 1;
    }

    /// <summary>Ends a live lease; the station becomes available again (unless it is draining, bad or offline).</summary>
    public Task<bool> ReleaseAsync(Guid leaseId, string actor, CancellationToken cancellationToken) =>
        database.AsOperatorAsync(async (c, t) =>
        {
            var now = clock.GetUtcNow();
            var ended = await Sql.ListAsync(c, t, $"UPDATE leases SET ended_at = @now, end_reason = 'released' WHERE id = @id AND ended_at IS NULL RETURNING {LeaseColumns}",
                Read, cancellationToken, ("id", leaseId), ("now", now));
            if (ended.Count == 0)
            {
                return false;
            }

            await Sql.ExecuteAsync(c, t, "UPDATE stations SET state = 'available' WHERE id = @id AND state IN ('leased', 'running')", cancellationToken, ("id", ended[0].StationId));
            await AuditLog.AppendAsync(c, t, new AuditEntry(ended[0].Tenant, actor, "lease.release", $"station:{ended[0].StationId}", $"lease {leaseId}, fencing {ended[0].Fencing}"), now, cancellationToken);
            return true;
        }, cancellationToken);

    /// <summary>
    /// Ends every lease whose holder stopped beating: its runs end Aborted, their campaigns too, and the
    /// station's health becomes Unknown (a health check must pass before it is leased again).
    /// </summary>
    public Task<List<ExpiredLease>> ExpireAsync(CancellationToken cancellationToken) =>
        database.AsOperatorAsync(async (c, t) =>
        {
            var now = clock.GetUtcNow();
            var expired = await Sql.ListAsync(c, t, $"""
                UPDATE leases SET ended_at = @now, end_reason = 'expired'
                WHERE ended_at IS NULL AND expires_at <= @now RETURNING {LeaseColumns}
                """, Read, cancellationToken, ("now", now));
            var result = new List<ExpiredLease>();
            foreach (var lease in expired)
            {
                var runs = await Sql.ListAsync(c, t, """
                    UPDATE runs SET state = 'aborted', verdict = 'Aborted', ended_at = @now
                    WHERE station_id = @station AND fencing = @fencing AND state = 'running' RETURNING id, campaign_id
                    """, r => (Run: r.GetGuid(0), Campaign: r.GetGuid(1)), cancellationToken, ("station", lease.StationId), ("fencing", lease.Fencing), ("now", now));
                await Sql.ExecuteAsync(c, t, """
                    UPDATE campaigns SET state = 'aborted', ended_at = @now
                    WHERE state IN ('placed', 'running') AND id = (SELECT campaign_id FROM leases WHERE id = @lease)
                    """, cancellationToken, ("lease", lease.Id), ("now", now));
                // Whatever held the station may have died mid-command: nothing is known about the bench.
                await Sql.ExecuteAsync(c, t, """
                    UPDATE stations SET health = 'unknown', state = CASE WHEN state IN ('leased', 'running') THEN 'available' ELSE state END WHERE id = @id
                    """, cancellationToken, ("id", lease.StationId));
                await AuditLog.AppendAsync(c, t, new AuditEntry(lease.Tenant, "lease-sweeper", "lease.expire", $"station:{lease.StationId}",
                    $"lease {lease.Id}, fencing {lease.Fencing}, held by {lease.Holder}: no heartbeat since it expired at {lease.ExpiresAt:O}; {runs.Count} run(s) aborted; station needs a health check"), now, cancellationToken);
                result.Add(new ExpiredLease(lease, runs.Select(r => r.Run).ToList()));
            }

            return result;
        }, cancellationToken);

    /// <summary>The live lease of <paramref name="stationId"/> (not ended, not past its expiry), or null.</summary>
    public async Task<Lease?> CurrentAsync(string stationId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var found = await database.AsOperatorAsync((c, t) => Sql.ListAsync(c, t, $"""
            SELECT {LeaseColumns} FROM leases WHERE station_id = @station AND ended_at IS NULL AND expires_at > @now
            """, Read, cancellationToken, ("station", stationId), ("now", now)), cancellationToken);
        return found.FirstOrDefault();
    }

    /// <summary>The wire name of a purpose ("reservation", "campaign", "health-check").</summary>
    public static string PurposeName(LeasePurpose purpose) => purpose switch
    {
        LeasePurpose.Reservation => "reservation",
        LeasePurpose.Campaign => "campaign",
        _ => "health-check",
    };

    private static Lease Read(NpgsqlDataReader r) => new(
        r.GetGuid(0), r.GetGuid(1), r.GetString(2), r.GetInt64(3), r.GetString(4), TimeSpan.FromSeconds(r.GetInt32(5)), r.GetFieldValue<DateTimeOffset>(6));
}
