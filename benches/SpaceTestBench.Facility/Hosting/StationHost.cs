using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SpaceTestBench.Facility.Api;
using SpaceTestBench.Facility.Store;

namespace SpaceTestBench.Facility.Hosting;

/// <summary>A station host: an Orleans silo that owns the stations of its bench files and runs their work.</summary>
public static class StationHost
{
    /// <summary>Builds the host (not started) from what the control node says about the cluster.</summary>
    public static IHost Create(StationHostOptions options, ClusterInfo cluster, ICampaignExecutor executor, TimeProvider clock, FacilityClusterOptions? ports = null)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var database = FacilityDatabase.ConnectAsStationHost(cluster.Database);
        var facility = new FacilityServices(database, clock, new FacilityTimings { LeaseTimeToLive = TimeSpan.FromSeconds(cluster.LeaseTimeToLiveSeconds) });
        var clustering = (ports ?? new FacilityClusterOptions()) with { Redis = cluster.Redis, ClusterId = cluster.ClusterId, ServiceId = cluster.ServiceId };
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleans(silo => silo.AddFacility(facility, clustering).AddStationHost(options, executor));
        return builder.Build();
    }
}
