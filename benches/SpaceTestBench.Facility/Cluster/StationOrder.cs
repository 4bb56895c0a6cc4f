namespace SpaceTestBench.Facility.Cluster;

/// <summary>Work for a station, sent under a lease: the station checks the fencing number before it acts.</summary>
/// <param name="LeaseId">The lease.</param>
/// <param name="Fencing">The lease's fencing number.</param>
/// <param name="TimeToLive">The lease's time to live (the host beats every third of it).</param>
/// <param name="Tenant">Whose work it is.</param>
/// <param name="Campaign">The campaign; null for a health check.</param>
/// <param name="Features">Feature files or folders to run.</param>
/// <param name="Tags">Tag expression, or null.</param>
/// <param name="DutFile">DUT profile, or null for the bench's default.</param>
/// <param name="Operator">Who the report names as running it.</param>
/// <param name="Samples">The serial numbers of the samples the campaign names, in mounting order; empty: the bench's own.</param>
[GenerateSerializer, Immutable]
public sealed record StationOrder(
    [property: Id(0)] Guid LeaseId,
    [property: Id(1)] long Fencing,
    [property: Id(2)] TimeSpan TimeToLive,
    [property: Id(3)] Guid Tenant,
    [property: Id(4)] Guid? Campaign,
    [property: Id(5)] string[] Features,
    [property: Id(6)] string? Tags,
    [property: Id(7)] string? DutFile,
    [property: Id(8)] string Operator,
    [property: Id(9)] string[] Samples)
{
    /// <summary>The run folder of an aborted run this order continues (<c>spacebench run --resume</c>); null for a new run.</summary>
    [Id(10)]
    public string? ResumeFolder { get; init; }
}

/// <summary>What a station host says about one of its stations.</summary>
/// <param name="StationId">The station.</param>
/// <param name="HostSilo">The silo it lives on.</param>
/// <param name="CurrentFencing">The fencing number its commands must carry now (0: no lease).</param>
/// <param name="Busy">True while work runs on it.</param>
/// <param name="RefusedCommands">Commands refused for a stale or unknown fencing number since the host started.</param>
/// <param name="ExecutedCommands">Commands executed since the host started.</param>
[GenerateSerializer, Immutable]
public sealed record StationStatus(
    [property: Id(0)] string StationId,
    [property: Id(1)] string HostSilo,
    [property: Id(2)] long CurrentFencing,
    [property: Id(3)] bool Busy,
    [property: Id(4)] long RefusedCommands,
    [property: Id(5)] long ExecutedCommands);
