using System.Globalization;
using Microsoft.AspNetCore.Http;
using SpaceTestBench.Facility.Campaigns;
using SpaceTestBench.Facility.Hosting;
using SpaceTestBench.Facility.Store;

namespace SpaceTestBench.Facility.Api;

/// <summary>
/// A campaign's progress as server-sent events (WHATWG HTML §9.2): each event carries its id, so a client
/// that reconnects with <c>Last-Event-ID</c> continues after the last one it saw. Events are read from the
/// database, so the stream survives a control-node restart too. The stream ends with an "end" event once
/// the campaign has ended and every event was sent.
/// </summary>
internal static class CampaignEvents
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);

    public static async Task StreamAsync(Guid id, HttpContext http, FacilityServices f)
    {
        var caller = http.Caller();
        var cancellationToken = http.RequestAborted;
        if (await f.Campaigns.FindAsync(caller, id, cancellationToken) is null)
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            await http.Response.WriteAsJsonAsync(new { title = $"No campaign {id} for this tenant.", status = 404 }, cancellationToken);
            return;
        }

        long after = 0;
        var last = http.Request.Headers["Last-Event-ID"].ToString();
        if (!long.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out after))
        {
            after = 0;
        }

        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        await http.Response.Body.FlushAsync(cancellationToken);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var campaign = await f.Campaigns.FindAsync(caller, id, cancellationToken);
                var events = await f.Database.InTenantAsync(caller.Tenant, (c, t) => Sql.ListAsync(c, t,
                    "SELECT id, kind, text FROM campaign_events WHERE campaign_id = @id AND id > @after ORDER BY id LIMIT 500",
                    r => (Id: r.GetInt64(0), Kind: r.GetString(1), Text: r.GetString(2)), cancellationToken, ("id", id), ("after", after)), cancellationToken);
                foreach (var e in events)
                {
                    await http.Response.WriteAsync($"id: {e.Id}\nevent: {e.Kind}\ndata: {e.Text.Replace("\n", "\ndata: ", StringComparison.Ordinal)}\n\n", cancellationToken);
                    after = e.Id;
                }

                if (events.Count == 0 && campaign is { Ended: true })
                {
                    await http.Response.WriteAsync($"event: end\ndata: {campaign.State.ToString().ToLowerInvariant()}\n\n", cancellationToken);
                    await http.Response.Body.FlushAsync(cancellationToken);
                    return;
                }

                await http.Response.Body.FlushAsync(cancellationToken);
                if (events.Count == 0)
                {
                    await Task.Delay(Poll, f.Clock, cancellationToken);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The client went away; it resumes with Last-Event-ID.
        }
    }
}
