using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using SpaceTestBench.Cli;
using SpaceTestBench.Cli.Facility;
using SpaceTestBench.Facility.Api;
using SpaceTestBench.Facility.Campaigns;
using SpaceTestBench.Facility.Hosting;
using SpaceTestBench.Facility.Stations;
using SpaceTestBench.Facility.Tenancy;
using SpaceTestBench.Facility.Tests.Support;
using SpaceTestBench.Reports.Signing;
using SpaceTestBench.Results;
using SpaceTestBench.Results.Progress;
using SpaceTestBench.Testing;

namespace SpaceTestBench.Facility.Tests.Web;

/// <summary>
/// The web console in a real browser (Playwright driving Debian's chromium, no browser download): a control node
/// with Redis membership and a station host running campaigns through <c>spacebench run</c>'s code path on the
/// simulated benches. Every page visited is kept as a screenshot attached to the test.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class ConsoleBrowserTests
{
    public const string InstallHint = "Install it: apt-get update && apt-get install -y chromium (or set SPACEBENCH_CHROMIUM to a Chromium executable).";
    private const string StationA = "web-a";
    private const string StationB = "web-b";
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(5);

    private FacilityWorld world = null!;
    private FacilityDeployment? facility;
    private ControlNode node = null!;
    private IPlaywright playwright = null!;
    private IBrowser browser = null!;
    private string scratch = null!;
    private readonly Dictionary<string, string> tokens = [];
    private Guid finishedCampaign;

    /// <summary>The Chromium executable: SPACEBENCH_CHROMIUM, else chromium on the PATH; null when none is installed.</summary>
    public static string? FindChromium()
    {
        if (Environment.GetEnvironmentVariable("SPACEBENCH_CHROMIUM") is { Length: > 0 } configured && File.Exists(configured))
        {
            return configured;
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return new[] { "chromium", "chromium-browser", "google-chrome" }
            .SelectMany(name => path.Split(Path.PathSeparator).Select(dir => Path.Combine(dir, name)))
            .FirstOrDefault(File.Exists);
    }

    [OneTimeSetUp]
    public async Task SetUpAsync()
    {
        var chromium = FindChromium();
        if (chromium is null)
        {
            Assert.Ignore($"No Chromium on this machine for the console's browser tests. {InstallHint}");
        }

        if (RedisServer.Unavailable() is { } missing)
        {
            Assert.Ignore(missing);
        }

        scratch = TestRepository.ScratchFolder("facility-console");
        world = await FacilityWorld.CreateAsync();
        facility = await FacilityDeployment.StartAsync(world.OwnerConnectionString, "console-test", o => o with
        {
            Root = TestRepository.Root,
            Cluster = o.Cluster with { SiloPort = 0, GatewayPort = 0 },
            Timings = new FacilityTimings { LeaseTimeToLive = TimeSpan.FromSeconds(6), SchedulerPeriod = TimeSpan.FromMilliseconds(300) },
        });
        node = facility.Node;
        await facility.StartStationHostAsync(
            [new StationBench(StationA, TestRepository.Path("benches/simulated.bench.json")), new StationBench(StationB, TestRepository.Path("benches/simulated-alternate.bench.json"))],
            Path.Combine(scratch, "runs"), new FacilityClusterOptions { SiloPort = 0, GatewayPort = 0 });

        foreach (var (caller, name) in new[] { (world.Acme, "ada"), (world.Orbital, "otto"), (world.Operator, "fran") })
        {
            tokens[name] = await node.Facility.Tenants.IssueTokenAsync(caller.UserId, null, "test", CancellationToken.None);
        }

        foreach (var name in new[] { "quinn", "april" })
        {
            var user = await world.NewUserAsync("facility", name, FacilityRole.QaReviewer);
            tokens[name] = await node.Facility.Tenants.IssueTokenAsync(user.UserId, null, "test", CancellationToken.None);
        }

        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = chromium, Headless = true, Args = ["--no-sandbox", "--disable-gpu"] });

        await facility.WaitForHealthyStationsAsync(2, Patience);
    }

    [OneTimeTearDown]
    public async Task TearDownAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }

        playwright?.Dispose();
        if (facility is not null)
        {
            await facility.DisposeAsync();
        }

        if (world is not null)
        {
            await world.DisposeAsync();
        }
    }

    [Test, Order(1)]
    public async Task Signing_in_needs_the_users_own_token_and_leads_to_the_station_board()
    {
        var page = await NewPageAsync(1280);
        await page.GotoAsync(Url("/console/campaigns"));
        Assert.That(page.Url, Does.Contain("/console/sign-in"));
        await ShotAsync(page, "sign-in");

        await page.GetByLabel("User name").FillAsync("ada");
        await page.GetByLabel("Access token").FillAsync(tokens["otto"]);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        Assert.That(await page.GetByRole(AriaRole.Alert).InnerTextAsync(), Does.Contain("do not match"));

        await SignInAsync(page, "ada");
        Assert.That(page.Url, Does.EndWith("/console/campaigns"));
        await page.GotoAsync(Url("/console/stations"));
        var row = page.Locator($"tr[data-station='{StationA}']");
        Assert.That(await row.Locator(".state").InnerTextAsync(), Is.EqualTo("available"));
        Assert.That(await row.Locator(".health").InnerTextAsync(), Is.EqualTo("good"));
        Assert.That(await row.InnerTextAsync(), Does.Contain("DUT supply"));
        await ShotAsync(page, "station-board");
    }

    [Test, Order(2)]
    public async Task A_station_reserved_by_one_tenant_shows_to_another_only_as_busy_and_the_board_updates_live()
    {
        var ada = await NewPageAsync(1280);
        await SignInAsync(ada, "ada");
        await ada.GotoAsync(Url("/console/stations"));
        await ada.GetByRole(AriaRole.Button, new() { Name = $"Reserve {StationB}" }).ClickAsync();
        Assert.That(await ada.Locator($"tr[data-station='{StationB}'] .state").InnerTextAsync(), Is.EqualTo("leased (yours)"));

        // A tablet-width window: the board still works, scrolling its table sideways.
        var otto = await NewPageAsync(800);
        await SignInAsync(otto, "otto");
        await otto.GotoAsync(Url("/console/stations"));
        var theirs = otto.Locator($"tr[data-station='{StationB}']");
        Assert.That(await theirs.Locator(".state").InnerTextAsync(), Is.EqualTo("busy"));
        Assert.That(await theirs.InnerTextAsync(), Does.Not.Contain("yours").And.Not.Contain("leased"));
        Assert.That(await theirs.GetByRole(AriaRole.Button).CountAsync(), Is.Zero, "no reserve or release button on another tenant's station");
        await ShotAsync(otto, "station-board-other-tenant-tablet");

        // Released by its holder, the other tenant's open board shows it available without a reload.
        await ada.GetByRole(AriaRole.Button, new() { Name = $"Release {StationB}" }).ClickAsync();
        await Assertions.Expect(theirs.Locator(".state")).ToHaveTextAsync("available", new() { Timeout = 15000 });
    }

    [Test, Order(3)]
    public async Task A_malformed_DUT_profile_is_refused_with_the_loaders_own_error_and_nothing_is_queued()
    {
        var page = await NewPageAsync(1280);
        await SignInAsync(page, "ada");
        await page.GotoAsync(Url("/console/submit"));
        await page.GetByLabel("power/power-on.feature").CheckAsync();
        var bad = Path.Combine(scratch, "bad-dut.json");
        await File.WriteAllTextAsync(bad, """{ "id": "x", "name": "no supplies", "supplies": {} }""");
        await page.GetByLabel("DUT profile (JSON)").SetInputFilesAsync(bad);
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit to the queue" }).ClickAsync();
        var problems = await page.Locator("#problems").InnerTextAsync();
        Assert.That(problems, Does.Contain("nothing was submitted").And.Contain("$.supplies").And.Contain("at least one supply rail"));
        Assert.That(await node.Facility.Campaigns.ListAsync(world.Acme, CancellationToken.None), Is.Empty);
        await ShotAsync(page, "submit-refused");
    }

    [Test, Order(4)]
    public async Task The_live_page_fills_in_scenarios_measurements_and_plots_from_snapshot_and_measurement_events()
    {
        // A campaign no station can take (no station offers the role), with the events station hosts publish.
        var campaign = await world.Campaigns.SubmitAsync(world.Acme,
            new CampaignRequest(["radiation/total-ionizing-dose.feature"], null, null, ["SN-7"], ["no-such-role"], 0, TimeSpan.FromHours(1)), CancellationToken.None);
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
        var started = new DateTimeOffset(2026, 12, 5, 8, 0, 0, TimeSpan.Zero);
        ProgressSnapshot Snapshot(int scenario, string? name, int passed, string? step) => ProgressSnapshot.Empty with
        {
            Scenarios = 2, ScenarioNumber = scenario, ScenarioName = name, StepIndex = step is null ? -1 : 2, StepCount = 6, StepText = step,
            Started = started, Now = started.AddHours(scenario * 3), VirtualClock = true, PlannedScenarios = [TimeSpan.FromHours(3), TimeSpan.FromHours(2)],
            Verdicts = passed == 0 ? new Dictionary<Verdict, int>() : new Dictionary<Verdict, int> { [Verdict.Pass] = passed },
        };
        var measurements = Enumerable.Range(0, 6).Select(i => new
        {
            scenario = 1, scenarioName = "Step-stress dose ladder", name = "core supply current", value = 0.21 + (0.01 * i), unit = "A", verdict = "Pass",
            limit = "≤ 0.35 A (DUT profile)", benchTime = started.AddMinutes(30 * i), conditions = new Dictionary<string, string> { ["total dose"] = $"{10 * i} krad(Si)" },
        }).ToList();
        await AppendAsync(campaign.Id, "snapshot", JsonSerializer.Serialize(Snapshot(1, "Step-stress dose ladder", 0, "When the DUT is irradiated to 50 krad(Si)"), json));
        await AppendAsync(campaign.Id, "measurements", JsonSerializer.Serialize(measurements, json));
        await AppendAsync(campaign.Id, "snapshot", JsonSerializer.Serialize(Snapshot(2, "Anneal at 100 °C", 1, "Then the supply current stays within its limit"), json));

        var page = await NewPageAsync(1280);
        await SignInAsync(page, "ada");
        await page.GotoAsync(Url($"/console/campaigns/{campaign.Id}"));
        await Assertions.Expect(page.Locator("#scenario-1 .verdict-tag")).ToHaveTextAsync("Pass");
        await Assertions.Expect(page.Locator("#scenario-2 .name")).ToHaveTextAsync("Anneal at 100 °C");
        await Assertions.Expect(page.Locator("#current-step")).ToContainTextAsync("Step 3 of 6: Then the supply current stays within its limit");
        await Assertions.Expect(page.Locator("#bench-time")).ToContainTextAsync("6 h");
        await Assertions.Expect(page.Locator("#measurements tbody tr")).ToHaveCountAsync(6);
        await Assertions.Expect(page.Locator("#plot-dose")).ToHaveAttributeAsync("data-points", "6");

        // More arrives while the page is open: the plot grows.
        await AppendAsync(campaign.Id, "measurements", JsonSerializer.Serialize(measurements.Take(2).Select(m => m with { value = m.value + 0.05 }), json));
        await Assertions.Expect(page.Locator("#plot-dose")).ToHaveAttributeAsync("data-points", "8", new() { Timeout = 10000 });
        await ShotAsync(page, "live-campaign-events");
    }

    [Test, Order(5)]
    public async Task A_campaign_submitted_in_the_console_runs_on_the_bench_and_is_watched_to_its_verdict_live()
    {
        var page = await NewPageAsync(1280);
        await SignInAsync(page, "ada");
        await page.GotoAsync(Url("/console/submit"));
        await page.GetByLabel("power/power-on.feature").CheckAsync();
        await page.GetByLabel("DUT profile (JSON)").SetInputFilesAsync(TestRepository.Path("fixtures/duts/rad-hard-soc.json"));
        await page.GetByLabel("Sample serial numbers").FillAsync("SN-WEB-1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Check and estimate" }).ClickAsync();
        Assert.That(await page.Locator("#estimate-total").InnerTextAsync(), Does.Match(@"\d+ (min|h|d)"));
        await ShotAsync(page, "submit-estimate");

        await page.GetByRole(AriaRole.Button, new() { Name = "Submit to the queue" }).ClickAsync();
        Assert.That(page.Url, Does.Match("/console/campaigns/[0-9a-f-]{36}$"));
        finishedCampaign = Guid.Parse(page.Url[^36..]);
        // Watched live: the page fills in from the events without a reload, to the verdict.
        await Assertions.Expect(page.Locator("#verdict")).ToContainTextAsync("Verdict: Pass", new() { Timeout = (float)Patience.TotalMilliseconds });
        await Assertions.Expect(page.Locator("#campaign-state")).ToHaveTextAsync("passed", new() { Timeout = 30000 });
        Assert.That(await page.Locator("#log").InnerTextAsync(), Does.Contain("Power-on at nominal and margined supply voltage").And.Contain("Pass: 3 scenario(s) passed"));
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("Download the run folder") }).ClickAsync());
        var zip = Path.Combine(scratch, "downloaded-run.zip");
        await download.SaveAsAsync(zip);
        using (var archive = System.IO.Compression.ZipFile.OpenRead(zip))
        {
            Assert.That(archive.Entries.Select(e => e.FullName), Does.Contain("report.html").And.Contain("results.sqlite"));
            using var report = new StreamReader(archive.GetEntry("report.html")!.Open());
            Assert.That(await report.ReadToEndAsync(), Does.Contain("SN-WEB-1"), "the run mounted the sample the campaign named, and the report says so");
        }

        await ShotAsync(page, "live-campaign-passed");
        var campaign = (await node.Facility.Campaigns.FindAsync(world.Acme, finishedCampaign, CancellationToken.None))!;
        Assert.That(campaign.Request.Samples, Is.EqualTo(new[] { "SN-WEB-1" }));
        Assert.That(campaign.Request.DutFile, Does.StartWith("reports/out/facility-uploads/"));
    }

    [Test, Order(6)]
    public async Task A_report_is_signed_in_the_browser_by_the_reviewer_then_the_approver_with_their_own_keys()
    {
        Assume.That(finishedCampaign, Is.Not.EqualTo(Guid.Empty), "needs the campaign of the test before");
        var keys = Path.Combine(scratch, "keys");
        foreach (var (prefix, name) in new[] { ("quinn", "Quinn Reviewer"), ("april", "April Approver") })
        {
            using var key = SignerKey.Generate(name);
            key.Save(Path.Combine(keys, prefix));
        }

        foreach (var (user, state) in new[] { ("quinn", "awaiting-approval"), ("april", "approved") })
        {
            var page = await NewPageAsync(1280);
            await SignInAsync(page, user);
            await page.GotoAsync(Url("/console/inbox"));
            await page.GetByLabel("Public key file", new() { Exact = false }).SetInputFilesAsync(Path.Combine(keys, user + ".pub.pem"));
            await page.GetByRole(AriaRole.Button, new() { Name = "Register public key" }).ClickAsync();
            Assert.That(await page.GetByRole(AriaRole.Status).First.InnerTextAsync(), Does.Contain("you sign as"));
            await page.GotoAsync(Url("/console/inbox"));
            await ShotAsync(page, $"qa-inbox-{user}");
            await page.Locator("#reports tbody tr a").First.ClickAsync();
            await page.GetByLabel("Your private key file").SetInputFilesAsync(Path.Combine(keys, user + ".key.pem"));
            await page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Sign as") }).ClickAsync();
            await Assertions.Expect(page.Locator("#report-state")).ToHaveTextAsync(state, new() { Timeout = 20000 });
            await ShotAsync(page, $"report-{state}");
        }

        // The tenant sees its report approved, with both signatures, and the run folder verifies.
        var ada = await NewPageAsync(1280);
        await SignInAsync(ada, "ada");
        await ada.GotoAsync(Url("/console/reports"));
        await ada.Locator("#reports tbody tr a").First.ClickAsync();
        var signatures = await ada.Locator("#signatures").InnerTextAsync();
        Assert.That(signatures, Does.Contain("reviewed by Quinn Reviewer").And.Contain("approved by April Approver").And.Contain("signature verifies"));
        Assert.That(await ada.Locator("#sign-off").CountAsync(), Is.Zero, "a vendor has no sign-off panel");
        await ShotAsync(ada, "report-tenant-view");
        var folder = Directory.GetDirectories(Path.Combine(TestRepository.Root, "reports", "out", "facility-signed")).OrderByDescending(Directory.GetLastWriteTimeUtc).First();
        Assert.That(ReportVerifier.Verify(folder).Verified, Is.True);
    }

    [Test, Order(7)]
    public async Task The_operator_views_show_fair_share_calibration_health_and_a_verified_audit_trail()
    {
        var page = await NewPageAsync(1280);
        await SignInAsync(page, "fran");
        await page.GotoAsync(Url("/console/operator"));
        Assert.That(await page.Locator("#fair-share").InnerTextAsync(), Does.Contain("acme"));
        await ShotAsync(page, "operator-queue");
        await page.GotoAsync(Url("/console/operator/calibration"));
        Assert.That(await page.Locator("#calibration tbody tr").CountAsync(), Is.GreaterThan(3));
        await ShotAsync(page, "operator-calibration");
        await page.GotoAsync(Url("/console/operator/health"));
        Assert.That(await page.Locator("#health").InnerTextAsync(), Does.Contain(StationA));
        await ShotAsync(page, "operator-health");
        await page.GotoAsync(Url("/console/operator/audit?action=report."));
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify every chain" }).ClickAsync();
        Assert.That(await page.GetByRole(AriaRole.Status).First.InnerTextAsync(), Does.StartWith("Intact"));
        Assert.That(await page.Locator("#audit").InnerTextAsync(), Does.Contain("report.approved"));
        await ShotAsync(page, "operator-audit");
        await page.GetByRole(AriaRole.Link, new() { Name = "Amendments" }).ClickAsync();
        Assert.That(await page.Locator("h1").InnerTextAsync(), Is.EqualTo("Amendments"), "the operators' inbox of reports QA asked to amend");
        await ShotAsync(page, "operator-amendments");

        // A vendor does not reach them.
        var vendor = await NewPageAsync(1280);
        await SignInAsync(vendor, "otto");
        var refused = await vendor.GotoAsync(Url("/console/operator"));
        Assert.That(refused!.Status, Is.EqualTo(403));
    }

    [Test, Order(8)]
    public async Task Lists_page_through_a_hundred_stations_and_a_thousand_campaigns_fifty_at_a_time()
    {
        // Offline stations (never scheduled) and ended campaigns (never placed): rows to page through, not work.
        await world.Database.AsOperatorAsync(async (c, t) =>
        {
            await SpaceTestBench.Facility.Store.Sql.ExecuteAsync(c, t, """
                INSERT INTO stations (id, name, bench_file, station_type, roles, state, health, registered_at)
                SELECT 'bulk-' || lpad(n::text, 3, '0'), 'Bulk bench ' || n, 'none', 'bulk', '{DUT supply}', 'offline', 'unknown', now() FROM generate_series(0, 99) n
                """, CancellationToken.None);
            return await SpaceTestBench.Facility.Store.Sql.ExecuteAsync(c, t, """
                INSERT INTO campaigns (id, tenant_id, submitted_by, features, samples, required_roles, priority, planned_duration_s, state, submitted_at, ended_at)
                SELECT gen_random_uuid(), @tenant, 'ada', '{power/power-on.feature}', '{}', '{}', 0, 60, 'cancelled', now() - n * interval '1 minute', now() FROM generate_series(1, 1000) n
                """, CancellationToken.None, ("tenant", world.Acme.Tenant));
        }, CancellationToken.None);

        var page = await NewPageAsync(1280);
        await SignInAsync(page, "ada");
        await page.GotoAsync(Url("/console/stations"));
        Assert.That(await page.Locator("#station-rows tr").CountAsync(), Is.EqualTo(50));
        await page.GetByRole(AriaRole.Link, new() { Name = "Next →" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Next →" }).ClickAsync();
        Assert.That(await page.Locator("#station-rows tr").CountAsync(), Is.EqualTo(2), "102 stations: 50, 50, 2");
        Assert.That(await page.GetByRole(AriaRole.Link, new() { Name = "Next →" }).CountAsync(), Is.Zero);

        await page.GotoAsync(Url("/console/campaigns"));
        Assert.That(await page.Locator("tbody tr").CountAsync(), Is.EqualTo(50));
        await page.GotoAsync(Url("/console/campaigns?page=20"));
        Assert.That(await page.Locator("tbody tr").CountAsync(), Is.EqualTo(2), "1,002 campaigns: the 21st page holds the last 2");
        await ShotAsync(page, "campaigns-last-page");
    }

    private string Url(string path) => new Uri(node.Address, path).ToString();

    private async Task<IPage> NewPageAsync(int width)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = 900 }, AcceptDownloads = true });
        return await context.NewPageAsync();
    }

    private async Task SignInAsync(IPage page, string user)
    {
        if (!page.Url.Contains("/console/sign-in", StringComparison.Ordinal))
        {
            await page.GotoAsync(Url("/console/sign-in"));
        }

        await page.GetByLabel("User name").FillAsync(user);
        await page.GetByLabel("Access token").FillAsync(tokens[user]);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        // Wait for the redirect by polling the page's URL, then for the page's own heading: no load-state wait at all.
        // WaitForURLAsync on a URL that already matches waits for a load state instead of the commit, and a page holding
        // a live event stream (the station board) can hang it (seen in a fresh-clone CI: 30 s, "NetworkIdle" fired).
        await Assertions.Expect(page).Not.ToHaveURLAsync(new Regex("/sign-in"), new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("h1").First).ToBeVisibleAsync();
    }

    /// <summary>Keeps a full-page screenshot, and checks the page with axe-core (WCAG 2.1 A and AA: labels, contrast, roles, names).</summary>
    private async Task ShotAsync(IPage page, string name)
    {
        var file = Path.Combine(scratch, $"console-{name}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
        TestContext.AddTestAttachment(file, $"The console's {name} page");
        // The report inside its sandboxed frame is the report's own document, checked by the report's tests.
        var axe = await page.RunAxe(new Deque.AxeCore.Commons.AxeRunOptions
        {
            RunOnly = new Deque.AxeCore.Commons.RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
            // No script runs in the sandboxed report frame, so axe could not answer from it: the frame is left out.
            Iframes = false,
        });
        var violations = axe.Violations.Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Take(3).Select(n => n.Target?.ToString()))}").ToList();
        Assert.That(violations, Is.Empty, $"accessibility of the {name} page");
    }

    private async Task AppendAsync(Guid campaign, string kind, string text) =>
        await world.Database.AsOperatorAsync(async (c, t) =>
        {
            await RunLedger.AppendEventAsync(c, t, world.Acme.Tenant, campaign, kind, text, TimeProvider.System.GetUtcNow(), CancellationToken.None);
            return 0;
        }, CancellationToken.None);
}
