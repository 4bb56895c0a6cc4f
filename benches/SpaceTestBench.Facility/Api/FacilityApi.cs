using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using HttpResults = Microsoft.AspNetCore.Http.Results;
using Microsoft.AspNetCore.Routing;
using SpaceTestBench.Facility.Audit;
using SpaceTestBench.Facility.Campaigns;
using SpaceTestBench.Facility.Cluster;
using SpaceTestBench.Facility.Hosting;
using SpaceTestBench.Facility.Leasing;
using SpaceTestBench.Facility.Stations;
using SpaceTestBench.Facility.Store;
using SpaceTestBench.Facility.Tenancy;

namespace SpaceTestBench.Facility.Api;

/// <summary>
/// The control node's HTTP API under <c>/api/v1</c>, every endpoint behind a bearer token. A tenant's reads
/// run in a transaction with its tenant set, so another tenant's ids find nothing (404), by row-level
/// security, whatever the handler's query says.
/// </summary>
public static class FacilityApi
{
    /// <summary>Maps every endpoint.</summary>
    public static IEndpointRouteBuilder MapFacilityApi(this IEndpointRouteBuilder app, ClusterInfo cluster)
    {
        var api = app.MapGroup("/api/v1").AddEndpointFilter(BearerAuthentication.Filter);

        api.MapGet("/whoami", (HttpContext http) => new WhoAmI(http.Caller().UserName, http.Caller().Tenant, http.Caller().Role.Name()))
            .WithSummary("Who the bearer token belongs to.");

        api.MapGet("/cluster", (HttpContext http) => http.Caller().Can(FacilityRole.FacilityOperator) ? HttpResults.Ok(cluster) : Forbidden())
            .WithSummary("What a station host needs to join (facility operators only).");

        MapStations(api);
        MapLeases(api);
        MapCampaigns(api);
        MapInstruments(api);
        MapAudit(api);

        api.MapPost("/users", async (UserRequest request, HttpContext http, FacilityServices f) =>
        {
            if (!http.Caller().Can(FacilityRole.Admin))
            {
                return Forbidden();
            }

            FacilityRole role;
            try
            {
                role = FacilityRoles.Parse(request.Role);
            }
            catch (ArgumentException e)
            {
                return HttpResults.Problem(e.Message, statusCode: StatusCodes.Status400BadRequest);
            }

            var tenant = await f.Tenants.FindTenantAsync(request.Tenant, http.RequestAborted) ?? await f.Tenants.CreateTenantAsync(request.Tenant, 1, http.Caller().UserName, http.RequestAborted);
            var user = await f.Tenants.CreateUserAsync(tenant, request.Name, role, http.Caller().UserName, http.RequestAborted);
            var token = await f.Tenants.IssueTokenAsync(user, null, http.Caller().UserName, http.RequestAborted);
            return HttpResults.Ok(new UserCreated(tenant, user, token));
        }).WithSummary("Creates a user (and their tenant if new) and issues their first token (admins only).");
        return app;
    }

    private static void MapStations(RouteGroupBuilder api)
    {
        api.MapGet("/stations", async (HttpContext http, FacilityServices f) =>
        {
            var own = await OwnLeasesAsync(f, http.Caller(), http.RequestAborted);
            return (await f.Stations.ListAsync(http.RequestAborted)).Select(s => View(s, own, http.Caller())).ToList();
        }).WithSummary("Every station; another tenant's lease shows as busy.");

        api.MapGet("/stations/{id}", async (string id, HttpContext http, FacilityServices f) =>
            await f.Stations.FindAsync(id, http.RequestAborted) is { } station
                ? HttpResults.Ok(View(station, await OwnLeasesAsync(f, http.Caller(), http.RequestAborted), http.Caller()))
                : NotFound($"station '{id}'"))
            .WithSummary("One station.");

        api.MapPost("/stations/{id}/drain", (string id, HttpContext http, FacilityServices f) => SetStateAsync(id, StationState.Draining, "drained by an operator", http, f))
            .WithSummary("Takes a station out of scheduling after its current work (facility operators).");

        api.MapPost("/stations/{id}/recheck", async (string id, HttpContext http, FacilityServices f) =>
        {
            if (!http.Caller().Can(FacilityRole.FacilityOperator))
            {
                return Forbidden();
            }

            return await RecheckAsync(f, id, http.RequestAborted) ? HttpResults.NoContent() : NotFound($"station '{id}' (or it is busy or offline)");
        }).WithSummary("Returns a bad or drained station to scheduling after a new health check (facility operators).");
    }

