namespace SpaceTestBench.Facility.Stations;

/// <summary>Where a station stands (the wire names are lower-case).</summary>
public enum StationState
{
    /// <summary>Free to lease (if its health is good).</summary>
    Available,

    /// <summary>Held by a lease, nothing running.</summary>
    Leased,

    /// <summary>Running a campaign or a health check under a lease.</summary>
    Running,

    /// <summary>Finishing its current work; takes no new lease.</summary>
    Draining,

    /// <summary>Failed its health check; takes no lease until an operator asks for a new check.</summary>
    Bad,

    /// <summary>Its station host is gone.</summary>
    Offline,
}

/// <summary>What the last health check says.</summary>
public enum StationHealth
{
    /// <summary>The last health check passed and nothing was aborted since.</summary>
    Good,

    /// <summary>Never checked, or a run was aborted since the last check: a health check comes before any lease.</summary>
    Unknown,

    /// <summary>The last health check failed.</summary>
    Bad,
}

/// <summary>A station as the registry holds it.</summary>
/// <param name="Id">Station id.</param>
/// <param name="Name">The bench's display name.</param>
/// <param name="StationType">Its type (the bench's name): selects the health-check feature.</param>
/// <param name="BenchFile">The bench file its host serves it from.</param>
/// <param name="Roles">The roles it offers.</param>
/// <param name="State">Its state.</param>
/// <param name="Health">Its health.</param>
/// <param name="Fencing">The fencing number of its newest lease.</param>
/// <param name="HostSilo">The silo of the station host that owns it.</param>
/// <param name="LastHealthCheck">When a health check last passed.</param>
public sealed record StationRecord(
    string Id, string Name, string StationType, string BenchFile, IReadOnlyList<string> Roles, StationState State, StationHealth Health,
    long Fencing, string? HostSilo, DateTimeOffset? LastHealthCheck);

/// <summary>An instrument of a station, with its calibration.</summary>
/// <param name="Id">Facility-wide id (<c>station/bench-id</c>).</param>
/// <param name="StationId">Its station.</param>
/// <param name="Roles">The roles it plays there.</param>
/// <param name="Model">Its model.</param>
/// <param name="Serial">Its serial number.</param>
/// <param name="InService">False once taken out of service.</param>
/// <param name="CalibrationDue">When its calibration expires (null: needs none).</param>
public sealed record InstrumentRecord(string Id, string StationId, IReadOnlyList<string> Roles, string Model, string? Serial, bool InService, DateOnly? CalibrationDue);

/// <summary>Wire names of the station enums.</summary>
public static class StationNames
{
    /// <summary>"available", "leased", …</summary>
    public static string Name(this StationState state) => state.ToString().ToLowerInvariant();

    /// <summary>"good", "unknown", "bad".</summary>
    public static string Name(this StationHealth health) => health.ToString().ToLowerInvariant();

    /// <summary>Parses a state's wire name.</summary>
    public static StationState ParseState(string name) => Enum.Parse<StationState>(name, ignoreCase: true);

    /// <summary>Parses a health's wire name.</summary>
    public static StationHealth ParseHealth(string name) => Enum.Parse<StationHealth>(name, ignoreCase: true);
}
