using Npgsql;
using SpaceTestBench.Facility.Audit;
using SpaceTestBench.Facility.Store;
using SpaceTestBench.Facility.Tenancy;

namespace SpaceTestBench.Facility.Campaigns;

/// <summary>
/// Tenants' campaigns: submitted, read and cancelled within the caller's tenant (row-level security does
/// the filtering: a tenant's transaction cannot see another's rows, whatever the query says).
/// </summary>
public sealed class CampaignQueue(FacilityDatabase database, TimeProvider clock)
{
    internal const string Columns = "id, tenant_id, submitted_by, features, tags, dut_file, samples, required_roles, priority, planned_duration_s, state, station_id, submitted_at, placed_at, ended_at";

    /// <summary>Queues a campaign for <paramref name="caller"/>'s tenant; returns it.</summary>
    public Task<CampaignRecord> SubmitAsync(Caller caller, CampaignRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        if (request.Features.Count == 0)
        {
            throw new ArgumentException("A campaign names at least one feature file or folder.", nameof(request));
        }

        if (request.PlannedDuration <= TimeSpan.Zero)
        {
            throw new ArgumentException("A campaign's planned duration must be positive.", nameof(request));
        }

        var id = Guid.NewGuid();
        return database.InTenantAsync(caller.Tenant, async (c, t) =>
        {
            var now = clock.GetUtcNow();
            var rows = await Sql.ListAsync(c, t, $"""
                INSERT INTO campaigns (id, tenant_id, submitted_by, features, tags, dut_file, samples, required_roles, priority, planned_duration_s, state, submitted_at)
                VALUES (@id, @tenant, @by, @features, @tags, @dut, @samples, @roles, @priority, @duration, 'queued', @now)
                RETURNING {Columns}
                """, Read, cancellationToken, ("id", id), ("tenant", caller.Tenant), ("by", caller.UserName), ("features", request.Features.ToArray()),
                ("tags", request.Tags), ("dut", request.DutFile), ("samples", request.Samples.ToArray()), ("roles", request.RequiredRoles.ToArray()),
                ("priority", request.Priority), ("duration", (int)Math.Ceiling(request.PlannedDuration.TotalSeconds)), ("now", now));
            await AuditLog.AppendAsync(c, t, new AuditEntry(caller.Tenant, caller.UserName, "campaign.submit", $"campaign:{id}",
                $"features {string.Join(", ", request.Features)}; tags '{request.Tags}'; samples {string.Join(", ", request.Samples)}; priority {request.Priority}"), now, cancellationToken);
            return rows[0];
        }, cancellationToken);
    }

    /// <summary>One of the caller's tenant's campaigns, or null (also for another tenant's id).</summary>
    public async Task<CampaignRecord?> FindAsync(Caller caller, Guid id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var rows = await database.InTenantAsync(caller.Tenant, (c, t) => Sql.ListAsync(c, t, $"SELECT {Columns} FROM campaigns WHERE id = @id", Read, cancellationToken, ("id", id)), cancellationToken);
        return rows.FirstOrDefault();
    }

    /// <summary>The caller's tenant's campaigns, newest first.</summary>
    public Task<List<CampaignRecord>> ListAsync(Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return database.InTenantAsync(caller.Tenant, (c, t) => Sql.ListAsync(c, t, $"SELECT {Columns} FROM campaigns ORDER BY submitted_at DESC", Read, cancellationToken), cancellationToken);
    }

    /// <summary>Cancels a queued campaign of the caller's tenant; false when there is none such (or it already left the queue).</summary>
    public Task<bool> CancelAsync(Caller caller, Guid id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return database.InTenantAsync(caller.Tenant, async (c, t) =>
        {
            var now = clock.GetUtcNow();
            var changed = await Sql.ExecuteAsync(c, t, "UPDATE campaigns SET state = 'cancelled', ended_at = @now WHERE id = @id AND state = 'queued'", cancellationToken, ("id", id), ("now", now));
            if (changed == 1)
            {
                await AuditLog.AppendAsync(c, t, new AuditEntry(caller.Tenant, caller.UserName, "campaign.cancel", $"campaign:{id}", "cancelled while queued"), now, cancellationToken);
            }

            return changed == 1;
        }, cancellationToken);
    }

