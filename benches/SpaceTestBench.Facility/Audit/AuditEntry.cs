namespace SpaceTestBench.Facility.Audit;

/// <summary>One change, as the audit trail records it.</summary>
/// <param name="Tenant">The tenant whose data changed; null for the facility's own (inventory, calibration, health).</param>
/// <param name="Actor">Who made the change (a user name, or a facility process such as "scheduler").</param>
/// <param name="Action">What was done ("lease.grant", "campaign.submit", "calibration.record", …).</param>
/// <param name="Target">What it was done to ("station:simulated-1", "campaign:…").</param>
/// <param name="Detail">The particulars, human-readable.</param>
public sealed record AuditEntry(Guid? Tenant, string Actor, string Action, string Target, string Detail);

/// <summary>A row of the audit trail as stored.</summary>
/// <param name="Chain">The chain: the tenant's id, or "facility".</param>
/// <param name="Sequence">Its place in the chain, from 1.</param>
/// <param name="At">When.</param>
/// <param name="Entry">What.</param>
/// <param name="PreviousHash">The hash of the row before it in its chain (32 zero bytes for the first).</param>
/// <param name="Hash">SHA-256 over the previous hash and this row's fields.</param>
public sealed record AuditRow(string Chain, long Sequence, DateTimeOffset At, AuditEntry Entry, byte[] PreviousHash, byte[] Hash);

/// <summary>A place where the chain does not hold.</summary>
/// <param name="Chain">The chain.</param>
/// <param name="Sequence">The first row that fails.</param>
/// <param name="Problem">What is wrong.</param>
public sealed record AuditBreak(string Chain, long Sequence, string Problem);

/// <summary>The outcome of checking every chain.</summary>
/// <param name="Rows">Rows checked.</param>
/// <param name="Chains">Chains checked.</param>
/// <param name="Breaks">Where a chain does not hold; empty when the trail is intact.</param>
public sealed record AuditVerification(int Rows, int Chains, IReadOnlyList<AuditBreak> Breaks)
{
    /// <summary>True when every chain holds.</summary>
    public bool Intact => Breaks.Count == 0;
}
