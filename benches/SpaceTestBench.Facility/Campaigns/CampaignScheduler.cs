using Npgsql;
using SpaceTestBench.Facility.Audit;
using SpaceTestBench.Facility.Leasing;
using SpaceTestBench.Facility.Stations;
using SpaceTestBench.Facility.Store;

namespace SpaceTestBench.Facility.Campaigns;

/// <summary>A campaign (or a health check) the scheduler placed on a station under a fresh lease.</summary>
/// <param name="Lease">The lease.</param>
/// <param name="Station">The station.</param>
/// <param name="Campaign">The campaign; null for a health check.</param>
public sealed record Placement(Lease Lease, StationRecord Station, CampaignRecord? Campaign)
{
    /// <summary>For a resumed campaign, the run folder of the aborted run it continues; otherwise null.</summary>
    public string? ResumeFolder { get; init; }
}

/// <summary>
/// Decides what runs where. A station is eligible for a campaign when it is available, its health is
/// good, it offers every role the campaign needs, and every one of its instruments is in service and
/// calibrated until the campaign's planned end (ISO/IEC 17025 §6.4: equipment out of calibration is not
/// used). Among queued campaigns the highest priority goes first; at equal priority, the tenant using the
/// least of its fair share (running campaigns ÷ share), then the oldest. A campaign that fits no
/// station waits without holding back others that fit (backfilling). A resumed campaign fits only the
/// station of the run it continues: its run folder is there, and its record names that bench's instruments.
/// </summary>
public sealed class CampaignScheduler(FacilityDatabase database, LeaseManager leases, TimeProvider clock)
{
    // Any 64-bit constant: two control nodes never place at once.
    private const long SchedulerLock = 0x5363686564756c65;

    /// <summary>Places every queued campaign that fits a free, eligible station now.</summary>
    /// <param name="liveHosts">Silos of the station hosts known to be alive: a station on any other host is not eligible.</param>
    /// <param name="timeToLive">The leases' time to live.</param>
    /// <param name="cancellationToken">Stops.</param>
    public Task<List<Placement>> PlaceCampaignsAsync(IReadOnlySet<string> liveHosts, TimeSpan timeToLive, CancellationToken cancellationToken) =>
        database.AsOperatorAsync(async (c, t) =>
        {
            await Sql.ExecuteAsync(c, t, "SELECT pg_advisory_xact_lock(@lock)", cancellationToken, ("lock", SchedulerLock));
            var now = clock.GetUtcNow();
            var free = (await FreeStationsAsync(c, t, "good", liveHosts, cancellationToken)).ToList();
            var queued = await Sql.ListAsync(c, t, $"SELECT {CampaignQueue.Columns} FROM campaigns WHERE state = 'queued' ORDER BY submitted_at", CampaignQueue.Read, cancellationToken);
            var resumes = (await Sql.ListAsync(c, t, "SELECT k.id, r.station_id, r.folder FROM campaigns k JOIN runs r ON r.id = k.resume_of WHERE k.state = 'queued'",
                r => (Campaign: r.GetGuid(0), Station: r.GetString(1), Folder: r.GetString(2)), cancellationToken)).ToDictionary(r => r.Campaign, r => (r.Station, r.Folder));
            var shares = await Sql.ListAsync(c, t, """
                SELECT t.id, t.share, (SELECT count(*) FROM campaigns k WHERE k.tenant_id = t.id AND k.state IN ('placed', 'running'))
                FROM tenants t
                """, r => (Tenant: r.GetGuid(0), Share: r.GetInt32(1), Active: r.GetInt64(2)), cancellationToken);
            var share = shares.ToDictionary(s => s.Tenant, s => s.Share);
            var active = shares.ToDictionary(s => s.Tenant, s => (double)s.Active);
            var placements = new List<Placement>();
            while (free.Count > 0 && queued.Count > 0)
            {
                var placed = false;
                foreach (var campaign in queued.OrderByDescending(k => k.Request.Priority).ThenBy(k => active[k.Tenant] / share[k.Tenant]).ThenBy(k => k.SubmittedAt).ToList())
                {
                    var plannedEnd = DateOnly.FromDateTime((now + campaign.Request.PlannedDuration).UtcDateTime);
                    var resume = resumes.TryGetValue(campaign.Id, out var pinned) ? pinned : ((string Station, string Folder)?)null;
                    var station = free.FirstOrDefault(s => (resume?.Station ?? s.Station.Id) == s.Station.Id
                        && campaign.Request.RequiredRoles.All(s.Station.Roles.Contains) && s.CalibratedUntil(plannedEnd));
                    if (station is null)
                    {
                        continue;
                    }

                    var lease = await leases.TryAcquireAsync(c, t, station.Station.Id, campaign.Tenant, "scheduler", LeasePurpose.Campaign, timeToLive, campaign.Id, null, null, cancellationToken);
                    free.Remove(station);
                    if (lease is null)
                    {
                        break;
                    }

                    await Sql.ExecuteAsync(c, t, "UPDATE campaigns SET state = 'placed', station_id = @station, placed_at = @now WHERE id = @id", cancellationToken,
                        ("id", campaign.Id), ("station", station.Station.Id), ("now", now));
                    await RunLedger.AppendEventAsync(c, t, campaign.Tenant, campaign.Id, "placed",
                        $"placed on station {station.Station.Id} (fencing {lease.Fencing}){(resume is { } continued ? $" to resume the run in {continued.Folder}" : "")}", now, cancellationToken);
                    await AuditLog.AppendAsync(c, t, new AuditEntry(campaign.Tenant, "scheduler", "campaign.place", $"campaign:{campaign.Id}", $"station {station.Station.Id}, lease {lease.Id}"), now, cancellationToken);
                    placements.Add(new Placement(lease, station.Station, campaign with { State = CampaignState.Placed, StationId = station.Station.Id, PlacedAt = now })
                    {
                        ResumeFolder = resume?.Folder,
                    });
                    queued.Remove(campaign);
                    active[campaign.Tenant] += 1;
                    placed = true;
                    break;
                }

                if (!placed)
                {
                    break;
                }
            }

            return placements;
        }, cancellationToken);