    private static void MapLeases(RouteGroupBuilder api)
    {
        api.MapPost("/reservations", async (ReserveRequest request, HttpContext http, FacilityServices f) =>
        {
            var caller = http.Caller();
            var roles = request.Roles ?? [];
            var ttl = TimeSpan.FromSeconds(Math.Clamp(request.TimeToLiveSeconds, 5, 3600));
            var duration = TimeSpan.FromMinutes(Math.Clamp(request.DurationMinutes, 1, 60 * 24 * 90));
            var candidates = (await f.Stations.ListAsync(http.RequestAborted))
                .Where(s => request.Station is null ? roles.All(s.Roles.Contains) : s.Id == request.Station).ToList();
            if (candidates.Count == 0)
            {
                return NotFound(request.Station is null ? $"station offering {string.Join(", ", roles)}" : $"station '{request.Station}'");
            }

            foreach (var station in candidates)
            {
                if (await f.Leases.TryReserveAsync(station.Id, caller.Tenant, caller.UserName, ttl, duration, http.RequestAborted) is { } lease)
                {
                    return HttpResults.Created($"/api/v1/leases/{lease.Id}", View(lease));
                }
            }

            if (!request.Queue)
            {
                return HttpResults.Problem("No matching station is available and healthy now; queue with \"queue\": true, or submit a campaign.",
                    statusCode: StatusCodes.Status409Conflict);
            }

            var id = Guid.NewGuid();
            await f.Database.InTenantAsync(caller.Tenant, async (c, t) =>
            {
                var now = f.Clock.GetUtcNow();
                await Sql.ExecuteAsync(c, t, """
                    INSERT INTO reservations (id, tenant_id, requested_by, station_id, roles, duration_s, ttl_s, state, created_at)
                    VALUES (@id, @tenant, @by, @station, @roles, @duration, @ttl, 'queued', @now)
                    """, http.RequestAborted, ("id", id), ("tenant", caller.Tenant), ("by", caller.UserName), ("station", request.Station), ("roles", roles.ToArray()),
                    ("duration", (int)duration.TotalSeconds), ("ttl", (int)ttl.TotalSeconds), ("now", now));
                await AuditLog.AppendAsync(c, t, new AuditEntry(caller.Tenant, caller.UserName, "reservation.queue", $"reservation:{id}",
                    $"station {request.Station ?? "any"} with roles {string.Join(", ", roles)} for {duration}"), now, http.RequestAborted);
                return 0;
            }, http.RequestAborted);
            return HttpResults.Accepted($"/api/v1/reservations/{id}", new ReservationView(id, "queued", request.Station, null));
        }).WithSummary("Leases a station (or any station with the given roles) for a duration now, held by heartbeat; or queues the reservation.");

        api.MapGet("/reservations/{id:guid}", async (Guid id, HttpContext http, FacilityServices f) =>
            await OwnReservationAsync(f, http.Caller(), id, http.RequestAborted) is { } reservation ? HttpResults.Ok(reservation) : NotFound($"reservation {id}"))
            .WithSummary("A queued reservation: granted, it carries its lease.");

        api.MapDelete("/reservations/{id:guid}", async (Guid id, HttpContext http, FacilityServices f) =>
        {
            var caller = http.Caller();
            var cancelled = await f.Database.InTenantAsync(caller.Tenant, async (c, t) =>
            {
                var changed = await Sql.ExecuteAsync(c, t, "UPDATE reservations SET state = 'cancelled' WHERE id = @id AND state = 'queued'", http.RequestAborted, ("id", id));
                if (changed == 1)
                {
                    await AuditLog.AppendAsync(c, t, new AuditEntry(caller.Tenant, caller.UserName, "reservation.cancel", $"reservation:{id}", "left the queue"), f.Clock.GetUtcNow(), http.RequestAborted);
                }

                return changed == 1;
            }, http.RequestAborted);
            return cancelled ? HttpResults.NoContent() : NotFound($"queued reservation {id}");
        }).WithSummary("Leaves the queue.");

        api.MapGet("/leases", async (HttpContext http, FacilityServices f) => (await OwnLeasesAsync(f, http.Caller(), http.RequestAborted)).Select(View).ToList())
            .WithSummary("The tenant's live leases.");

        api.MapPost("/leases/{id:guid}/heartbeat", async (Guid id, HttpContext http, FacilityServices f) =>
            await OwnLeaseAsync(f, http.Caller(), id, http.RequestAborted) is { } lease && await f.Leases.HeartbeatAsync(lease.Id, lease.Fencing, http.RequestAborted)
                ? HttpResults.NoContent()
                : NotFound($"live lease {id}"))
            .WithSummary("Extends a live lease by its time to live.");

        api.MapDelete("/leases/{id:guid}", async (Guid id, HttpContext http, FacilityServices f) =>
            await OwnLeaseAsync(f, http.Caller(), id, http.RequestAborted) is { } lease && await f.Leases.ReleaseAsync(lease.Id, http.Caller().UserName, http.RequestAborted)
                ? HttpResults.NoContent()
                : NotFound($"live lease {id}"))
            .WithSummary("Releases a lease.");
    }

