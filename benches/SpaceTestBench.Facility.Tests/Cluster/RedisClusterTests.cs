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
using SpaceTestBench.Testing;

namespace SpaceTestBench.Facility.Tests.Cluster;

/// <summary>
/// The facility as it is deployed: membership in the test's own Redis, a control node serving the HTTP API,
/// one station host in this process and one in its own <c>spacebench station serve</c> process, joined
/// through the control node's <c>GET /api/v1/cluster</c>; the second host is killed with SIGKILL.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class RedisClusterTests
{
    // Only the second host's bench (simulated.bench.json) has a particle beam: campaigns asking for it go there.
    private const string FirstStation = "first-host-bench";
    private const string SecondStation = "second-host-bench";
    private static readonly FacilityTimings Timings = new() { LeaseTimeToLive = TimeSpan.FromSeconds(3), SchedulerPeriod = TimeSpan.FromMilliseconds(200) };

    private FacilityWorld world = null!;
    private FacilityDeployment? facility;
    private ControlNode node = null!;
    private Process? secondHost;
    private string url = null!;
    private string token = null!;

    [OneTimeSetUp]
    public async Task SetUpAsync()
    {
        world = await FacilityWorld.CreateAsync();
        var probe = TimeSpan.FromSeconds(1);
        facility = await FacilityDeployment.StartAsync(world.OwnerConnectionString, "redis-test",
            o => o with { Timings = Timings, Cluster = o.Cluster with { ProbeTimeout = probe } });
        node = facility.Node;
        url = node.Address.ToString().TrimEnd('/');
        token = node.AdminToken!;

        // Both hosts join as spacebench station serve does: from what the control node says about the cluster.
        var runs = TestRepository.ScratchFolder("facility-redis-cluster");
        await facility.StartStationHostAsync([new StationBench(FirstStation, TestRepository.Path("benches/simulated-alternate.bench.json"))], runs,
            new FacilityClusterOptions { ProbeTimeout = probe });
        secondHost = StartStationServe(runs);
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
        var campaign = await node.Facility.Campaigns.SubmitAsync(world.Orbital,
            new CampaignRequest(["."], null, null, ["SN-R2"], ["particle beam"], 0, TimeSpan.FromHours(1)), CancellationToken.None);
        await Poll.UntilAsync(async () => (await node.Facility.Campaigns.RunsAsync(world.Orbital, campaign.Id, CancellationToken.None)).Any(r => r.State == "running"), "the run to start");
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

    private Process StartStationServe(string runs)
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