    /// <summary>
    /// Grants queued reservations, oldest first, each on a free, healthy station it names or that offers its
    /// roles; the lease is held by the tenant's heartbeat and never past the reservation's duration.
    /// </summary>
    public Task<int> GrantReservationsAsync(IReadOnlySet<string> liveHosts, CancellationToken cancellationToken) =>
        database.AsOperatorAsync(async (c, t) =>
        {
            await Sql.ExecuteAsync(c, t, "SELECT pg_advisory_xact_lock(@lock)", cancellationToken, ("lock", SchedulerLock));
            var now = clock.GetUtcNow();
            var free = await FreeStationsAsync(c, t, "good", liveHosts, cancellationToken);
            var queued = await Sql.ListAsync(c, t, "SELECT id, tenant_id, requested_by, station_id, roles, duration_s, ttl_s FROM reservations WHERE state = 'queued' ORDER BY created_at",
                r => (Id: r.GetGuid(0), Tenant: r.GetGuid(1), By: r.GetString(2), Station: r.NullableClass<string>(3), Roles: r.GetFieldValue<string[]>(4), Duration: r.GetInt32(5), Ttl: r.GetInt32(6)),
                cancellationToken);
            var granted = 0;
            foreach (var reservation in queued)
            {
                var station = free.FirstOrDefault(s => reservation.Station is null ? reservation.Roles.All(s.Station.Roles.Contains) : s.Station.Id == reservation.Station);
                if (station is null)
                {
                    continue;
                }

                free.Remove(station);
                if (await leases.TryAcquireAsync(c, t, station.Station.Id, reservation.Tenant, reservation.By, LeasePurpose.Reservation, TimeSpan.FromSeconds(reservation.Ttl),
                    null, reservation.Id, TimeSpan.FromSeconds(reservation.Duration), cancellationToken) is { } lease)
                {
                    await Sql.ExecuteAsync(c, t, "UPDATE reservations SET state = 'granted', station_id = @station, lease_id = @lease WHERE id = @id", cancellationToken,
                        ("id", reservation.Id), ("station", station.Station.Id), ("lease", lease.Id));
                    granted++;
                }
            }

            return granted;
        }, cancellationToken);

    /// <summary>Leases every free station whose health is Unknown (never checked, or a run was aborted on it) for its health check.</summary>
    public Task<List<Placement>> PlaceHealthChecksAsync(Guid facilityTenant, IReadOnlySet<string> liveHosts, TimeSpan timeToLive, CancellationToken cancellationToken) =>
        database.AsOperatorAsync(async (c, t) =>
        {
            await Sql.ExecuteAsync(c, t, "SELECT pg_advisory_xact_lock(@lock)", cancellationToken, ("lock", SchedulerLock));
            var placements = new List<Placement>();
            foreach (var station in await FreeStationsAsync(c, t, "unknown", liveHosts, cancellationToken))
            {
                if (await leases.TryAcquireAsync(c, t, station.Station.Id, facilityTenant, "health-check", LeasePurpose.HealthCheck, timeToLive, null, null, null, cancellationToken) is { } lease)
                {
                    placements.Add(new Placement(lease, station.Station, null));
                }
            }

            return placements;
        }, cancellationToken);