    private static void MapCampaigns(RouteGroupBuilder api)
    {
        api.MapPost("/campaigns", async (SubmitRequest request, HttpContext http, FacilityServices f) =>
        {
            if (request.Features is not { Count: > 0 } || request.PlannedHours <= 0)
            {
                return HttpResults.Problem("A campaign names at least one feature file or folder and a positive planned duration.", statusCode: StatusCodes.Status400BadRequest);
            }

            var campaign = await f.Campaigns.SubmitAsync(http.Caller(),
                new CampaignRequest(request.Features, request.Tags, request.Dut, request.Samples ?? [], request.Roles ?? [], request.Priority, TimeSpan.FromHours(request.PlannedHours)),
                http.RequestAborted);
            return HttpResults.Created($"/api/v1/campaigns/{campaign.Id}", View(campaign));
        }).WithSummary("Queues a campaign.");

        api.MapGet("/campaigns", async (HttpContext http, FacilityServices f) => (await f.Campaigns.ListAsync(http.Caller(), http.RequestAborted)).Select(View).ToList())
            .WithSummary("The tenant's campaigns, newest first.");

        api.MapGet("/campaigns/{id:guid}", async (Guid id, HttpContext http, FacilityServices f) =>
            await f.Campaigns.FindAsync(http.Caller(), id, http.RequestAborted) is { } campaign ? HttpResults.Ok(View(campaign)) : NotFound($"campaign {id}"))
            .WithSummary("One campaign.");

        api.MapPost("/campaigns/{id:guid}/cancel", (Guid id, HttpContext http, FacilityServices f, IGrainFactory grains) => CancelCampaignAsync(id, http.Caller(), f, grains, http.RequestAborted))
            .WithSummary("Cancels a queued campaign, or stops a running one (its bench is left safe).");

        api.MapPost("/campaigns/{id:guid}/resume", async (Guid id, HttpContext http, FacilityServices f) =>
            await f.Campaigns.ResumeAsync(http.Caller(), id, http.RequestAborted) switch
            {
                null => NotFound($"campaign {id}"),
                "" => HttpResults.Accepted($"/api/v1/campaigns/{id}", View((await f.Campaigns.FindAsync(http.Caller(), id, http.RequestAborted))!)),
                var why => HttpResults.Problem(why, statusCode: StatusCodes.Status409Conflict),
            })
            .WithSummary("Queues an aborted campaign again to continue its cut run in its run folder on the same station, once that station is healthy (spacebench run --resume).");

        api.MapGet("/campaigns/{id:guid}/runs", async (Guid id, HttpContext http, FacilityServices f) =>
            await f.Campaigns.FindAsync(http.Caller(), id, http.RequestAborted) is null
                ? NotFound($"campaign {id}")
                : HttpResults.Ok((await f.Campaigns.RunsAsync(http.Caller(), id, http.RequestAborted)).Select(r => new RunView(r.Id, r.StationId, r.State, r.Verdict)).ToList()))
            .WithSummary("A campaign's runs.");

        api.MapGet("/campaigns/{id:guid}/events", CampaignEvents.StreamAsync)
            .WithSummary("A campaign's progress as server-sent events; reconnect with Last-Event-ID to resume.");

        api.MapGet("/runs/{id:guid}/archive", async (Guid id, HttpContext http, FacilityServices f) =>
        {
            var archive = await f.Database.InTenantAsync(http.Caller().Tenant, (c, t) =>
                Sql.ListAsync(c, t, "SELECT archive FROM runs WHERE id = @id AND archive IS NOT NULL", r => r.GetFieldValue<byte[]>(0), http.RequestAborted, ("id", id)), http.RequestAborted);
            return archive.Count == 1 ? HttpResults.File(archive[0], "application/zip", $"run-{id}.zip") : NotFound($"run {id} (or it has no archive yet)");
        }).WithSummary("A finished run's folder (report, plots, CSV, store) as a zip archive.");
    }

