using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SpaceTestBench.Facility.Hosting;
using SpaceTestBench.Facility.Store;
using SpaceTestBench.Facility.Tenancy;
using SpaceTestBench.Facility.Tests.Support;

namespace SpaceTestBench.Facility.Tests.Api;

/// <summary>A control node (silo with Redis membership + HTTP API) on loopback; two vendors probe each other's objects.</summary>
[TestFixture]
[NonParallelizable]
public sealed class ControlNodeApiTests
{
    private const string Station = "api-station";
    private FacilityWorld world = null!;
    private FacilityDeployment? facility;
    private ControlNode node = null!;
    private HttpClient acme = null!;
    private HttpClient orbital = null!;
    private HttpClient admin = null!;
    private Guid campaign;
    private Guid lease;
    private Guid run;
    private Guid reservation;
    private Guid report;

    [OneTimeSetUp]
    public async Task SetUpAsync()
    {
        world = await FacilityWorld.CreateAsync();
        facility = await FacilityDeployment.StartAsync(world.OwnerConnectionString, "api-test");
        node = facility.Node;
        var port = node.Address.Port;
        var silo = node.App.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress.ToParsableString();
        await node.Facility.Stations.RegisterAsync(Station, FacilityWorld.SimulatedBench, silo, CancellationToken.None);
        await world.MarkHealthyAsync(Station);

        admin = Client(port, node.AdminToken!);
        acme = Client(port, await node.Facility.Tenants.IssueTokenAsync(world.Acme.UserId, null, "test", CancellationToken.None));
        orbital = Client(port, await node.Facility.Tenants.IssueTokenAsync(world.Orbital.UserId, null, "test", CancellationToken.None));

        var reserved = await acme.PostAsJsonAsync("api/v1/reservations", new { station = Station, timeToLiveSeconds = 600 });
        Assert.That(reserved.StatusCode, Is.EqualTo(HttpStatusCode.Created), await reserved.Content.ReadAsStringAsync());
        lease = (await reserved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var queued = await acme.PostAsJsonAsync("api/v1/reservations", new { station = Station, timeToLiveSeconds = 60, queue = true });
        Assert.That(queued.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await queued.Content.ReadAsStringAsync());
        reservation = (await queued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var submitted = await acme.PostAsJsonAsync("api/v1/campaigns", new { features = new[] { "power" }, samples = new[] { "SN-A" }, roles = new[] { "no such role" } });
        campaign = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        run = Guid.NewGuid();
        await world.Database.AsOperatorAsync((c, t) => Sql.ExecuteAsync(c, t, """
            INSERT INTO runs (id, tenant_id, campaign_id, station_id, fencing, folder, instruments, state, verdict, archive, started_at)
            VALUES (@id, @tenant, @campaign, @station, 1, '/tmp/run', '{}', 'finished', 'Pass', '\x504b0506000000000000000000000000000000000000', now())
            """, CancellationToken.None, ("id", run), ("tenant", world.Acme.Tenant), ("campaign", campaign), ("station", Station)), CancellationToken.None);
        report = Guid.NewGuid();
        await world.Database.AsOperatorAsync((c, t) => Sql.ExecuteAsync(c, t,
            "INSERT INTO reports (id, tenant_id, run_id, path, created_at) VALUES (@id, @tenant, @run, '/tmp/run/report.html', now())", CancellationToken.None,
            ("id", report), ("tenant", world.Acme.Tenant), ("run", run)), CancellationToken.None);
        await node.Facility.Ledger.ProgressAsync(world.Acme.Tenant, campaign, "Given a fresh sample of the DUT is mounted", CancellationToken.None);
    }

    [OneTimeTearDown]
    public async Task TearDownAsync()
    {
        foreach (var client in new[] { acme, orbital, admin })
        {
            client?.Dispose();
        }

        if (facility is not null)
        {
            await facility.DisposeAsync();
        }

        if (world is not null)
        {
            await world.DisposeAsync();
        }
    }

    private Dictionary<string, Func<HttpClient, Task<HttpResponseMessage>>> ObjectEndpoints() => new()
    {
        ["/api/v1/campaigns/{id:guid}"] = c => c.GetAsync($"api/v1/campaigns/{campaign}"),
        ["/api/v1/campaigns/{id:guid}/resume"] = c => c.PostAsync($"api/v1/campaigns/{campaign}/resume", null),
        ["/api/v1/campaigns/{id:guid}/runs"] = c => c.GetAsync($"api/v1/campaigns/{campaign}/runs"),
        ["/api/v1/campaigns/{id:guid}/events"] = c => c.GetAsync($"api/v1/campaigns/{campaign}/events", HttpCompletionOption.ResponseHeadersRead),
        ["/api/v1/campaigns/{id:guid}/cancel"] = c => c.PostAsync($"api/v1/campaigns/{campaign}/cancel", null),
        ["/api/v1/runs/{id:guid}/archive"] = c => c.GetAsync($"api/v1/runs/{run}/archive"),
        ["/api/v1/leases/{id:guid}/heartbeat"] = c => c.PostAsync($"api/v1/leases/{lease}/heartbeat", null),
        ["/api/v1/leases/{id:guid}"] = c => c.DeleteAsync($"api/v1/leases/{lease}"),
        ["/api/v1/reservations/{id:guid}"] = c => c.GetAsync($"api/v1/reservations/{reservation}"),
        ["/api/v1/reports/{id:guid}"] = c => c.GetAsync($"api/v1/reports/{report}"),
        ["/api/v1/reports/{id:guid}/manifest"] = c => c.PostAsync($"api/v1/reports/{report}/manifest", null),
        ["/api/v1/reports/{id:guid}/signatures"] = c => c.PostAsJsonAsync($"api/v1/reports/{report}/signatures", new { manifest = "{}", signature = "AA==", publicKey = "AA==" }),
        ["/api/v1/reports/{id:guid}/reject"] = c => c.PostAsJsonAsync($"api/v1/reports/{report}/reject", new { reason = "probe" }),
        ["/api/v1/reports/{id:guid}/amendment"] = c => c.PostAsJsonAsync($"api/v1/reports/{report}/amendment", new { reason = "probe" }),
        ["/api/v1/reports/{id:guid}/revisions"] = c => c.PostAsJsonAsync($"api/v1/reports/{report}/revisions", new { reason = "probe" }),
    };

    [Test, Order(1)]
    public async Task Every_endpoint_given_another_tenants_object_ids_answers_404()
    {
        var probes = ObjectEndpoints();
        // Every endpoint that takes a tenant object's id is probed: adding one without a probe fails here.
        var routes = node.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/')).Where(r => r.StartsWith("/api/v1/", StringComparison.Ordinal) && r.Contains("{id:guid}", StringComparison.Ordinal)).Distinct().ToList();
        Assert.That(routes, Is.EquivalentTo(probes.Keys));

        foreach (var (route, probe) in probes)
        {
            using var response = await probe(orbital);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), $"{route} as another tenant");
        }

        // Routes with more than one method: the other methods too.
        Assert.That((await orbital.DeleteAsync($"api/v1/reservations/{reservation}")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await acme.GetFromJsonAsync<JsonElement>($"api/v1/reservations/{reservation}")).GetProperty("state").GetString(), Is.EqualTo("queued"));

        Assert.That((await orbital.GetFromJsonAsync<JsonElement>("api/v1/campaigns")).EnumerateArray().Select(c => c.GetProperty("id").GetGuid()), Does.Not.Contain(campaign));
        Assert.That((await orbital.GetFromJsonAsync<JsonElement>("api/v1/leases")).GetArrayLength(), Is.Zero);
        Assert.That((await orbital.GetStringAsync("api/v1/audit")), Does.Not.Contain(campaign.ToString()));
        Assert.That((await orbital.GetFromJsonAsync<JsonElement>($"api/v1/stations/{Station}")).GetProperty("state").GetString(), Is.EqualTo("busy"));
    }

