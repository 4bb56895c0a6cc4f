namespace SpaceTestBench.Facility.Api;

/// <summary>A station as a tenant sees it: another tenant's lease shows only as "busy".</summary>
/// <param name="Id">Station id.</param>
/// <param name="Name">Bench name.</param>
/// <param name="StationType">Station type.</param>
/// <param name="Roles">Roles it offers.</param>
/// <param name="State">available, leased, running, draining, bad, offline — or busy (another tenant's lease).</param>
/// <param name="Health">good, unknown, bad.</param>
public sealed record StationView(string Id, string Name, string StationType, IReadOnlyList<string> Roles, string State, string Health);

/// <summary>A lease as its tenant sees it.</summary>
/// <param name="Id">Lease id.</param>
/// <param name="StationId">Station.</param>
/// <param name="Fencing">Fencing number: every command under the lease carries it.</param>
/// <param name="ExpiresAt">When it expires without a heartbeat.</param>
/// <param name="TimeToLiveSeconds">Its time to live.</param>
public sealed record LeaseView(Guid Id, string StationId, long Fencing, DateTimeOffset ExpiresAt, int TimeToLiveSeconds);

/// <summary>A request to reserve a station, or any station offering some roles.</summary>
/// <param name="Station">A station id, or null for any station with <paramref name="Roles"/>.</param>
/// <param name="Roles">Roles the station must offer.</param>
/// <param name="TimeToLiveSeconds">The lease's time to live: heartbeat within it.</param>
/// <param name="DurationMinutes">How long to hold the station at most, heartbeats or not.</param>
/// <param name="Queue">When nothing matching is free: queue the reservation (true) or answer 409 (false).</param>
public sealed record ReserveRequest(string? Station, IReadOnlyList<string>? Roles, int TimeToLiveSeconds = 60, double DurationMinutes = 60, bool Queue = false);

/// <summary>A queued or granted reservation.</summary>
/// <param name="Id">Reservation id.</param>
/// <param name="State">queued, granted or cancelled.</param>
/// <param name="Station">The station, once granted (or the one asked for).</param>
/// <param name="Lease">The lease, once granted (heartbeat and release it as any lease).</param>
public sealed record ReservationView(Guid Id, string State, string? Station, LeaseView? Lease);

/// <summary>A campaign submission.</summary>
/// <param name="Features">Feature files or folders (relative to the station hosts' feature root).</param>
/// <param name="Tags">Tag expression.</param>
/// <param name="Dut">DUT profile, or null for the bench's default.</param>
/// <param name="Samples">Sample serial numbers.</param>
/// <param name="Roles">Roles the station must offer.</param>
/// <param name="Priority">Higher first.</param>
/// <param name="PlannedHours">Planned duration, hours.</param>
public sealed record SubmitRequest(IReadOnlyList<string> Features, string? Tags, string? Dut, IReadOnlyList<string>? Samples, IReadOnlyList<string>? Roles, int Priority = 0, double PlannedHours = 1);

/// <summary>A campaign as its tenant sees it.</summary>
/// <param name="Id">Campaign id.</param>
/// <param name="State">queued, placed, running, passed, failed, aborted, cancelled.</param>
/// <param name="Station">Station, once placed.</param>
/// <param name="Features">Features.</param>
/// <param name="Tags">Tags.</param>
/// <param name="Samples">Samples.</param>
/// <param name="Priority">Priority.</param>
/// <param name="SubmittedBy">Who submitted it.</param>
/// <param name="SubmittedAt">When.</param>
/// <param name="PlacedAt">When it was placed.</param>
/// <param name="EndedAt">When it ended.</param>
public sealed record CampaignView(Guid Id, string State, string? Station, IReadOnlyList<string> Features, string? Tags, IReadOnlyList<string> Samples, int Priority,
    string SubmittedBy, DateTimeOffset SubmittedAt, DateTimeOffset? PlacedAt, DateTimeOffset? EndedAt);

/// <summary>A run as its tenant sees it.</summary>
/// <param name="Id">Run id.</param>
/// <param name="Station">Station.</param>
/// <param name="State">running, finished, aborted.</param>
/// <param name="Verdict">Verdict once finished.</param>
public sealed record RunView(Guid Id, string Station, string State, string? Verdict);

/// <summary>An instrument with its calibration.</summary>
/// <param name="Id">Instrument id.</param>
/// <param name="Station">Station.</param>
/// <param name="Roles">Roles it plays.</param>
/// <param name="Model">Model.</param>
/// <param name="Serial">Serial number.</param>
/// <param name="Status">in-service or out-of-service.</param>
/// <param name="CalibrationDue">Calibration due date.</param>
public sealed record InstrumentView(string Id, string Station, IReadOnlyList<string> Roles, string Model, string? Serial, string Status, DateOnly? CalibrationDue);

/// <summary>A calibration to record.</summary>
/// <param name="CalibratedOn">When.</param>
/// <param name="Due">Due date.</param>
/// <param name="Passed">Within specification.</param>
/// <param name="Certificate">Certificate reference.</param>
public sealed record CalibrationRequest(DateOnly CalibratedOn, DateOnly Due, bool Passed, string Certificate);

/// <summary>Runs to review after an instrument failed calibration or left service (ISO/IEC 17025 §6.4.9).</summary>
/// <param name="Instrument">The instrument.</param>
/// <param name="RunsToReview">Runs that used it since its last good calibration.</param>
public sealed record ReviewList(string Instrument, IReadOnlyList<Guid> RunsToReview);

/// <summary>A new user and their first token (shown once).</summary>
/// <param name="Tenant">Tenant name (created if new).</param>
/// <param name="Name">User name.</param>
/// <param name="Role">vendor-engineer, facility-operator, metrologist, qa-reviewer, admin.</param>
public sealed record UserRequest(string Tenant, string Name, string Role);

/// <summary>The answer to <see cref="UserRequest"/>.</summary>
/// <param name="Tenant">Tenant id.</param>
/// <param name="User">User id.</param>
/// <param name="Token">Bearer token; store it, it is not kept.</param>
public sealed record UserCreated(Guid Tenant, Guid User, string Token);

/// <summary>Who the token belongs to.</summary>
/// <param name="User">User name.</param>
/// <param name="Tenant">Tenant id.</param>
/// <param name="Role">Role.</param>
public sealed record WhoAmI(string User, Guid Tenant, string Role);

/// <summary>The outcome of an audit check.</summary>
/// <param name="Intact">True when every chain holds.</param>
/// <param name="Rows">Rows checked.</param>
/// <param name="Chains">Chains checked.</param>
/// <param name="Breaks">Where a chain breaks.</param>
public sealed record AuditReport(bool Intact, int Rows, int Chains, IReadOnlyList<string> Breaks);

/// <summary>What a station host needs to join the facility.</summary>
/// <param name="Redis">Redis membership, or null for localhost clustering.</param>
/// <param name="ClusterId">Orleans cluster id.</param>
/// <param name="ServiceId">Orleans service id.</param>
/// <param name="Database">Connection string as the station hosts' role (<c>spacebench_station</c>).</param>
/// <param name="LeaseTimeToLiveSeconds">Lease time to live.</param>
public sealed record ClusterInfo(string? Redis, string ClusterId, string ServiceId, string Database, int LeaseTimeToLiveSeconds);
