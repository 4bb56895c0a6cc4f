namespace SpaceTestBench.Facility.Leasing;

/// <summary>Why a lease is held.</summary>
public enum LeasePurpose
{
    /// <summary>A tenant's reservation of a station for a duration.</summary>
    Reservation,

    /// <summary>A campaign placed by the scheduler.</summary>
    Campaign,

    /// <summary>The facility's own health check.</summary>
    HealthCheck,
}

/// <summary>A lease on a station.</summary>
/// <param name="Id">Lease id.</param>
/// <param name="Tenant">The tenant holding it.</param>
/// <param name="StationId">The station.</param>
/// <param name="Fencing">The station's fencing number for this lease: every command under it carries this number.</param>
/// <param name="Holder">Who holds it (a user, "scheduler", a station host).</param>
/// <param name="TimeToLive">How long it lives without a heartbeat.</param>
/// <param name="ExpiresAt">When it expires unless a heartbeat extends it.</param>
public sealed record Lease(Guid Id, Guid Tenant, string StationId, long Fencing, string Holder, TimeSpan TimeToLive, DateTimeOffset ExpiresAt);

/// <summary>A lease that ended because its holder stopped beating, and what it took with it.</summary>
/// <param name="Lease">The lease.</param>
/// <param name="AbortedRuns">Runs that were running under it, now aborted.</param>
public sealed record ExpiredLease(Lease Lease, IReadOnlyList<Guid> AbortedRuns);
