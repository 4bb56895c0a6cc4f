namespace SpaceTestBench.Facility.Campaigns;

/// <summary>What a tenant asks the facility to run.</summary>
/// <param name="Features">Feature files or folders, relative to the facility's feature root.</param>
/// <param name="Tags">Tag expression selecting scenarios, or null for all.</param>
/// <param name="DutFile">DUT profile, relative to the facility root, or null for the bench's default.</param>
/// <param name="Samples">Serial numbers of the samples under test.</param>
/// <param name="RequiredRoles">Roles the station must offer.</param>
/// <param name="Priority">Higher runs first, within the tenant's fair share.</param>
/// <param name="PlannedDuration">How long it is planned to take: calibrations must stay valid until it ends.</param>
public sealed record CampaignRequest(
    IReadOnlyList<string> Features, string? Tags, string? DutFile, IReadOnlyList<string> Samples, IReadOnlyList<string> RequiredRoles, int Priority, TimeSpan PlannedDuration);

/// <summary>A campaign's state (wire names are lower-case).</summary>
public enum CampaignState
{
    /// <summary>Waiting for an eligible station.</summary>
    Queued,

    /// <summary>Leased a station; its run is starting.</summary>
    Placed,

    /// <summary>Running on its station.</summary>
    Running,

    /// <summary>Finished, every scenario passed.</summary>
    Passed,

    /// <summary>Finished, some scenario did not pass.</summary>
    Failed,

    /// <summary>Ended without finishing (its station host died, or the run could not start).</summary>
    Aborted,

    /// <summary>Cancelled by its tenant.</summary>
    Cancelled,
}

/// <summary>A campaign as stored.</summary>
/// <param name="Id">Campaign id.</param>
/// <param name="Tenant">Its tenant.</param>
/// <param name="SubmittedBy">Who submitted it.</param>
/// <param name="Request">What was asked.</param>
/// <param name="State">Where it stands.</param>
/// <param name="StationId">The station it was placed on, once placed.</param>
/// <param name="SubmittedAt">When it was submitted.</param>
/// <param name="PlacedAt">When it was placed.</param>
/// <param name="EndedAt">When it ended.</param>
public sealed record CampaignRecord(
    Guid Id, Guid Tenant, string SubmittedBy, CampaignRequest Request, CampaignState State, string? StationId,
    DateTimeOffset SubmittedAt, DateTimeOffset? PlacedAt, DateTimeOffset? EndedAt)
{
    /// <summary>True once it can change no more.</summary>
    public bool Ended => State is CampaignState.Passed or CampaignState.Failed or CampaignState.Aborted or CampaignState.Cancelled;
}

/// <summary>A run of a campaign on a station.</summary>
/// <param name="Id">Run id.</param>
/// <param name="Campaign">Its campaign.</param>
/// <param name="StationId">Its station.</param>
/// <param name="Fencing">The lease it ran under.</param>
/// <param name="Folder">Its run folder on the station host.</param>
/// <param name="State">"running", "finished" or "aborted".</param>
/// <param name="Verdict">The run's verdict once finished.</param>
public sealed record RunRecord(Guid Id, Guid Campaign, string StationId, long Fencing, string Folder, string State, string? Verdict);
