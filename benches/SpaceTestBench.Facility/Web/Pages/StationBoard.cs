using Microsoft.AspNetCore.Builder;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using HttpResults = Microsoft.AspNetCore.Http.Results;
using Microsoft.AspNetCore.Routing;
using SpaceTestBench.Facility.Api;
using SpaceTestBench.Facility.Hosting;
using SpaceTestBench.Facility.Store;
using SpaceTestBench.Facility.Tenancy;
using static SpaceTestBench.Facility.Web.Html;

namespace SpaceTestBench.Facility.Web.Pages;

/// <summary>One row of the station board.</summary>
internal sealed record BoardRow(string Id, string Name, string Type, string[] Roles, string State, string Health, DateTimeOffset? LastHealthCheck,
    DateOnly? CalibrationDue, string Instruments, long OutOfService);

/// <summary>The station board: every station, a page at a time, its rows fetched again every few seconds.</summary>
internal static class StationBoard
{
    public const int PageSize = 50;

    public static void Map(RouteGroupBuilder console)
    {
        console.MapGet("/stations", async (int? page, HttpContext http, FacilityServices f) =>
        {
            var (rows, more) = await Rows(http, f, page ?? 0);
            return Page(http, "Stations", $"""
                <p>Every station of the facility with its state, roles, instruments and calibration. A station another tenant is using shows as <em>busy</em>. The board refreshes itself every few seconds.</p>
                <div class="legend" aria-label="Calibration colours"><span class="due overdue">overdue</span> <span class="due soon">due within 30 days</span> <span class="due ok">due later</span></div>
                <div class="scroll"><table id="station-board">
                  <caption class="visually-hidden">Stations, page {(page ?? 0) + 1}</caption>
                  <thead><tr><th scope="col">Station</th><th scope="col">State</th><th scope="col">Health</th><th scope="col">Last health check</th><th scope="col">Roles</th><th scope="col">Instruments</th><th scope="col">Calibration due</th><th scope="col">Reserve</th></tr></thead>
                  <tbody id="station-rows" aria-live="polite">{rows}</tbody>
                </table></div>
                {Pager("/console/stations", page ?? 0, more)}
                """, $"refreshRows('station-rows', '/console/stations/rows?page={page ?? 0}', 3000);");
        });

        console.MapPost("/stations/{id}/reserve", async (string id, HttpContext http, FacilityServices f) =>
        {
            var caller = ConsoleSession.Caller(http);
            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            var hours = double.TryParse(form["hours"], NumberStyles.Float, CultureInfo.InvariantCulture, out var h) ? Math.Clamp(h, 0.1, 24 * 14) : 1;
            // A reservation from the console is held for its duration (no heartbeat needed), and released from the board.
            var hold = TimeSpan.FromHours(hours);
            var lease = await f.Leases.TryReserveAsync(id, caller.Tenant, caller.UserName, hold, hold, http.RequestAborted);
            return lease is null
                ? Page(http, "Not reserved", Message($"Station '{id}' is not available and healthy now: choose another, or submit a campaign to the queue.", true) + "<p><a href=\"/console/stations\">Back to the board</a></p>", status: StatusCodes.Status409Conflict)
                : HttpResults.Redirect("/console/stations");
        });

        console.MapPost("/stations/{id}/release", async (string id, HttpContext http, FacilityServices f) =>
        {
            var caller = ConsoleSession.Caller(http);
            var leases = await f.Database.InTenantAsync(caller.Tenant, (c, t) => Sql.ListAsync(c, t,
                "SELECT id FROM leases WHERE station_id = @id AND purpose = 'reservation' AND ended_at IS NULL", r => r.GetGuid(0), http.RequestAborted, ("id", id)), http.RequestAborted);
            foreach (var lease in leases)
            {
                await f.Leases.ReleaseAsync(lease, caller.UserName, http.RequestAborted);
            }

            return HttpResults.Redirect("/console/stations");
        });

        console.MapGet("/stations/rows", async (int? page, HttpContext http, FacilityServices f) =>
            HttpResults.Content((await Rows(http, f, page ?? 0)).Html, "text/html; charset=utf-8"));
    }

