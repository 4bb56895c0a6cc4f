using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Extensions.Hosting;
using SpaceTestBench.Cli;
using SpaceTestBench.Cli.Facility;
using SpaceTestBench.Facility.Api;
using SpaceTestBench.Facility.Hosting;
using SpaceTestBench.Facility.Stations;
using SpaceTestBench.Testing;

namespace SpaceTestBench.Facility.Tests.Support;

/// <summary>
/// The facility as deployed, for the tests that need all of it: the test's own Redis for membership, a control
/// node serving the HTTP API on a free loopback port, and station hosts joined as <c>spacebench station serve</c>
/// joins them (from what <c>GET /api/v1/cluster</c> says), running campaigns through <c>spacebench run</c>'s code
/// path. Disposing stops the hosts, the node and Redis, in that order.
/// </summary>
internal sealed class FacilityDeployment : IAsyncDisposable
{
    private readonly List<IHost> hosts = [];

    private readonly ControlNodeOptions options;

    private FacilityDeployment(RedisServer redis, ControlNode node, ControlNodeOptions options)
    {
        Redis = redis;
        Node = node;
        AdminToken = node.AdminToken!;
        this.options = options;
    }

    public RedisServer Redis { get; }

    /// <summary>The control node (a new one after <see cref="RestartNodeAsync"/>).</summary>
    public ControlNode Node { get; private set; }

    /// <summary>The first admin's token, written by the node's first start.</summary>
    public string AdminToken { get; }

    /// <summary>The control node's base address.</summary>
    public Uri Address => Node.Address;

    /// <summary>
    /// Starts Redis and a control node on <paramref name="database"/>; <paramref name="configure"/> completes the
    /// node's options (timings, repository root, silo ports). Ignores the calling test when Redis is not installed.
    /// </summary>
    public static async Task<FacilityDeployment> StartAsync(string database, string clusterName, Func<ControlNodeOptions, ControlNodeOptions>? configure = null)
    {
        if (RedisServer.Unavailable() is { } missing)
        {
            Assert.Ignore(missing);
        }

        var redis = await RedisServer.StartAsync();
        try
        {
            var options = new ControlNodeOptions
            {
                Database = database,
                Url = $"http://127.0.0.1:{ExternalProcess.FreeLoopbackPort()}",
                Cluster = new FacilityClusterOptions { Redis = redis.Endpoint, ClusterId = $"{clusterName}-{Guid.NewGuid():N}" },
            };
            options = configure?.Invoke(options) ?? options;
            var node = await ControlNode.CreateAsync(options, TimeProvider.System, CancellationToken.None);
            await node.App.StartAsync();
            return new FacilityDeployment(redis, node, options);
        }
        catch
        {
            redis.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Stops the control node (its API and its silo leave; the scheduler stops ticking) and starts a new one with the
    /// same options: the same database, Redis membership and address, as an operator restarting it would.
    /// </summary>
    /// <param name="whileDown">Runs while no control node is up.</param>
    public async Task RestartNodeAsync(Func<Task> whileDown)
    {
        ArgumentNullException.ThrowIfNull(whileDown);
        await Node.App.StopAsync();
        await Node.DisposeAsync();
        await whileDown();
        Node = await ControlNode.CreateAsync(options, TimeProvider.System, CancellationToken.None);
        await Node.App.StartAsync();
    }

    /// <summary>What a station host is told about the cluster, read as the admin.</summary>
    public async Task<ClusterInfo> ClusterAsync()
    {
        using var admin = new HttpClient { BaseAddress = Address };
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
        return (await admin.GetFromJsonAsync<ClusterInfo>("api/v1/cluster", FacilityClient.Json))!;
    }

    /// <summary>Starts a station host in this process owning <paramref name="stations"/>, its runs under <paramref name="runsRoot"/>.</summary>
    public async Task<IHost> StartStationHostAsync(IReadOnlyList<StationBench> stations, string runsRoot, FacilityClusterOptions? ports = null)
    {
        var host = StationHost.Create(new StationHostOptions { Stations = stations, RunsRoot = runsRoot }, await ClusterAsync(),
            new QualificationRunExecutor(new FacilityPaths(TestRepository.Root)), TimeProvider.System, ports);
        hosts.Add(host);
        await host.StartAsync();
        return host;
    }

    /// <summary>Waits until <paramref name="count"/> stations have registered and passed their first health check (a real power-on run each).</summary>
    public Task WaitForHealthyStationsAsync(int count, TimeSpan? patience = null) =>
        Poll.UntilAsync(async () => (await Node.Facility.Stations.ListAsync(CancellationToken.None)).Count(s => s.Health == StationHealth.Good) >= count,
            $"{count} stations to register and pass their first health check", patience);

    public async ValueTask DisposeAsync()
    {
        foreach (var host in hosts)
        {
            await host.StopAsync();
            host.Dispose();
        }

        await Node.App.StopAsync();
        await Node.DisposeAsync();
        Redis.Dispose();
    }
}

/// <summary>Waiting in tests for something the facility does on the wall clock.</summary>
internal static class Poll
{
    private static readonly TimeSpan DefaultPatience = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Checks <paramref name="condition"/> every 200 ms until it holds; fails the test naming <paramref name="what"/>
    /// after <paramref name="patience"/> (5 min unless given: runs are real power-on campaigns on a loaded machine).
    /// </summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan? patience = null)
    {
        var deadline = TimeProvider.System.GetUtcNow() + (patience ?? DefaultPatience);
        while (!await condition())
        {
            if (TimeProvider.System.GetUtcNow() > deadline)
            {
                Assert.Fail($"Gave up waiting for {what} after {patience ?? DefaultPatience}.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }
    }
}
