using Microsoft.AspNetCore.Builder;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using HttpResults = Microsoft.AspNetCore.Http.Results;
using Microsoft.AspNetCore.Routing;
using SpaceTestBench.Facility.Api;
using SpaceTestBench.Facility.Audit;
using SpaceTestBench.Facility.Hosting;
using SpaceTestBench.Facility.Store;
using SpaceTestBench.Facility.Tenancy;
using static SpaceTestBench.Facility.Web.Html;

namespace SpaceTestBench.Facility.Web.Pages;

/// <summary>The facility staff's views: the queue with fair-share figures, the calibration calendar, health checks, the audit trail.</summary>
internal static class OperatorPages
{
    public const int PageSize = 50;

    private const string Tabs = """
        <nav class="tabs" aria-label="Operator views"><a href="/console/operator">Queue and fair share</a> <a href="/console/operator/calibration">Calibration calendar</a> <a href="/console/operator/health">Health checks</a> <a href="/console/operator/audit">Audit trail</a></nav>
        """;

    public static void Map(RouteGroupBuilder console)
    {
        var staff = console.MapGroup("/operator").AddEndpointFilter(async (context, next) =>
            ConsoleSession.Caller(context.HttpContext).IsStaff
                ? await next(context)
                : Page(context.HttpContext, "Operator views", Message("The operator views are for the facility's staff.", true), status: StatusCodes.Status403Forbidden));

        staff.MapGet("/", async (int? page, HttpContext http, FacilityServices f) =>
        {
            var number = Math.Max(0, page ?? 0);
            var tenants = await f.Database.AsOperatorAsync((c, t) => Sql.ListAsync(c, t, """
                SELECT t.name, t.share,
                       (SELECT count(*) FROM campaigns k WHERE k.tenant_id = t.id AND k.state = 'queued'),
                       (SELECT count(*) FROM campaigns k WHERE k.tenant_id = t.id AND k.state IN ('placed', 'running'))
                FROM tenants t ORDER BY t.name
                """, r => (Name: r.GetString(0), Share: r.GetInt32(1), Queued: r.GetInt64(2), Active: r.GetInt64(3)), http.RequestAborted), http.RequestAborted);
            var queue = await f.Database.AsOperatorAsync((c, t) => Sql.ListAsync(c, t, """
                SELECT k.id, t.name, k.priority, k.submitted_at, k.features, k.required_roles, k.planned_duration_s
                FROM campaigns k JOIN tenants t ON t.id = k.tenant_id WHERE k.state = 'queued'
                ORDER BY k.priority DESC, k.submitted_at LIMIT @limit OFFSET @offset
                """, r => (Id: r.GetGuid(0), Tenant: r.GetString(1), Priority: r.GetInt32(2), At: r.GetFieldValue<DateTimeOffset>(3), Features: r.GetFieldValue<string[]>(4), Roles: r.GetFieldValue<string[]>(5), Planned: r.GetInt32(6)),
                http.RequestAborted, ("limit", PageSize + 1), ("offset", number * PageSize)), http.RequestAborted);
            var waiting = tenants.Where(x => x.Queued + x.Active > 0).Sum(x => x.Share);
            var shares = string.Concat(tenants.Select(x => string.Create(CultureInfo.InvariantCulture, $"""
                <tr><th scope="row">{E(x.Name)}</th><td>{x.Share}</td><td>{(x.Queued + x.Active > 0 && waiting > 0 ? $"{100.0 * x.Share / waiting:0.#} %" : "—")}</td><td>{x.Active}</td><td>{x.Queued}</td><td>{(double)x.Active / x.Share:0.##}</td></tr>
                """)));
            var rows = string.Concat(queue.Take(PageSize).Select(q => string.Create(CultureInfo.InvariantCulture, $"""
                <tr><th scope="row">{q.Id.ToString()[..8]}</th><td>{E(q.Tenant)}</td><td>{q.Priority}</td><td>{When(q.At)}</td><td>{E(string.Join(", ", q.Features))}</td><td>{E(string.Join(", ", q.Roles))}</td><td>{SubmitPage.Duration(TimeSpan.FromSeconds(q.Planned))}</td></tr>
                """)));
            return Page(http, "Queue and fair share", $"""
                {Tabs}
                <section class="card" aria-labelledby="share-title"><h2 id="share-title">Fair share</h2>
                <p class="help">The scheduler places the highest priority first; among equal priorities, the tenant with the least running work per share (running ÷ share), then the oldest submission. Entitled: the tenant's share of the shares of tenants with work.</p>
                <div class="scroll"><table id="fair-share"><thead><tr><th scope="col">Tenant</th><th scope="col">Share</th><th scope="col">Entitled</th><th scope="col">Running</th><th scope="col">Queued</th><th scope="col">Running ÷ share</th></tr></thead><tbody>{shares}</tbody></table></div></section>
                <section class="card" aria-labelledby="queue-title"><h2 id="queue-title">Queue, in placement order of priority</h2>
                <div class="scroll"><table id="queue"><thead><tr><th scope="col">Campaign</th><th scope="col">Tenant</th><th scope="col">Priority</th><th scope="col">Submitted</th><th scope="col">Features</th><th scope="col">Roles</th><th scope="col">Planned</th></tr></thead>
                <tbody>{(rows.Length == 0 ? "<tr><td colspan=\"7\">The queue is empty.</td></tr>" : rows)}</tbody></table></div>
                {Pager("/console/operator", number, queue.Count > PageSize)}</section>
                """);
        });

        staff.MapGet("/calibration", async (int? page, string? message, HttpContext http, FacilityServices f) =>
        {
            var number = Math.Max(0, page ?? 0);
            var caller = ConsoleSession.Caller(http);
            var instruments = await f.Database.AsOperatorAsync((c, t) => Sql.ListAsync(c, t, """
                SELECT id, station_id, model, serial, status, calibration_due FROM instruments ORDER BY calibration_due NULLS LAST, id LIMIT @limit OFFSET @offset
                """, r => (Id: r.GetString(0), Station: r.GetString(1), Model: r.GetString(2), Serial: r.NullableClass<string>(3), Status: r.GetString(4), Due: r.Nullable<DateOnly>(5)),
                http.RequestAborted, ("limit", PageSize + 1), ("offset", number * PageSize)), http.RequestAborted);
            var today = DateOnly.FromDateTime(f.Clock.GetUtcNow().UtcDateTime);
            var canAct = caller.Can(FacilityRole.Metrologist);
            var rows = new StringBuilder();
            foreach (var i in instruments.Take(PageSize))
            {
                var action = canAct && i.Status == "in-service"
                    ? $"<form method=\"post\" action=\"/console/operator/calibration/out-of-service\">{Antiforgery(http)}<input type=\"hidden\" name=\"instrument\" value=\"{E(i.Id)}\"><button type=\"submit\" class=\"danger\" aria-label=\"Take out of service: {E(i.Id)}\">Take out of service</button></form>"
                    : "";
                rows.Append(CultureInfo.InvariantCulture, $"<tr><th scope=\"row\">{E(i.Id)}</th><td>{E(i.Station)}</td><td>{E(i.Model)}{(i.Serial is null ? "" : $" #{E(i.Serial)}")}</td><td>{StationBoard.Due(i.Due, today)}</td><td>{E(i.Status)}</td><td>{action}</td></tr>");
            }

            return Page(http, "Calibration calendar", $"""
                {Tabs}
                {(message is null ? "" : Message(message, false))}
                <p>Instruments by calibration due date. Taking one out of service takes its station out of scheduling at once and lists the runs that used it since its last good calibration (ISO/IEC 17025 §6.4.9).{(canAct ? "" : " Metrologists take instruments out of service.")}</p>
                <div class="scroll"><table id="calibration"><thead><tr><th scope="col">Instrument</th><th scope="col">Station</th><th scope="col">Model</th><th scope="col">Due</th><th scope="col">Status</th><th scope="col">Action</th></tr></thead><tbody>{rows}</tbody></table></div>
                {Pager("/console/operator/calibration", number, instruments.Count > PageSize)}
                """);
        });

        staff.MapPost("/calibration/out-of-service", async (HttpContext http, FacilityServices f) =>
        {
            var caller = ConsoleSession.Caller(http);
            if (!caller.Can(FacilityRole.Metrologist))
            {
                return Page(http, "Calibration", Message("Only metrologists take instruments out of service.", true), status: StatusCodes.Status403Forbidden);
            }

            var instrument = (await http.Request.ReadFormAsync(http.RequestAborted))["instrument"].ToString();
            try
            {
                var runs = await f.Calibration.TakeOutOfServiceAsync(instrument, "taken out of service from the console", caller.UserName, http.RequestAborted);
                return HttpResults.Redirect($"/console/operator/calibration?message={Uri.EscapeDataString($"{instrument} is out of service; {runs.Count} run(s) to review: {string.Join(", ", runs)}")}");
            }
            catch (KeyNotFoundException)
            {
                return Page(http, "Calibration", Message($"No instrument '{instrument}'.", true), status: StatusCodes.Status404NotFound);
            }
        });

        staff.MapGet("/health", async (int? page, string? message, HttpContext http, FacilityServices f) =>
        {
            var number = Math.Max(0, page ?? 0);
            var stations = await f.Database.AsOperatorAsync((c, t) => Sql.ListAsync(c, t,
                "SELECT id, state, health, last_health_check_at, host_seen_at FROM stations ORDER BY (health = 'good'), id LIMIT @limit OFFSET @offset",
                r => (Id: r.GetString(0), State: r.GetString(1), Health: r.GetString(2), Checked: r.Nullable<DateTimeOffset>(3), Seen: r.Nullable<DateTimeOffset>(4)),
                http.RequestAborted, ("limit", PageSize + 1), ("offset", number * PageSize)), http.RequestAborted);
            var canAct = ConsoleSession.Caller(http).Can(FacilityRole.FacilityOperator);
            var rows = string.Concat(stations.Take(PageSize).Select(s => $"""
                <tr><th scope="row">{E(s.Id)}</th><td><span class="state {E(s.State)}">{E(s.State)}</span></td><td><span class="health {E(s.Health)}">{E(s.Health)}</span></td><td>{When(s.Checked)}</td><td>{When(s.Seen)}</td>
                <td>{(canAct && s.State is "bad" or "draining" or "available" ? $"<form method=\"post\" action=\"/console/operator/health/recheck\">{Antiforgery(http)}<input type=\"hidden\" name=\"station\" value=\"{E(s.Id)}\"><button type=\"submit\" aria-label=\"Health check again: {E(s.Id)}\">Health check again</button></form>" : "")}</td></tr>
                """));
            return Page(http, "Health checks", $"""
                {Tabs}
                {(message is null ? "" : Message(message, false))}
                <p>Stations needing attention first. A station that failed its health check is <em>bad</em> and out of scheduling; "Health check again" returns it to scheduling only after a new check passes.</p>
                <div class="scroll"><table id="health"><thead><tr><th scope="col">Station</th><th scope="col">State</th><th scope="col">Health</th><th scope="col">Last passing check</th><th scope="col">Host last seen</th><th scope="col">Action</th></tr></thead><tbody>{rows}</tbody></table></div>
                {Pager("/console/operator/health", number, stations.Count > PageSize)}
                """);
        });

        staff.MapPost("/health/recheck", async (HttpContext http, FacilityServices f) =>
        {
            if (!ConsoleSession.Caller(http).Can(FacilityRole.FacilityOperator))
            {
                return Page(http, "Health checks", Message("Only facility operators ask for health checks.", true), status: StatusCodes.Status403Forbidden);
            }

            var station = (await http.Request.ReadFormAsync(http.RequestAborted))["station"].ToString();
            var done = await FacilityApi.RecheckAsync(f, station, http.RequestAborted);
            return HttpResults.Redirect($"/console/operator/health?message={Uri.EscapeDataString(done ? $"{station} waits for a new health check." : $"{station} is busy or offline: not changed.")}");
        });

        staff.MapGet("/audit", async (int? page, string? actor, string? action, string? target, bool? verify, HttpContext http, FacilityServices f) =>
        {
            var number = Math.Max(0, page ?? 0);
            var rows = await f.Database.AsOperatorAsync((c, t) => Sql.ListAsync(c, t, """
                SELECT chain, seq, at, actor, action, object, detail, hash FROM audit
                WHERE (@actor = '' OR actor = @actor) AND (@action = '' OR action LIKE @action || '%') AND (@target = '' OR object LIKE '%' || @target || '%')
                ORDER BY at DESC, chain, seq DESC LIMIT @limit OFFSET @offset
                """, r => (Chain: r.GetString(0), Seq: r.GetInt64(1), At: r.GetFieldValue<DateTimeOffset>(2), Actor: r.GetString(3), Action: r.GetString(4), Target: r.GetString(5), Detail: r.GetString(6), Hash: r.GetFieldValue<byte[]>(7)),
                http.RequestAborted, ("actor", actor ?? ""), ("action", action ?? ""), ("target", target ?? ""), ("limit", PageSize + 1), ("offset", number * PageSize)), http.RequestAborted);
            var check = "";
            if (verify == true)
            {
                var result = await AuditLog.VerifyAsync(f.Database, http.RequestAborted);
                check = result.Breaks.Count == 0
                    ? Message($"Intact: {result.Rows} row(s) in {result.Chains} chain(s), every link and hash holds.", false)
                    : Message($"Not intact: {string.Join("; ", result.Breaks.Select(b => $"chain {b.Chain}, row {b.Sequence}: {b.Problem}"))}", true);
            }

            var query = $"&actor={Uri.EscapeDataString(actor ?? "")}&action={Uri.EscapeDataString(action ?? "")}&target={Uri.EscapeDataString(target ?? "")}";
            var body = string.Concat(rows.Take(PageSize).Select(r => string.Create(CultureInfo.InvariantCulture, $"""
                <tr><td>{When(r.At)}</td><td>{E(r.Chain)} #{r.Seq}</td><td>{E(r.Actor)}</td><td>{E(r.Action)}</td><td>{E(r.Target)}</td><td>{E(r.Detail)}</td><td><code>{Convert.ToHexStringLower(r.Hash)[..12]}</code></td></tr>
                """)));
            return Page(http, "Audit trail", $"""
                {Tabs}
                {check}
                <form method="get" action="/console/operator/audit" class="filters" role="search">
                  <div><label for="actor">Actor</label><input id="actor" name="actor" value="{E(actor)}"></div>
                  <div><label for="action">Action starts with</label><input id="action" name="action" value="{E(action)}" placeholder="campaign."></div>
                  <div><label for="target">Object contains</label><input id="target" name="target" value="{E(target)}"></div>
                  <div class="actions"><button type="submit">Filter</button> <button type="submit" name="verify" value="true">Verify every chain</button></div>
                </form>
                <div class="scroll"><table id="audit"><thead><tr><th scope="col">At</th><th scope="col">Chain</th><th scope="col">Actor</th><th scope="col">Action</th><th scope="col">Object</th><th scope="col">Detail</th><th scope="col">Hash</th></tr></thead>
                <tbody>{(body.Length == 0 ? "<tr><td colspan=\"7\">No row matches.</td></tr>" : body)}</tbody></table></div>
                {Pager("/console/operator/audit", number, rows.Count > PageSize, query)}
                """);
        });
    }
}
