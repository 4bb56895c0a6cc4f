using Microsoft.Extensions.DependencyInjection;
using SpaceTestBench.Facility.Hosting;

namespace SpaceTestBench.Facility.Cluster;

/// <summary>
/// The station's address in the cluster. The work and the fence live in the host's <see cref="StationRunner"/>,
/// not in the activation, so that a duplicate activation (possible briefly after failures) shares one fence.
/// </summary>
[StationHostPlacement]
internal sealed class StationGrain(IServiceProvider services) : Grain, IStationGrain
{
    private StationRunner Runner => services.GetService<StationRunner>()
        ?? throw new InvalidOperationException($"Silo {services.GetRequiredService<ILocalSiloDetails>().SiloAddress} is not a station host; station '{this.GetPrimaryKeyString()}' cannot live here.");

    public Task<bool> StartAsync(StationOrder order) => Runner.StartAsync(this.GetPrimaryKeyString(), order);

    public Task<bool> CancelAsync(long fencing) => Runner.CancelAsync(this.GetPrimaryKeyString(), fencing);

    public Task<StationStatus> StatusAsync() => Task.FromResult(Runner.Status(this.GetPrimaryKeyString()));
}