    private static void MapInstruments(RouteGroupBuilder api)
    {
        api.MapGet("/instruments", async (HttpContext http, FacilityServices f) =>
            (await f.Stations.InstrumentsAsync(null, http.RequestAborted))
                .Select(i => new InstrumentView(i.Id, i.StationId, i.Roles, i.Model, i.Serial, i.InService ? "in-service" : "out-of-service", i.CalibrationDue)).ToList())
            .WithSummary("Every instrument with its calibration due date and status.");

        api.MapPost("/instruments/{station}/{instrument}/calibrations", async (string station, string instrument, CalibrationRequest request, HttpContext http, FacilityServices f) =>
        {
            if (!http.Caller().Can(FacilityRole.Metrologist))
            {
                return Forbidden();
            }

            var id = $"{station}/{instrument}";
            try
            {
                var review = await f.Calibration.RecordAsync(new Calibration(id, request.CalibratedOn, request.Due, request.Passed, request.Certificate), http.Caller().UserName, http.RequestAborted);
                return HttpResults.Ok(new ReviewList(id, review));
            }
            catch (KeyNotFoundException)
            {
                return NotFound($"instrument {id}");
            }
        }).WithSummary("Records a calibration (metrologists); a failed one takes the instrument out of service and lists the runs to review.");

        api.MapPost("/instruments/{station}/{instrument}/out-of-service", async (string station, string instrument, HttpContext http, FacilityServices f) =>
        {
            if (!http.Caller().Can(FacilityRole.Metrologist))
            {
                return Forbidden();
            }

            var id = $"{station}/{instrument}";
            try
            {
                return HttpResults.Ok(new ReviewList(id, await f.Calibration.TakeOutOfServiceAsync(id, "taken out of service", http.Caller().UserName, http.RequestAborted)));
            }
            catch (KeyNotFoundException)
            {
                return NotFound($"instrument {id}");
            }
        }).WithSummary("Takes an instrument out of service (metrologists): its station leaves scheduling at once; lists the runs to review.");
    }

    private static void MapAudit(RouteGroupBuilder api)
    {
        api.MapGet("/audit/verify", async (HttpContext http, FacilityServices f) =>
        {
            if (!http.Caller().Can(FacilityRole.QaReviewer) && !http.Caller().Can(FacilityRole.FacilityOperator))
            {
                return Forbidden();
            }

            var result = await AuditLog.VerifyAsync(f.Database, http.RequestAborted);
            return HttpResults.Ok(new AuditReport(result.Intact, result.Rows, result.Chains, result.Breaks.Select(b => $"chain {b.Chain}, row {b.Sequence}: {b.Problem}").ToList()));
        }).WithSummary("Checks every audit chain (QA reviewers, facility operators).");

        api.MapGet("/audit", async (HttpContext http, FacilityServices f) =>
            (await f.Database.InTenantAsync(http.Caller().Tenant, (c, t) => AuditLog.ReadAsync(c, t, http.RequestAborted), http.RequestAborted))
                .Select(r => new { r.Sequence, r.At, r.Entry.Actor, r.Entry.Action, r.Entry.Target, r.Entry.Detail, Hash = Convert.ToHexStringLower(r.Hash) }).ToList())
            .WithSummary("The tenant's own audit chain.");
    }

    /// <summary>Cancels a queued campaign, or stops a running one on its station under its lease's fencing number (the bench is left safe first).</summary>
    internal static async Task<IResult> CancelCampaignAsync(Guid id, Caller caller, FacilityServices f, IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (await f.Campaigns.FindAsync(caller, id, cancellationToken) is not { } campaign)
        {
            return NotFound($"campaign {id}");
        }

        if (await f.Campaigns.CancelAsync(caller, id, cancellationToken))
        {
            return HttpResults.NoContent();
        }

        // Running: stop it on its station, under its own lease's fencing number.
        var lease = (await OwnLeasesAsync(f, caller, cancellationToken)).FirstOrDefault(l => l.StationId == campaign.StationId);
        return lease is not null && await grains.GetGrain<IStationGrain>(lease.StationId).CancelAsync(lease.Fencing)
            ? HttpResults.Accepted($"/api/v1/campaigns/{id}")
            : HttpResults.Problem($"Campaign {id} is {campaign.State.ToString().ToLowerInvariant()}: nothing to cancel.", statusCode: StatusCodes.Status409Conflict);
    }