    /// <summary>
    /// Queues again an aborted campaign of the caller's tenant to continue its cut run (issue 15: resume
    /// anywhere): the scheduler places it only on the run's station, once that station is healthy again, and
    /// the station host continues the run in its own run folder as <c>spacebench run --resume</c> does (finished
    /// scenarios are not rerun; every recorded row is kept). Null when there is no such campaign (also for
    /// another tenant's id); otherwise why it cannot be resumed, or "" when it was queued.
    /// </summary>
    public Task<string?> ResumeAsync(Caller caller, Guid id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return database.InTenantAsync<string?>(caller.Tenant, async (c, t) =>
        {
            var now = clock.GetUtcNow();
            var state = await Sql.ScalarAsync<string?>(c, t, "SELECT state FROM campaigns WHERE id = @id FOR UPDATE", cancellationToken, ("id", id));
            if (state is null)
            {
                return null;
            }

            if (state != "aborted")
            {
                return $"campaign {id} is {state}: only an aborted campaign (its station host died or lost its lease mid-run) can be resumed.";
            }

            var runs = await Sql.ListAsync(c, t, "SELECT id, station_id, folder FROM runs WHERE campaign_id = @id AND state = 'aborted' ORDER BY started_at DESC LIMIT 1",
                r => (Run: r.GetGuid(0), Station: r.GetString(1), Folder: r.GetString(2)), cancellationToken, ("id", id));
            if (runs.Count == 0)
            {
                return $"campaign {id} ended before its run recorded anything: submit it again.";
            }

            var (run, station, folder) = runs[0];
            await Sql.ExecuteAsync(c, t, "UPDATE campaigns SET state = 'queued', resume_of = @run, placed_at = NULL, ended_at = NULL WHERE id = @id",
                cancellationToken, ("id", id), ("run", run));
            await RunLedger.AppendEventAsync(c, t, caller.Tenant, id, "resume-queued",
                $"queued to resume run {run} from its run folder {folder} on station {station}, once that station has passed its health check", now, cancellationToken);
            await AuditLog.AppendAsync(c, t, new AuditEntry(caller.Tenant, caller.UserName, "campaign.resume", $"campaign:{id}",
                $"resumes aborted run {run} on station {station} from {folder}"), now, cancellationToken);
            return "";
        }, cancellationToken);
    }

    /// <summary>The runs of one of the caller's tenant's campaigns.</summary>
    public Task<List<RunRecord>> RunsAsync(Caller caller, Guid campaign, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return database.InTenantAsync(caller.Tenant, (c, t) => Sql.ListAsync(c, t,
            "SELECT id, campaign_id, station_id, fencing, folder, state, verdict FROM runs WHERE campaign_id = @id ORDER BY started_at",
            ReadRun, cancellationToken, ("id", campaign)), cancellationToken);
    }

    internal static RunRecord ReadRun(NpgsqlDataReader r) => new(r.GetGuid(0), r.GetGuid(1), r.GetString(2), r.GetInt64(3), r.GetString(4), r.GetString(5), r.NullableClass<string>(6));

    internal static CampaignRecord Read(NpgsqlDataReader r) => new(
        r.GetGuid(0), r.GetGuid(1), r.GetString(2),
        new CampaignRequest(r.GetFieldValue<string[]>(3), r.NullableClass<string>(4), r.NullableClass<string>(5), r.GetFieldValue<string[]>(6),
            r.GetFieldValue<string[]>(7), r.GetInt32(8), TimeSpan.FromSeconds(r.GetInt32(9))),
        Enum.Parse<CampaignState>(r.GetString(10), ignoreCase: true), r.NullableClass<string>(11), r.GetFieldValue<DateTimeOffset>(12),
        r.Nullable<DateTimeOffset>(13), r.Nullable<DateTimeOffset>(14));
}