    /// <summary>Stations whose last passing health check is older than <paramref name="interval"/> become Unknown, so their next check comes before their next lease.</summary>
    public Task<int> ScheduleHealthChecksAsync(TimeSpan interval, CancellationToken cancellationToken) =>
        database.AsOperatorAsync((c, t) => Sql.ExecuteAsync(c, t, """
            UPDATE stations SET health = 'unknown' WHERE health = 'good' AND state = 'available' AND last_health_check_at < @due
            """, cancellationToken, ("due", clock.GetUtcNow() - interval)), cancellationToken);

    /// <summary>Marks Offline every station whose host is not among <paramref name="liveHosts"/>; returns their ids.</summary>
    public Task<List<string>> MarkOfflineAsync(IReadOnlySet<string> liveHosts, CancellationToken cancellationToken) =>
        database.AsOperatorAsync(async (c, t) =>
        {
            var now = clock.GetUtcNow();
            var gone = await Sql.ListAsync(c, t, "UPDATE stations SET state = 'offline' WHERE state <> 'offline' AND NOT (host_silo = ANY(@live)) RETURNING id",
                r => r.GetString(0), cancellationToken, ("live", liveHosts.ToArray()));
            foreach (var id in gone)
            {
                await AuditLog.AppendAsync(c, t, new AuditEntry(null, "scheduler", "station.offline", $"station:{id}", "its station host left the cluster"), now, cancellationToken);
            }

            return gone;
        }, cancellationToken);

    /// <summary>A placement the station host refused or could not be reached for: the lease ends and the campaign queues again.</summary>
    public Task UndoAsync(Placement placement, string reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(placement);
        return database.AsOperatorAsync(async (c, t) =>
        {
            var now = clock.GetUtcNow();
            await Sql.ExecuteAsync(c, t, "UPDATE leases SET ended_at = @now, end_reason = 'revoked' WHERE id = @id AND ended_at IS NULL", cancellationToken, ("id", placement.Lease.Id), ("now", now));
            await Sql.ExecuteAsync(c, t, "UPDATE stations SET state = 'available' WHERE id = @id AND state = 'leased'", cancellationToken, ("id", placement.Station.Id));
            if (placement.Campaign is { } campaign)
            {
                await Sql.ExecuteAsync(c, t, "UPDATE campaigns SET state = 'queued', station_id = NULL, placed_at = NULL WHERE id = @id AND state = 'placed'", cancellationToken, ("id", campaign.Id));
                await RunLedger.AppendEventAsync(c, t, campaign.Tenant, campaign.Id, "requeued", $"station {placement.Station.Id} did not take it ({reason}); queued again", now, cancellationToken);
            }

            await AuditLog.AppendAsync(c, t, new AuditEntry(placement.Lease.Tenant, "scheduler", "lease.revoke", $"station:{placement.Station.Id}", $"lease {placement.Lease.Id}: {reason}"), now, cancellationToken);
            return 0;
        }, cancellationToken);
    }

    private static async Task<List<EligibleStation>> FreeStationsAsync(NpgsqlConnection c, NpgsqlTransaction t, string health, IReadOnlySet<string> liveHosts, CancellationToken cancellationToken)
    {
        var stations = await Sql.ListAsync(c, t, $"""
            SELECT {string.Join(", ", StationRegistry.StationColumns.Split(", ").Select(column => "s." + column))},
                   bool_and(i.status = 'in-service') OVER w, min(i.calibration_due) OVER w
            FROM stations s LEFT JOIN instruments i ON i.station_id = s.id
            WHERE s.state = 'available' AND s.health = @health AND s.host_silo = ANY(@live)
              AND NOT EXISTS (SELECT 1 FROM leases l WHERE l.station_id = s.id AND l.ended_at IS NULL)
            WINDOW w AS (PARTITION BY s.id)
            ORDER BY s.id
            """, r => new EligibleStation(StationRegistry.Read(r), r.IsDBNull(10) || r.GetBoolean(10), r.Nullable<DateOnly>(11)), cancellationToken,
            ("health", health), ("live", liveHosts.ToArray()));
        return stations.DistinctBy(s => s.Station.Id).Where(s => s.InService).ToList();
    }

    private sealed record EligibleStation(StationRecord Station, bool InService, DateOnly? EarliestCalibrationDue)
    {
        public bool CalibratedUntil(DateOnly plannedEnd) => EarliestCalibrationDue is null || EarliestCalibrationDue.Value >= plannedEnd;
    }
}