    /// <summary>Returns a bad or drained station to scheduling with its health unknown, so a health check runs before it is leased; false when it is busy, offline or unknown.</summary>
    internal static async Task<bool> RecheckAsync(FacilityServices f, string id, CancellationToken cancellationToken) =>
        await f.Database.AsOperatorAsync((c, t) => Sql.ExecuteAsync(c, t,
            "UPDATE stations SET state = 'available', health = 'unknown' WHERE id = @id AND state IN ('bad', 'draining', 'available')", cancellationToken, ("id", id)), cancellationToken) == 1;

    private static async Task<IResult> SetStateAsync(string id, StationState state, string reason, HttpContext http, FacilityServices f)
    {
        if (!http.Caller().Can(FacilityRole.FacilityOperator))
        {
            return Forbidden();
        }

        try
        {
            await f.Stations.SetStateAsync(id, state, http.Caller().UserName, reason, http.RequestAborted);
            return HttpResults.NoContent();
        }
        catch (KeyNotFoundException)
        {
            return NotFound($"station '{id}'");
        }
    }

    private static Task<List<Lease>> OwnLeasesAsync(FacilityServices f, Caller caller, CancellationToken cancellationToken) =>
        f.Database.InTenantAsync(caller.Tenant, (c, t) => Sql.ListAsync(c, t,
            "SELECT id, tenant_id, station_id, fencing, holder, ttl_s, expires_at FROM leases WHERE ended_at IS NULL AND expires_at > @now",
            r => new Lease(r.GetGuid(0), r.GetGuid(1), r.GetString(2), r.GetInt64(3), r.GetString(4), TimeSpan.FromSeconds(r.GetInt32(5)), r.GetFieldValue<DateTimeOffset>(6)),
            cancellationToken, ("now", f.Clock.GetUtcNow())), cancellationToken);

    private static async Task<Lease?> OwnLeaseAsync(FacilityServices f, Caller caller, Guid id, CancellationToken cancellationToken) =>
        (await OwnLeasesAsync(f, caller, cancellationToken)).FirstOrDefault(l => l.Id == id);

    private static async Task<ReservationView?> OwnReservationAsync(FacilityServices f, Caller caller, Guid id, CancellationToken cancellationToken)
    {
        var rows = await f.Database.InTenantAsync(caller.Tenant, (c, t) => Sql.ListAsync(c, t,
            "SELECT state, station_id, lease_id FROM reservations WHERE id = @id", r => (State: r.GetString(0), Station: r.NullableClass<string>(1), Lease: r.Nullable<Guid>(2)),
            cancellationToken, ("id", id)), cancellationToken);
        if (rows.Count == 0)
        {
            return null;
        }

        var lease = rows[0].Lease is { } leaseId ? await OwnLeaseAsync(f, caller, leaseId, cancellationToken) : null;
        return new ReservationView(id, rows[0].State, rows[0].Station, lease is null ? null : View(lease));
    }

    private static StationView View(StationRecord s, List<Lease> own, Caller caller)
    {
        return new StationView(s.Id, s.Name, s.StationType, s.Roles, VisibleState(s.State.Name(), own.Any(l => l.StationId == s.Id), caller), s.Health.Name());
    }

    /// <summary>A station's state as <paramref name="caller"/> may see it: another tenant's lease or run shows only as "busy" to a vendor.</summary>
    internal static string VisibleState(string state, bool ownLease, Caller caller) =>
        state is "leased" or "running" && !caller.IsStaff && !ownLease ? "busy" : state;

    private static LeaseView View(Lease l) => new(l.Id, l.StationId, l.Fencing, l.ExpiresAt, (int)l.TimeToLive.TotalSeconds);

    private static CampaignView View(CampaignRecord c) => new(c.Id, c.State.ToString().ToLowerInvariant(), c.StationId, c.Request.Features, c.Request.Tags, c.Request.Samples,
        c.Request.Priority, c.SubmittedBy, c.SubmittedAt, c.PlacedAt, c.EndedAt);

    private static IResult NotFound(string what) => HttpResults.Problem($"No {what} for this tenant.", statusCode: StatusCodes.Status404NotFound);

    private static IResult Forbidden() => HttpResults.Problem("Your role does not allow this.", statusCode: StatusCodes.Status403Forbidden);
}
