namespace SpaceTestBench.Facility.Cluster;

/// <summary>A bench station, activated on the station host that owns it (<see cref="StationHostPlacementAttribute"/>).</summary>
public interface IStationGrain : IGrainWithStringKey
{
    /// <summary>Starts work under a lease; false when the fencing number is not the station's live lease or the station is busy.</summary>
    Task<bool> StartAsync(StationOrder order);

    /// <summary>Stops the work running under <paramref name="fencing"/>; false (and nothing stopped) for a stale number.</summary>
    Task<bool> CancelAsync(long fencing);

    /// <summary>Where the station stands on its host.</summary>
    Task<StationStatus> StatusAsync();
}

/// <summary>The facility's scheduler: one activation for the cluster, ticked by every control node.</summary>
public interface ISchedulerGrain : IGrainWithIntegerKey
{
    /// <summary>Expires dead leases, marks stations of departed hosts offline, places health checks and campaigns.</summary>
    Task<SchedulerTick> TickAsync();
}

/// <summary>What one tick did.</summary>
/// <param name="ExpiredLeases">Leases that expired.</param>
/// <param name="AbortedRuns">Runs aborted with them.</param>
/// <param name="HealthChecks">Health checks started.</param>
/// <param name="Campaigns">Campaigns started.</param>
/// <param name="Refused">Placements a station host refused or could not be reached for.</param>
[GenerateSerializer, Immutable]
public sealed record SchedulerTick(
    [property: Id(0)] int ExpiredLeases,
    [property: Id(1)] int AbortedRuns,
    [property: Id(2)] int HealthChecks,
    [property: Id(3)] int Campaigns,
    [property: Id(4)] int Refused);
