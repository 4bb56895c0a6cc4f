using SpaceTestBench.Facility.Audit;
using SpaceTestBench.Facility.Store;

namespace SpaceTestBench.Facility.Campaigns;

/// <summary>
/// What the station hosts write as their work goes: a run starts, progresses, ends; a health check passes
/// or fails. Every write from a station host's run names the lease's fencing number and changes nothing once
/// that lease is over — ended, or past its expiry even before the sweeper ends it — so a host that lost its lease
/// (a paused or cut-off process whose run the facility aborts) cannot rewrite or complete the outcome.
/// </summary>
public sealed class RunLedger(FacilityDatabase database, TimeProvider clock)
{
    /// <summary>Records the start of a run under a live lease; null when the lease is no longer live.</summary>
    public Task<Guid?> StartRunAsync(Guid tenant, Guid? campaign, string stationId, long fencing, string folder, CancellationToken cancellationToken) =>
        database.AsOperatorAsync<Guid?>(async (c, t) =>
        {
            var now = clock.GetUtcNow();
            if (!await IsLiveAsync(c, t, stationId, fencing, now, cancellationToken))
            {
                return null;
            }

            var id = Guid.NewGuid();
            await Sql.ExecuteAsync(c, t, """
                INSERT INTO runs (id, tenant_id, campaign_id, station_id, fencing, folder, instruments, state, started_at)
                VALUES (@id, @tenant, @campaign, @station, @fencing, @folder, ARRAY(SELECT id FROM instruments WHERE station_id = @station ORDER BY id), 'running', @now)
                """, cancellationToken, ("id", id), ("tenant", tenant), ("campaign", campaign), ("station", stationId), ("fencing", fencing), ("folder", folder), ("now", now));
            await Sql.ExecuteAsync(c, t, "UPDATE stations SET state = 'running' WHERE id = @id AND state = 'leased'", cancellationToken, ("id", stationId));
            if (campaign is { } campaignId)
            {
                await Sql.ExecuteAsync(c, t, "UPDATE campaigns SET state = 'running' WHERE id = @id AND state = 'placed'", cancellationToken, ("id", campaignId));
                await AppendEventAsync(c, t, tenant, campaignId, "run-started", $"run {id} started on station {stationId} (fencing {fencing})", now, cancellationToken);
            }

            return id;
        }, cancellationToken);

    /// <summary>Records a line of a campaign's console progress (server-sent to the tenant as a "progress" event).</summary>
    public Task ProgressAsync(Guid tenant, Guid campaign, string text, CancellationToken cancellationToken) =>
        EventAsync(tenant, campaign, "progress", text, cancellationToken);

    /// <summary>
    /// Records one of a campaign's progress events (server-sent to the tenant): a console line ("progress"),
    /// the progress picture ("snapshot") or a batch of measurements ("measurements"); see <see cref="CampaignProgressPublisher"/>.
    /// </summary>
    public Task EventAsync(Guid tenant, Guid campaign, string kind, string text, CancellationToken cancellationToken) =>
        database.AsOperatorAsync(async (c, t) =>
        {
            await AppendEventAsync(c, t, tenant, campaign, kind, text, clock.GetUtcNow(), cancellationToken);
            return 0;
        }, cancellationToken);

    /// <summary>
    /// As <see cref="EventAsync(Guid, Guid, string, string, CancellationToken)"/>, from the run working under the lease
    /// of <paramref name="stationId"/> with <paramref name="fencing"/>: false, and nothing recorded, once that lease is
    /// over (ended, or past its expiry though the sweeper has not ended it yet), so a host that lost its lease
    /// cannot add to the story of a campaign the facility aborted.
    /// </summary>
    public Task<bool> EventAsync(Guid tenant, Guid campaign, string stationId, long fencing, string kind, string text, CancellationToken cancellationToken) =>
        database.AsOperatorAsync(async (c, t) =>
        {
            var now = clock.GetUtcNow();
            if (!await IsLiveAsync(c, t, stationId, fencing, now, cancellationToken))
            {
                return false;
            }

            await AppendEventAsync(c, t, tenant, campaign, kind, text, now, cancellationToken);
            return true;
        }, cancellationToken);

