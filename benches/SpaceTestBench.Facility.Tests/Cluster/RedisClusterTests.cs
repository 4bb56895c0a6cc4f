using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SpaceTestBench.Cli;
using SpaceTestBench.Cli.Facility;
using SpaceTestBench.Facility.Api;
using SpaceTestBench.Facility.Campaigns;
using SpaceTestBench.Facility.Hosting;
using SpaceTestBench.Facility.Leasing;
using SpaceTestBench.Facility.Stations;
using SpaceTestBench.Facility.Store;
using SpaceTestBench.Facility.Tests.Support;
using SpaceTestBench.Results.Progress;
using SpaceTestBench.Results.Recording;
using SpaceTestBench.Results.Store;
using SpaceTestBench.Testing;

namespace SpaceTestBench.Facility.Tests.Cluster;

/// <summary>
/// The facility as it is deployed: membership in the test's own Redis, a control node serving the HTTP API,
/// one station host in this process and one in its own <c>spacebench station serve</c> process, joined
/// through the control node's <c>GET /api/v1/cluster</c> (both as the station hosts' own database role); the second
/// host is killed with SIGKILL mid-campaign, restarted, and the aborted campaign resumed in its run folder.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class RedisClusterTests
{
    // Only the second host's bench (simulated.bench.json) has a particle beam: campaigns asking for it go there.
    private const string FirstStation = "first-host-bench";
    private const string SecondStation = "second-host-bench";
    // Short enough for quick tests, long enough for the pauses of a loaded 2-core CI machine: the second host runs
    // whole campaigns in its own process, and its thread pool was seen to stall for 1.2 s. With a 3 s lease and 1 s
    // probes (two missed, one vote), such a stall declared the healthy host dead or lost its lease, and the restart
    // test's campaign ended aborted. A host must now stay silent for 6 s to lose either.
    private static readonly FacilityTimings Timings = new() { LeaseTimeToLive = TimeSpan.FromSeconds(6), SchedulerPeriod = TimeSpan.FromMilliseconds(200) };

    private FacilityWorld world = null!;
    private FacilityDeployment? facility;
    private ControlNode node = null!;
    private Process? secondHost;
    private string runs = null!;
    private string url = null!;
    private string token = null!;

    [OneTimeSetUp]
    public async Task SetUpAsync()
    {
        world = await FacilityWorld.CreateAsync();
        var probe = TimeSpan.FromSeconds(2);
        facility = await FacilityDeployment.StartAsync(world.OwnerConnectionString, "redis-test",
            o => o with { Timings = Timings, Cluster = o.Cluster with { ProbeTimeout = probe } });
        node = facility.Node;
        url = node.Address.ToString().TrimEnd('/');
        token = facility.AdminToken;

        // Both hosts join as spacebench station serve does: from what the control node says about the cluster.
        runs = TestRepository.ScratchFolder("facility-redis-cluster");
        await facility.StartStationHostAsync([new StationBench(FirstStation, TestRepository.Path("benches/simulated-alternate.bench.json"))], runs,
            new FacilityClusterOptions { ProbeTimeout = probe });
        secondHost = StartStationServe();
        await facility.WaitForHealthyStationsAsync(2);
    }

    [OneTimeTearDown]
    public async Task TearDownAsync()
    {
        Kill(secondHost);
        secondHost?.Dispose();
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
    public async Task A_campaign_needing_the_second_hosts_bench_runs_there_and_facility_watch_draws_its_progress()
    {
        var hosts = (await node.Facility.Stations.ListAsync(CancellationToken.None)).ToDictionary(s => s.Id, s => s.HostSilo);
        Assert.That(hosts[SecondStation], Is.Not.EqualTo(hosts[FirstStation]), "the stations live on two silos");

        var campaign = await node.Facility.Campaigns.SubmitAsync(world.Acme,
            new CampaignRequest(["power/power-on.feature"], null, null, ["SN-R1"], ["particle beam"], 0, TimeSpan.FromHours(1)), CancellationToken.None);
        var acmeToken = await node.Facility.Tenants.IssueTokenAsync(world.Acme.UserId, null, "test", CancellationToken.None);
        var (exit, output) = await SpacebenchAsync("facility", "watch", campaign.Id.ToString(), "--facility", url, "--token", acmeToken);

        Assert.That(exit, Is.EqualTo(0), output);
        var run = (await node.Facility.Campaigns.RunsAsync(world.Acme, campaign.Id, CancellationToken.None)).Single();
        Assert.That(run.StationId, Is.EqualTo(SecondStation));
        // The picture spacebench status draws, from the station host's snapshot events: scenario n of N, bench time, the last judged measurement.
        Assert.That(output, Does.Contain("[placed]").And.Contain("[run-started]").And.Contain("ended: passed"));
        Assert.That(output, Does.Match(@"\[\d+/\d+\] "), "plain progress lines from the snapshots");
        Assert.That(output, Does.Contain("Scenario").And.Contain("Bench time").And.Contain("Last judged").And.Contain("finished"), "the whole picture at the end");
        Assert.That(output, Does.Not.Contain("[measurements]").And.Not.Contain("[snapshot]"), "typed events are drawn, not dumped");
    }

    [Test, Order(2)]
    public async Task Killing_the_second_host_takes_its_station_offline_expires_and_fences_its_lease_and_work_for_it_waits()
    {
        // The power suite: 17 scenarios, long enough to be cut in the middle; on the bench's own samples (it destroys several).
        var campaign = await node.Facility.Campaigns.SubmitAsync(world.Orbital,
            new CampaignRequest(["power"], null, null, [], ["particle beam"], 0, TimeSpan.FromHours(1)), CancellationToken.None);
        await Poll.UntilAsync(async () => (await node.Facility.Campaigns.RunsAsync(world.Orbital, campaign.Id, CancellationToken.None)).Any(r => r.State == "running"), "the run to start");
        // Cut in its third scenario, so there are finished scenarios not to rerun and a cut one to continue (the next test).
        await Poll.UntilAsync(async () => (await EventsAsync(world.Orbital.Tenant, campaign.Id))
            .Any(e => e.Kind == "snapshot" && ProgressSnapshotJson.Deserialize(e.Text, "snapshot event").ScenarioNumber >= 3), "the run's third scenario");
        var lease = (await node.Facility.Leases.CurrentAsync(SecondStation, CancellationToken.None))!;

        Kill(secondHost);
        var killedAt = TimeProvider.System.GetUtcNow();

        await Poll.UntilAsync(async () => (await node.Facility.Campaigns.FindAsync(world.Orbital, campaign.Id, CancellationToken.None))!.State == CampaignState.Aborted,
            "the campaign to end aborted");
        var ended = await world.Database.AsOperatorAsync((c, t) => Sql.ListAsync(c, t, "SELECT expires_at, end_reason FROM leases WHERE id = @id",
            r => (Expires: r.GetFieldValue<DateTimeOffset>(0), Reason: r.GetString(1)), CancellationToken.None, ("id", lease.Id)), CancellationToken.None);
        Assert.That(ended.Single().Reason, Is.EqualTo("expired"));
        Assert.That(ended.Single().Expires, Is.LessThanOrEqualTo(killedAt + Timings.LeaseTimeToLive));
        Assert.That((await node.Facility.Campaigns.RunsAsync(world.Orbital, campaign.Id, CancellationToken.None)).Single().State, Is.EqualTo("aborted"));

        // Fenced: the dead lease's number no longer admits anything.
        using var fence = new StationFence(async (fencing, ct) => (await node.Facility.Leases.CurrentAsync(SecondStation, ct))?.Fencing == fencing);
        Assert.That(await fence.PermitsAsync(lease.Fencing, CancellationToken.None), Is.False);

        await Poll.UntilAsync(async () => (await node.Facility.Stations.FindAsync(SecondStation, CancellationToken.None))!.State == StationState.Offline,
            "Redis membership to declare the killed host dead");

        // Work that only the dead host's bench can do waits in the queue; if it was placed before the host was
        // declared dead, the refused placement put it back (a "requeued" event).
        var waiting = await node.Facility.Campaigns.SubmitAsync(world.Acme,
            new CampaignRequest(["power/power-on.feature"], null, null, ["SN-R3"], ["particle beam"], 0, TimeSpan.FromHours(1)), CancellationToken.None);
        await Task.Delay(Timings.SchedulerPeriod * 10);
        Assert.That((await node.Facility.Campaigns.FindAsync(world.Acme, waiting.Id, CancellationToken.None))!.State, Is.EqualTo(CampaignState.Queued));
        Assert.That(await node.Facility.Campaigns.RunsAsync(world.Acme, waiting.Id, CancellationToken.None), Is.Empty);
        Assert.That((await node.Facility.Stations.FindAsync(FirstStation, CancellationToken.None))!.State, Is.Not.EqualTo(StationState.Offline), "the first host lives on");
    }

    [Test, Order(3)]
    public async Task The_aborted_campaign_resumes_in_its_run_folder_on_its_station_once_the_restarted_host_passes_its_health_check()
    {
        var aborted = (await node.Facility.Campaigns.ListAsync(world.Orbital, CancellationToken.None)).Single(c => c.State == CampaignState.Aborted);
        var cut = (await node.Facility.Campaigns.RunsAsync(world.Orbital, aborted.Id, CancellationToken.None)).Single();
        var finishedBefore = ResumePoint.Read(cut.Folder).Scenarios.Where(s => s.Finished).Select(s => s.ScenarioId).ToList();
        var orbitalToken = await node.Facility.Tenants.IssueTokenAsync(world.Orbital.UserId, null, "test", CancellationToken.None);

        // Another tenant cannot, and only an aborted campaign can.
        var acmeToken = await node.Facility.Tenants.IssueTokenAsync(world.Acme.UserId, null, "test", CancellationToken.None);
        Assert.That((await SpacebenchAsync("facility", "resume", aborted.Id.ToString(), "--facility", url, "--token", acmeToken)).Exit, Is.EqualTo(1));
        var passed = (await node.Facility.Campaigns.ListAsync(world.Acme, CancellationToken.None)).First(c => c.State == CampaignState.Passed);
        var (refusedExit, refused) = await SpacebenchAsync("facility", "resume", passed.Id.ToString(), "--facility", url, "--token", acmeToken);
        Assert.That(refusedExit, Is.EqualTo(1));
        Assert.That(refused, Does.Contain("409 Conflict").And.Contain($"campaign {passed.Id} is passed: only an aborted campaign"));

        var (exit, output) = await SpacebenchAsync("facility", "resume", aborted.Id.ToString(), "--facility", url, "--token", orbitalToken);
        Assert.That(exit, Is.EqualTo(0), output);
        Assert.That((await node.Facility.Campaigns.FindAsync(world.Orbital, aborted.Id, CancellationToken.None))!.State, Is.EqualTo(CampaignState.Queued),
            "it waits: its station's host is still down");

        // The host comes back (same bench file, same runs folder); the station passes a health check first, then the campaign continues.
        secondHost = StartStationServe();
        var (watchExit, watched) = await SpacebenchAsync("facility", "watch", aborted.Id.ToString(), "--facility", url, "--token", orbitalToken).WaitAsync(TimeSpan.FromMinutes(10));

        var ended = (await node.Facility.Campaigns.FindAsync(world.Orbital, aborted.Id, CancellationToken.None))!;
        var runsNow = await node.Facility.Campaigns.RunsAsync(world.Orbital, aborted.Id, CancellationToken.None);
        Assert.That(runsNow.Select(r => (r.State, r.Folder)), Is.EqualTo(new[] { ("aborted", cut.Folder), ("finished", cut.Folder) }), "the resumed run wrote on in the cut run's folder");
        var resumed = runsNow[1];
        Assert.That(resumed.StationId, Is.EqualTo(SecondStation));
        Assert.That(ended.State, Is.EqualTo(resumed.Verdict == "Pass" ? CampaignState.Passed : CampaignState.Failed));
        Assert.That(watchExit, Is.EqualTo(ended.State == CampaignState.Passed ? 0 : 1), watched);
        // The host's kill can land inside a scenario or between two (seen in a fresh-clone CI): either way the resume says where it goes on.
        Assert.That(watched, Does.Contain("[resume-queued]").And.Contain("to resume the run in").And.Contain(cut.Folder)
            .And.Match("resuming (at step [0-9]+ of '|after its last finished scenario)"));

        // spacebench run --resume's path: one record, the finished scenarios not rerun, every scenario of the suite once.
        var store = ResultStoreReader.Read(cut.Folder);
        Assert.That(store.Events.Select(e => e.Kind), Does.Contain(BenchEventKind.RunResumed));
        Assert.That(store.Scenarios.Select(s => s.Info.ScenarioId), Is.Unique);
        Assert.That(store.Scenarios, Has.Count.EqualTo(17));
        Assert.That(finishedBefore, Is.Not.Empty.And.SubsetOf(store.Scenarios.Select(s => s.Info.ScenarioId)));
        Assert.That(resumed.Verdict, Is.EqualTo("Pass"), watched);
        Assert.That(Results.Judging.VerdictPolicy.Judge(store).Verdict.ToString(), Is.EqualTo(resumed.Verdict));

        // The health check came first, and the resume is audited.
        var checks = await world.Database.AsOperatorAsync((c, t) => Sql.ListAsync(c, t,
            "SELECT purpose, fencing FROM leases WHERE station_id = @s ORDER BY fencing", r => (Purpose: r.GetString(0), Fencing: r.GetInt64(1)), CancellationToken.None, ("s", SecondStation)), CancellationToken.None);
        var resumedLease = checks.Single(l => l.Fencing == resumed.Fencing);
        Assert.That(checks.Where(l => l.Fencing > cut.Fencing && l.Fencing < resumedLease.Fencing).Select(l => l.Purpose), Has.Some.EqualTo("health-check"));
        var audit = await world.Database.AsOperatorAsync((c, t) => Sql.ListAsync(c, t,
            "SELECT actor, detail FROM audit WHERE action = 'campaign.resume' AND object = @o", r => (Actor: r.GetString(0), Detail: r.GetString(1)), CancellationToken.None,
            ("o", $"campaign:{aborted.Id}")), CancellationToken.None);
        Assert.That(audit.Single(), Is.EqualTo((world.Orbital.UserName, $"resumes aborted run {cut.Id} on station {SecondStation} from {cut.Folder}")));
    }

    [Test, Order(4)]
    public async Task A_watcher_that_reconnects_with_the_last_event_id_gets_the_typed_step_progress_it_had_not_seen()
    {
        var campaign = (await node.Facility.Campaigns.ListAsync(world.Orbital, CancellationToken.None)).Single(c => c.Ended && c.State != CampaignState.Aborted);
        var orbitalToken = await node.Facility.Tenants.IssueTokenAsync(world.Orbital.UserId, null, "test", CancellationToken.None);
        using var client = new HttpClient { BaseAddress = node.Address, DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", orbitalToken) } };

        var all = await ReadEventsAsync(client, campaign.Id, null);
        var snapshots = all.Where(e => e.Kind == "snapshot").Select(e => ProgressSnapshotJson.Deserialize(e.Data, "snapshot event")).ToList();
        Assert.That(snapshots.Select(s => s.ScenarioNumber).Distinct().Count(), Is.GreaterThan(1), "scenario n of N as it went");
        // The steps' typed progress reaches the picture: a scenario's finish carries its step count from the step events.
        // A snapshot showing the current step goes out on the publisher's 1 s wall-clock tick (CampaignProgressPublisher),
        // which a loaded machine's quick power scenarios may never meet inside a step (seen in two fresh-clone CIs, every
        // snapshot at a scenario boundary), so the current step is checked where a tick did land in one.
        Assert.That(snapshots, Has.Some.Matches<ProgressSnapshot>(s => s.StepCount > 0), "the scenario's steps");
        Assert.That(snapshots.Where(s => s.StepIndex >= 0), Has.All.Matches<ProgressSnapshot>(s => s.StepText is not null && s.StepCount > s.StepIndex), "the current step");
        Assert.That(snapshots, Has.Some.Matches<ProgressSnapshot>(s => s.LastMeasurement is not null && s.Now is not null), "bench time and the last judged measurement");
        Assert.That(all[^1].Kind, Is.EqualTo("end"));

        // Cut after the middle snapshot: the rest, and nothing seen before, comes after a reconnect.
        var middle = all.Where(e => e.Kind == "snapshot").ElementAt(snapshots.Count / 2);
        var rest = await ReadEventsAsync(client, campaign.Id, middle.Id);
        Assert.That(rest.Select(e => (e.Id, e.Kind, e.Data)), Is.EqualTo(all.SkipWhile(e => e.Id != middle.Id).Skip(1).Select(e => (e.Id, e.Kind, e.Data))));
    }

    [Test, Order(5)]
    public async Task A_running_campaign_survives_a_control_node_restart_and_facility_watch_reconnects()
    {
        // Every suite, on the bench that has them all (the second host's): long enough to outlast a control node's stop and start.
        var campaign = await node.Facility.Campaigns.SubmitAsync(world.Acme,
            new CampaignRequest(["."], null, null, [], ["particle beam"], 0, TimeSpan.FromHours(1)), CancellationToken.None);
        var acmeToken = await node.Facility.Tenants.IssueTokenAsync(world.Acme.UserId, null, "test", CancellationToken.None);
        var watching = SpacebenchAsync("facility", "watch", campaign.Id.ToString(), "--facility", url, "--token", acmeToken);
        await Poll.UntilAsync(async () => (await EventsAsync(world.Acme.Tenant, campaign.Id)).Any(e => e.Kind == "snapshot"), "the run's first progress");

        // The control node goes (API, scheduler, its silo) for twice a lease's time to live, and comes back on the same
        // database, membership and address: the station host's heartbeats go to the database, so its lease lives on.
        var stateWhileDown = CampaignState.Queued;
        await facility!.RestartNodeAsync(async () =>
        {
            // Read straight from the database: nothing answers on the API now.
            stateWhileDown = (await world.Campaigns.FindAsync(world.Acme, campaign.Id, CancellationToken.None))!.State;
            await Task.Delay(Timings.LeaseTimeToLive * 2);
        });
        node = facility.Node;
        Assert.That(stateWhileDown, Is.EqualTo(CampaignState.Running), "the restart came while the campaign ran");

        var (exit, output) = await watching.WaitAsync(TimeSpan.FromMinutes(15));
        var ended = (await node.Facility.Campaigns.FindAsync(world.Acme, campaign.Id, CancellationToken.None))!;
        var run = (await node.Facility.Campaigns.RunsAsync(world.Acme, campaign.Id, CancellationToken.None)).Single();
        Assert.That(run.State, Is.EqualTo("finished"), "one run, not cut and not placed twice");
        Assert.That(ended.State, Is.EqualTo(run.Verdict == "Pass" ? CampaignState.Passed : CampaignState.Failed));
        Assert.That(exit, Is.EqualTo(ended.State == CampaignState.Passed ? 0 : 1), output);
        Assert.That(output, Does.Contain($"ended: {ended.State.ToString().ToLowerInvariant()}"));
        var store = ResultStoreReader.Read(run.Folder);
        Assert.That(store.Scenarios.Select(s => s.Info.ScenarioId), Is.Unique);
        Assert.That(store.Scenarios, Has.Count.EqualTo(ProgressStore.Read(run.Folder)!.Value.Snapshot.Scenarios), "every scenario of the campaign ran, once");
    }

    private static async Task<List<(string? Id, string Kind, string Data)>> ReadEventsAsync(HttpClient client, Guid campaign, string? lastEventId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/v1/campaigns/{campaign}/events");
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var events = new List<(string?, string, string)>();
        string? id = null;
        string? kind = null;
        var data = new List<string>();
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("id: ", StringComparison.Ordinal))
            {
                id = line[4..];
            }
            else if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                kind = line[7..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data.Add(line[6..]);
            }
            else if (line.Length == 0 && kind is not null)
            {
                events.Add((id, kind, string.Join("\n", data)));
                (id, kind) = (null, null);
                data.Clear();
            }
        }

        return events;
    }

    private Task<List<(string Kind, string Text)>> EventsAsync(Guid tenant, Guid campaign) =>
        world.Database.InTenantAsync(tenant, (c, t) => Sql.ListAsync(c, t, "SELECT kind, text FROM campaign_events WHERE campaign_id = @id ORDER BY id",
            r => (Kind: r.GetString(0), Text: r.GetString(1)), CancellationToken.None, ("id", campaign)), CancellationToken.None);

    private Process StartStationServe()
    {
        // The built command line beside this test assembly, run as an operator would start a station host.
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = TestRepository.Root };
        foreach (var argument in new[]
        {
            Path.Combine(AppContext.BaseDirectory, "spacebench.dll"), "station", "serve", "--facility", url, "--token", token,
            "--bench", $"{SecondStation}={TestRepository.Path("benches/simulated.bench.json")}", "--runs", runs,
        })
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, e) => TestContext.Progress.WriteLine($"station serve: {e.Data}");
        process.ErrorDataReceived += (_, e) => TestContext.Progress.WriteLine($"station serve: {e.Data}");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static void Kill(Process? process)
    {
        if (process is { HasExited: false })
        {
            // SIGKILL: no shutdown, no last heartbeat, no goodbye to the membership table.
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
    }

    private static async Task<(int Exit, string Output)> SpacebenchAsync(params string[] args)
    {
        using var output = new StringWriter();
        var console = Spectre.Console.AnsiConsole.Create(new Spectre.Console.AnsiConsoleSettings
        {
            Ansi = Spectre.Console.AnsiSupport.No,
            ColorSystem = Spectre.Console.ColorSystemSupport.NoColors,
            Interactive = Spectre.Console.InteractionSupport.No,
            Out = new Spectre.Console.AnsiConsoleOutput(output),
        });
        console.Profile.Width = 200;
        var exit = await SpacebenchApp.RunAsync(args, console);
        return (exit, output.ToString());
    }
}