    private static async Task<(string Html, bool More)> Rows(HttpContext http, FacilityServices f, int page)
    {
        var caller = ConsoleSession.Caller(http);
        var rows = await f.Database.AsOperatorAsync((c, t) => Sql.ListAsync(c, t, """
            SELECT s.id, s.name, s.station_type, s.roles, s.state, s.health, s.last_health_check_at,
                   (SELECT min(i.calibration_due) FROM instruments i WHERE i.station_id = s.id AND i.status = 'in-service'),
                   coalesce((SELECT string_agg(i.bench_id || ': ' || i.model || coalesce(' #' || i.serial, ''), '; ' ORDER BY i.id) FROM instruments i WHERE i.station_id = s.id), ''),
                   (SELECT count(*) FROM instruments i WHERE i.station_id = s.id AND i.status = 'out-of-service')
            FROM stations s ORDER BY s.id LIMIT @limit OFFSET @offset
            """, r => new BoardRow(r.GetString(0), r.GetString(1), r.GetString(2), r.GetFieldValue<string[]>(3), r.GetString(4), r.GetString(5),
                r.Nullable<DateTimeOffset>(6), r.Nullable<DateOnly>(7), r.GetString(8), r.GetInt64(9)),
            http.RequestAborted, ("limit", PageSize + 1), ("offset", Math.Max(0, page) * PageSize)), http.RequestAborted);
        var ids = rows.Select(r => r.Id).ToArray();
        var own = await f.Database.InTenantAsync(caller.Tenant, (c, t) => Sql.ListAsync(c, t,
            "SELECT station_id FROM leases WHERE ended_at IS NULL AND expires_at > @now AND station_id = ANY(@ids)", r => r.GetString(0),
            http.RequestAborted, ("now", f.Clock.GetUtcNow()), ("ids", ids)), http.RequestAborted);
        var today = DateOnly.FromDateTime(f.Clock.GetUtcNow().UtcDateTime);
        var html = new StringBuilder();
        foreach (var row in rows.Take(PageSize))
        {
            var state = FacilityApi.VisibleState(row.State, own.Contains(row.Id), caller);
            var mine = own.Contains(row.Id) ? " (yours)" : "";
            html.Append(CultureInfo.InvariantCulture, $"""
                <tr data-station="{E(row.Id)}"><th scope="row">{E(row.Name)}<br><small>{E(row.Id)} · {E(row.Type)}</small></th>
                <td><span class="state {E(state)}">{E(state)}{mine}</span></td>
                <td><span class="health {E(row.Health)}">{E(row.Health)}</span></td>
                <td>{When(row.LastHealthCheck)}</td>
                <td>{E(string.Join(", ", row.Roles))}</td>
                <td>{E(row.Instruments)}{(row.OutOfService > 0 ? $" <strong class=\"warn\">{row.OutOfService} out of service</strong>" : "")}</td>
                <td>{Due(row.CalibrationDue, today)}</td>
                <td>{Reserve(http, row, state, own.Contains(row.Id))}</td></tr>
                """);
        }

        if (rows.Count == 0)
        {
            html.Append("<tr><td colspan=\"8\">No station has registered yet: start a station host (spacebench station serve).</td></tr>");
        }

        return (html.ToString(), rows.Count > PageSize);
    }

    private static string Reserve(HttpContext http, BoardRow row, string state, bool mine)
    {
        if (mine)
        {
            return $"<form method=\"post\" action=\"/console/stations/{E(row.Id)}/release\">{Antiforgery(http)}<button type=\"submit\" aria-label=\"Release {E(row.Id)}\">Release</button></form>";
        }

        if (state != "available" || row.Health != "good")
        {
            return "";
        }

        var field = "hours-" + row.Id;
        return $"""
            <form method="post" action="/console/stations/{E(row.Id)}/reserve" class="reserve">{Antiforgery(http)}
              <label for="{E(field)}" class="visually-hidden">Hours to reserve {E(row.Id)} for</label>
              <input id="{E(field)}" name="hours" type="number" min="0.1" max="336" step="0.1" value="1" size="4">
              <button type="submit" aria-label="Reserve {E(row.Id)}">Reserve</button>
            </form>
            """;
    }

    /// <summary>A calibration due date, coloured by how soon it falls due and saying so in words (colour is never the only cue).</summary>
    public static string Due(DateOnly? due, DateOnly today)
    {
        if (due is not { } d)
        {
            return "<span class=\"due none\">none recorded</span>";
        }

        var days = d.DayNumber - today.DayNumber;
        var (css, words) = days < 0 ? ("overdue", $"overdue by {-days} d") : days <= 30 ? ("soon", $"in {days} d") : ("ok", $"in {days} d");
        return $"<span class=\"due {css}\">{d:yyyy-MM-dd} ({words})</span>";
    }
}
