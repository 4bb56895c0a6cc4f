using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using SpaceTestBench.Facility.Cluster;

namespace SpaceTestBench.Facility.Hosting;

/// <summary>Where the cluster's members find each other.</summary>
public sealed record FacilityClusterOptions
{
    /// <summary>The Redis server of the membership table ("127.0.0.1:6379"); null: a single-machine cluster on localhost (development only).</summary>
    public string? Redis { get; init; }

    /// <summary>The Orleans cluster id: every member of one facility uses the same.</summary>
    public string ClusterId { get; init; } = "spacebench";

    /// <summary>The Orleans service id.</summary>
    public string ServiceId { get; init; } = "spacebench-facility";

    /// <summary>This silo's port (0: a free one).</summary>
    public int SiloPort { get; init; }

    /// <summary>This silo's gateway port (0: a free one).</summary>
    public int GatewayPort { get; init; }

    /// <summary>False when the host configures membership and endpoints itself (Orleans' in-process test cluster).</summary>
    public bool ConfigureMembership { get; init; } = true;

    /// <summary>
    /// A probe's timeout; a silo that misses three in a row is declared dead (Orleans' defaults take far longer than a
    /// test wants). Keep it above the pauses of the machine: a silo starved for a few probes is declared dead and stops its runs.
    /// </summary>
    public TimeSpan? ProbeTimeout { get; init; }
}

/// <summary>The silo configuration every facility process shares, and what each kind adds.</summary>
public static class FacilitySilo
{
    /// <summary>Membership (Redis, or localhost for development), endpoints on the loopback address, and the facility's services.</summary>
    public static ISiloBuilder AddFacility(this ISiloBuilder silo, FacilityServices facility, FacilityClusterOptions cluster)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(cluster);
        var siloPort = cluster.SiloPort == 0 ? FreePort() : cluster.SiloPort;
        var gatewayPort = cluster.GatewayPort == 0 ? FreePort() : cluster.GatewayPort;
        if (!cluster.ConfigureMembership)
        {
            // Left to the host.
        }
        else if (cluster.Redis is { } redis)
        {
            silo.UseRedisClustering(options => options.ConfigurationOptions = StackExchange.Redis.ConfigurationOptions.Parse(redis));
            silo.ConfigureEndpoints(IPAddress.Loopback, siloPort, gatewayPort, listenOnAnyHostAddress: false);
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = cluster.ClusterId;
                o.ServiceId = cluster.ServiceId;
            });
        }
        else
        {
            silo.UseLocalhostClustering(siloPort, gatewayPort, null, cluster.ServiceId, cluster.ClusterId);
        }

        if (cluster.ProbeTimeout is { } probe)
        {
            silo.Configure<ClusterMembershipOptions>(o =>
            {
                o.ProbeTimeout = probe;
                o.NumMissedProbesLimit = 3;
                o.NumVotesForDeathDeclaration = 1;
                o.TableRefreshTimeout = probe;
            });
        }

        silo.Services.AddSingleton(facility);
        silo.AddPlacementDirector<StationHostPlacement, StationHostPlacementDirector>();
        return silo;
    }

    /// <summary>A control node: the scheduler, ticked from here.</summary>
    public static ISiloBuilder AddControlNode(this ISiloBuilder silo, FacilityTenant facilityTenant)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.Services.AddSingleton(facilityTenant);
        silo.Services.AddHostedService<SchedulerLoop>();
        return silo;
    }

    /// <summary>A station host: owns the stations of its bench files and runs their work with <paramref name="executor"/>.</summary>
    public static ISiloBuilder AddStationHost(this ISiloBuilder silo, StationHostOptions options, ICampaignExecutor executor)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.Services.AddSingleton(options);
        silo.Services.AddSingleton(executor);
        silo.Services.AddSingleton<StationRunner>();
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<StationRunner>());
        return silo;
    }

    private static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
