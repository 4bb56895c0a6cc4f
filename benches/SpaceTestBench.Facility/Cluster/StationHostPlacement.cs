using Orleans.Placement;
using Orleans.Runtime.Placement;
using SpaceTestBench.Facility.Hosting;

namespace SpaceTestBench.Facility.Cluster;

/// <summary>
/// Places a station's grain on the silo of the station host that registered the station: only that
/// process has its instruments. Silo roles are not per station, so the director reads the station
/// registry (the host's silo address, written when the host registered its bench files).
/// </summary>
[Serializable, GenerateSerializer, Immutable]
public sealed class StationHostPlacement : PlacementStrategy
{
    /// <summary>The one instance.</summary>
    public static StationHostPlacement Instance { get; } = new();
}

/// <summary>Marks a grain class as placed by <see cref="StationHostPlacement"/>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class StationHostPlacementAttribute : PlacementAttribute
{
    /// <summary>Creates it.</summary>
    public StationHostPlacementAttribute() : base(StationHostPlacement.Instance)
    {
    }
}

/// <summary>Finds the silo that owns the station named by the grain's key.</summary>
internal sealed class StationHostPlacementDirector(FacilityServices facility) : IPlacementDirector
{
    public async Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var stationId = target.GrainIdentity.Key.ToString()!;
        var station = await facility.Stations.FindAsync(stationId, CancellationToken.None)
            ?? throw new OrleansException($"No station '{stationId}' is registered: start a station host with its bench file.");
        var silo = context.GetCompatibleSilos(target).FirstOrDefault(s => s.ToParsableString() == station.HostSilo);
        return silo ?? throw new OrleansException($"The station host of '{stationId}' ({station.HostSilo}) is not in the cluster.");
    }
}