    /// <summary>
    /// Records the end of a run: its verdict, the campaign's outcome, and the run folder as a zip archive (so
    /// the tenant can fetch it from the control node). False when the run is no longer running (the sweeper
    /// aborted it after its lease expired) or its lease is past its expiry (the sweeper is about to abort it): nothing is
    /// changed then, so a host that outlived its lease cannot complete a campaign the facility aborts.
    /// </summary>
    public Task<bool> FinishRunAsync(Guid run, string verdict, int exitCode, byte[]? archive, string? reportPath, CancellationToken cancellationToken) =>
        database.AsOperatorAsync(async (c, t) =>
        {
            var now = clock.GetUtcNow();
            var rows = await Sql.ListAsync(c, t, """
                UPDATE runs r SET state = 'finished', verdict = @verdict, exit_code = @exit, archive = @archive, ended_at = @now
                WHERE r.id = @id AND r.state = 'running'
                  AND EXISTS (SELECT 1 FROM leases l WHERE l.station_id = r.station_id AND l.fencing = r.fencing AND l.ended_at IS NULL AND l.expires_at > @now)
                RETURNING tenant_id, campaign_id, station_id
                """, r => (Tenant: r.GetGuid(0), Campaign: r.Nullable<Guid>(1), Station: r.GetString(2)), cancellationToken,
                ("id", run), ("verdict", verdict), ("exit", exitCode), ("archive", archive), ("now", now));
            if (rows.Count == 0)
            {
                return false;
            }

            var (tenant, campaign, _) = rows[0];
            if (campaign is { } campaignId)
            {
                var state = verdict == "Pass" ? "passed" : "failed";
                await Sql.ExecuteAsync(c, t, "UPDATE campaigns SET state = @state, ended_at = @now WHERE id = @id AND state = 'running'", cancellationToken,
                    ("id", campaignId), ("state", state), ("now", now));
                if (reportPath is not null)
                {
                    await Sql.ExecuteAsync(c, t, "INSERT INTO reports (id, tenant_id, run_id, path, created_at) VALUES (@id, @tenant, @run, @path, @now)", cancellationToken,
                        ("id", Guid.NewGuid()), ("tenant", tenant), ("run", run), ("path", reportPath), ("now", now));
                }

                await AppendEventAsync(c, t, tenant, campaignId, "run-finished", $"run {run} finished: {verdict} (exit code {exitCode})", now, cancellationToken);
                await AuditLog.AppendAsync(c, t, new AuditEntry(tenant, "station-host", "run.finish", $"run:{run}", $"campaign {campaignId}: {verdict}"), now, cancellationToken);
            }

            return true;
        }, cancellationToken);

    /// <summary>
    /// Records a health check's outcome under its lease: a pass makes the station Good, a failure Bad (taken
    /// out of scheduling until an operator asks for a new check). False when the lease is no longer live.
    /// </summary>
    public Task<bool> RecordHealthCheckAsync(string stationId, long fencing, bool passed, string detail, CancellationToken cancellationToken) =>
        database.AsOperatorAsync(async (c, t) =>
        {
            var now = clock.GetUtcNow();
            var changed = await Sql.ExecuteAsync(c, t, """
                UPDATE stations s SET health = @health, last_health_check_at = CASE WHEN @passed THEN @now ELSE s.last_health_check_at END,
                    state = CASE WHEN @passed THEN s.state ELSE 'bad' END
                WHERE s.id = @id AND EXISTS (SELECT 1 FROM leases l WHERE l.station_id = s.id AND l.fencing = @fencing AND l.ended_at IS NULL AND l.expires_at > @now)
                """, cancellationToken, ("id", stationId), ("health", passed ? "good" : "bad"), ("passed", passed), ("fencing", fencing), ("now", now));
            if (changed == 1)
            {
                await AuditLog.AppendAsync(c, t, new AuditEntry(null, "station-host", passed ? "health.pass" : "health.fail", $"station:{stationId}", detail), now, cancellationToken);
            }

            return changed == 1;
        }, cancellationToken);

    private static async Task<bool> IsLiveAsync(Npgsql.NpgsqlConnection c, Npgsql.NpgsqlTransaction t, string stationId, long fencing, DateTimeOffset now, CancellationToken cancellationToken) =>
        await Sql.ScalarAsync<long>(c, t, "SELECT count(*) FROM leases WHERE station_id = @s AND fencing = @f AND ended_at IS NULL AND expires_at > @now",
            cancellationToken, ("s", stationId), ("f", fencing), ("now", now)) > 0;

    internal static Task AppendEventAsync(Npgsql.NpgsqlConnection c, Npgsql.NpgsqlTransaction t, Guid tenant, Guid campaign, string kind, string text, DateTimeOffset at, CancellationToken cancellationToken) =>
        Sql.ExecuteAsync(c, t, "INSERT INTO campaign_events (tenant_id, campaign_id, at, kind, text) VALUES (@tenant, @campaign, @at, @kind, @text)", cancellationToken,
            ("tenant", tenant), ("campaign", campaign), ("at", at), ("kind", kind), ("text", text));
}
