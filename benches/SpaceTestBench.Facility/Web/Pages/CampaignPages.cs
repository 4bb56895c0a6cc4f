using Microsoft.AspNetCore.Builder;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using HttpResults = Microsoft.AspNetCore.Http.Results;
using Microsoft.AspNetCore.Routing;
using SpaceTestBench.Facility.Api;
using SpaceTestBench.Facility.Campaigns;
using SpaceTestBench.Facility.Hosting;
using SpaceTestBench.Facility.Store;
using static SpaceTestBench.Facility.Web.Html;

namespace SpaceTestBench.Facility.Web.Pages;

/// <summary>A tenant's campaigns, a page at a time, and one campaign live: its events streamed as server-sent events.</summary>
internal static class CampaignPages
{
    public const int PageSize = 50;

    public static void Map(RouteGroupBuilder console)
    {
        console.MapGet("/campaigns", async (int? page, HttpContext http, FacilityServices f) =>
        {
            var caller = ConsoleSession.Caller(http);
            var number = Math.Max(0, page ?? 0);
            var rows = await f.Database.InTenantAsync(caller.Tenant, (c, t) => Sql.ListAsync(c, t,
                $"SELECT {CampaignQueue.Columns} FROM campaigns ORDER BY submitted_at DESC, id LIMIT @limit OFFSET @offset", CampaignQueue.Read,
                http.RequestAborted, ("limit", PageSize + 1), ("offset", number * PageSize)), http.RequestAborted);
            var body = new StringBuilder();
            foreach (var campaign in rows.Take(PageSize))
            {
                body.Append(CultureInfo.InvariantCulture, $"""
                    <tr><th scope="row"><a href="/console/campaigns/{campaign.Id}">{campaign.Id.ToString()[..8]}</a></th>
                    <td><span class="state {E(Name(campaign.State))}">{E(Name(campaign.State))}</span></td><td>{E(campaign.StationId ?? "—")}</td>
                    <td>{E(string.Join(", ", campaign.Request.Features))}</td><td>{E(campaign.Request.Tags ?? "")}</td><td>{E(campaign.SubmittedBy)}</td><td>{When(campaign.SubmittedAt)}</td></tr>
                    """);
            }

            return Page(http, "Campaigns", $"""
                <p><a href="/console/submit">Submit a campaign</a></p>
                <div class="scroll"><table><caption class="visually-hidden">Your tenant's campaigns, newest first</caption>
                <thead><tr><th scope="col">Campaign</th><th scope="col">State</th><th scope="col">Station</th><th scope="col">Features</th><th scope="col">Tags</th><th scope="col">By</th><th scope="col">Submitted</th></tr></thead>
                <tbody>{(rows.Count == 0 ? "<tr><td colspan=\"7\">No campaign yet.</td></tr>" : body.ToString())}</tbody></table></div>
                {Pager("/console/campaigns", number, rows.Count > PageSize)}
                """);
        });

        console.MapGet("/campaigns/{id:guid}", async (Guid id, HttpContext http, FacilityServices f) =>
        {
            var caller = ConsoleSession.Caller(http);
            if (await f.Campaigns.FindAsync(caller, id, http.RequestAborted) is not { } campaign)
            {
                return Page(http, "No such campaign", Message($"No campaign {id} for your tenant.", true), status: StatusCodes.Status404NotFound);
            }

            return Page(http, $"Campaign {id.ToString()[..8]}", $"""
                <dl class="facts">
                  <div><dt>State</dt><dd><span id="campaign-state" class="state {E(Name(campaign.State))}">{E(Name(campaign.State))}</span></dd></div>
                  <div><dt>Station</dt><dd id="campaign-station">{E(campaign.StationId ?? "waiting in the queue")}</dd></div>
                  <div><dt>Features</dt><dd>{E(string.Join(", ", campaign.Request.Features))}</dd></div>
                  <div><dt>Tags</dt><dd>{E(campaign.Request.Tags ?? "all scenarios")}</dd></div>
                  <div><dt>Samples</dt><dd>{E(string.Join(", ", campaign.Request.Samples))}</dd></div>
                  <div><dt>Submitted</dt><dd>{When(campaign.SubmittedAt)} by {E(campaign.SubmittedBy)}</dd></div>
                </dl>
                <div id="verdict" class="verdict" role="status" aria-live="polite">{(campaign.Ended ? $"Ended: {E(Name(campaign.State))}" : "Waiting for events…")}</div>
                <section class="live-grid">
                  <section class="card" aria-labelledby="scenarios-title"><h2 id="scenarios-title">Scenarios <span id="scenario-count"></span></h2><ol id="scenarios" class="scenarios"></ol></section>
                  <section class="card" aria-labelledby="now-title"><h2 id="now-title">Now</h2>
                    <dl class="facts compact">
                      <div><dt>Current step</dt><dd id="current-step">—</dd></div>
                      <div><dt>Activity</dt><dd id="activity">—</dd></div>
                      <div><dt>Bench time</dt><dd id="bench-time">—</dd></div>
                      <div><dt>Wall time</dt><dd id="wall-time" data-placed="{Iso(campaign.PlacedAt)}" data-ended="{Iso(campaign.EndedAt)}">—</dd></div>
                      <div><dt>Remaining (plan)</dt><dd id="remaining">—</dd></div>
                    </dl>
                    <form method="post" action="/console/campaigns/{id}/cancel" id="cancel-form">{Antiforgery(http)}
                      <button type="submit" class="danger"{(campaign.Ended ? " disabled" : "")}>Cancel campaign (bench to safe state first)</button>
                    </form>
                    <div id="downloads"></div>
                  </section>
                </section>
                <section class="card" aria-labelledby="plots-title"><h2 id="plots-title">Live plots</h2>
                  <p class="help">Drawn from the judged measurements as they arrive: a parametric against dose (dose ladder), temperatures against bench time (thermal profile), bit error ratio against received power (waterfall, log scale).</p>
                  <div class="plots">
                    <figure><svg id="plot-dose" role="img" aria-labelledby="plot-dose-caption" viewBox="0 0 420 260"></svg><figcaption id="plot-dose-caption">Dose ladder</figcaption></figure>
                    <figure><svg id="plot-thermal" role="img" aria-labelledby="plot-thermal-caption" viewBox="0 0 420 260"></svg><figcaption id="plot-thermal-caption">Thermal profile</figcaption></figure>
                    <figure><svg id="plot-ber" role="img" aria-labelledby="plot-ber-caption" viewBox="0 0 420 260"></svg><figcaption id="plot-ber-caption">BER waterfall</figcaption></figure>
                  </div>
                </section>
                <section class="card" aria-labelledby="measurements-title"><h2 id="measurements-title">Measurements as judged</h2>
                  <div class="scroll tall" tabindex="0" role="region" aria-labelledby="measurements-title"><table id="measurements"><thead><tr><th scope="col">Scenario</th><th scope="col">Measurement</th><th scope="col">Value</th><th scope="col">Limit</th><th scope="col">Verdict</th><th scope="col">Conditions</th><th scope="col">Bench time</th></tr></thead><tbody></tbody></table></div>
                </section>
                <section class="card" aria-labelledby="log-title"><h2 id="log-title">Console</h2><pre id="log" class="log" role="log" tabindex="0" aria-label="Campaign console output"></pre></section>
                """, $"watchCampaign('{id}');");
        });

        console.MapGet("/api/campaigns/{id:guid}/events", CampaignEvents.StreamAsync);

        console.MapGet("/api/campaigns/{id:guid}/runs", async (Guid id, HttpContext http, FacilityServices f) =>
        {
            var caller = ConsoleSession.Caller(http);
            var runs = await f.Database.InTenantAsync(caller.Tenant, (c, t) => Sql.ListAsync(c, t,
                "SELECT id, station_id, state, verdict, archive IS NOT NULL FROM runs WHERE campaign_id = @id ORDER BY started_at",
                r => new { id = r.GetGuid(0), station = r.GetString(1), state = r.GetString(2), verdict = r.NullableClass<string>(3), archive = r.GetBoolean(4) },
                http.RequestAborted, ("id", id)), http.RequestAborted);
            return HttpResults.Ok(runs);
        });

        console.MapPost("/campaigns/{id:guid}/cancel", async (Guid id, HttpContext http, FacilityServices f, IGrainFactory grains) =>
        {
            var result = await FacilityApi.CancelCampaignAsync(id, ConsoleSession.Caller(http), f, grains, http.RequestAborted);
            var status = (result as IStatusCodeHttpResult)?.StatusCode ?? 500;
            return status < 300
                ? HttpResults.Redirect($"/console/campaigns/{id}")
                : Page(http, "Cannot cancel", Message(status == 404 ? $"No campaign {id} for your tenant." : $"Campaign {id} has ended or is not running: nothing to cancel.", true) +
                    $"<p><a href=\"/console/campaigns/{id}\">Back to the campaign</a></p>", status: status);
        });

        console.MapGet("/runs/{id:guid}/archive", async (Guid id, HttpContext http, FacilityServices f) =>
        {
            var caller = ConsoleSession.Caller(http);
            var archive = await f.Database.InTenantAsync(caller.Tenant, (c, t) =>
                Sql.ListAsync(c, t, "SELECT archive FROM runs WHERE id = @id AND archive IS NOT NULL", r => r.GetFieldValue<byte[]>(0), http.RequestAborted, ("id", id)), http.RequestAborted);
            return archive.Count == 1 ? HttpResults.File(archive[0], "application/zip", $"run-{id}.zip") : HttpResults.NotFound();
        });
    }

    private static string Iso(DateTimeOffset? at) => at?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture) ?? "";

    private static string Name(CampaignState state) => state.ToString().ToLowerInvariant();
}