    [Test, Order(2)]
    public async Task The_owning_tenant_reaches_the_same_objects()
    {
        Assert.That((await acme.GetAsync($"api/v1/campaigns/{campaign}")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await acme.GetAsync($"api/v1/runs/{run}/archive")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await acme.PostAsync($"api/v1/leases/{lease}/heartbeat", null)).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That((await acme.GetFromJsonAsync<JsonElement>($"api/v1/stations/{Station}")).GetProperty("state").GetString(), Is.EqualTo("leased"));
        Assert.That((await acme.GetStringAsync("api/v1/audit")), Does.Contain(campaign.ToString()));
        var own = await acme.GetFromJsonAsync<JsonElement>($"api/v1/reports/{report}");
        Assert.That(own.GetProperty("report").GetProperty("state").GetString(), Is.EqualTo("awaiting-review"));
        // A vendor sees its report but cannot sign it: that is QA's.
        Assert.That((await acme.PostAsync($"api/v1/reports/{report}/manifest", null)).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test, Order(3)]
    public async Task Progress_streams_as_server_sent_events_and_resumes_after_the_last_event_id()
    {
        await node.Facility.Ledger.ProgressAsync(world.Acme.Tenant, campaign, "When the DUT supply output is switched on", CancellationToken.None);
        Assert.That((await acme.PostAsync($"api/v1/campaigns/{campaign}/cancel", null)).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));

        var all = await ReadEventsAsync(null);
        Assert.That(all.Select(e => e.Data), Is.EqualTo(new[] { "Given a fresh sample of the DUT is mounted", "When the DUT supply output is switched on", "cancelled" }));
        var resumed = await ReadEventsAsync(all[0].Id);
        Assert.That(resumed.Select(e => e.Data), Is.EqualTo(new[] { "When the DUT supply output is switched on", "cancelled" }));
    }

    [Test, Order(4)]
    public async Task Spacebench_facility_watch_prints_the_progress_and_exits_with_the_campaigns_outcome()
    {
        var token = await node.Facility.Tenants.IssueTokenAsync(world.Acme.UserId, null, "test", CancellationToken.None);
        var (exit, output) = await SpacebenchAsync("facility", "watch", campaign.ToString(), "--facility", acme.BaseAddress!.ToString(), "--token", token);
        Assert.That(exit, Is.EqualTo(1), output);
        Assert.That(output, Does.Contain("Given a fresh sample of the DUT is mounted").And.Contain("When the DUT supply output is switched on").And.Contain("ended: cancelled"));

        var (other, refused) = await SpacebenchAsync("facility", "watch", campaign.ToString(), "--facility", acme.BaseAddress!.ToString(), "--token",
            await node.Facility.Tenants.IssueTokenAsync(world.Orbital.UserId, null, "test", CancellationToken.None));
        Assert.That((other, refused), Is.EqualTo((1, $"No campaign {campaign} for your tenant.\n")));
    }

    [Test, Order(5)]
    public async Task Requests_without_a_valid_token_are_refused_and_roles_are_enforced()
    {
        using var anonymous = new HttpClient { BaseAddress = acme.BaseAddress };
        Assert.That((await anonymous.GetAsync("api/v1/stations")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        anonymous.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "stb_not-a-token");
        Assert.That((await anonymous.GetAsync("api/v1/stations")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That((await acme.GetAsync("api/v1/audit/verify")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((await acme.GetAsync("api/v1/cluster")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        var verify = await admin.GetFromJsonAsync<JsonElement>("api/v1/audit/verify");
        Assert.That(verify.GetProperty("intact").GetBoolean(), Is.True);
    }

    [Test, Order(6)]
    public async Task The_openapi_document_describes_every_api_route()
    {
        using var anonymous = new HttpClient { BaseAddress = acme.BaseAddress };
        var document = await anonymous.GetFromJsonAsync<JsonElement>("openapi/v1.json");
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        var routes = node.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/')).Where(r => r.StartsWith("/api/v1/", StringComparison.Ordinal))
            .Select(r => r.Replace(":guid", "", StringComparison.Ordinal)).Distinct().ToList();
        Assert.That(routes, Has.Count.GreaterThan(15));
        Assert.That(paths, Is.SupersetOf(routes));
    }

    [Test, Order(7)]
    public async Task Spacebench_facility_audit_verify_passes_an_intact_trail_and_names_a_changed_row()
    {
        var url = acme.BaseAddress!.ToString();
        var (intact, intactOutput) = await SpacebenchAsync("facility", "audit", "verify", "--facility", url, "--token", node.AdminToken!);
        Assert.That(intact, Is.EqualTo(0), intactOutput);
        Assert.That(intactOutput, Does.Contain("Intact"));

        await using (var owner = new Npgsql.NpgsqlConnection(world.OwnerConnectionString))
        {
            await owner.OpenAsync();
            await using var tamper = new Npgsql.NpgsqlCommand(
                "SET session_replication_role = replica; UPDATE audit SET actor = 'someone else' WHERE action = 'campaign.submit'", owner);
            await tamper.ExecuteNonQueryAsync();
        }

        var (broken, brokenOutput) = await SpacebenchAsync("facility", "audit", "verify", "--facility", url, "--token", node.AdminToken!);
        Assert.That(broken, Is.EqualTo(1), brokenOutput);
        Assert.That(brokenOutput, Does.Contain("BROKEN").And.Contain($"chain {world.Acme.Tenant}").And.Contain("was changed"));
    }

    private static async Task<(int Exit, string Output)> SpacebenchAsync(params string[] args)
    {
        using var output = new StringWriter();
        var console = Spectre.Console.AnsiConsole.Create(new Spectre.Console.AnsiConsoleSettings
        {
            Ansi = Spectre.Console.AnsiSupport.No,
            ColorSystem = Spectre.Console.ColorSystemSupport.NoColors,
            Out = new Spectre.Console.AnsiConsoleOutput(output),
        });
        var exit = await SpaceTestBench.Cli.SpacebenchApp.RunAsync(args, console);
        return (exit, output.ToString());
    }

    private async Task<List<(string? Id, string Data)>> ReadEventsAsync(string? lastEventId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/v1/campaigns/{campaign}/events");
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        using var response = await acme.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/event-stream"));
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var events = new List<(string?, string)>();
        string? id = null;
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("id: ", StringComparison.Ordinal))
            {
                id = line[4..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                events.Add((id, line[6..]));
                id = null;
            }
        }

        return events;
    }

    private static HttpClient Client(int port, string token) => new()
    {
        BaseAddress = new Uri($"http://127.0.0.1:{port}/"),
        Timeout = TimeSpan.FromMinutes(2),
        DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", token) },
    };
}
