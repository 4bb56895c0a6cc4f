namespace SpaceTestBench.Results.Provenance;

/// <summary>The bench a run used.</summary>
/// <param name="Name">The bench definition's name.</param>
/// <param name="File">Path of the bench definition file.</param>
/// <param name="Clock">Which clock bench time comes from ("virtual", "wall").</param>
/// <param name="Instruments">Every instrument as opened, with its identity and calibration.</param>
public sealed record BenchInfo(string Name, string File, string Clock, IReadOnlyList<InstrumentInfo> Instruments)
{
    /// <summary>True if bench time was virtual (a simulated bench): its results are not valid for qualification.</summary>
    public bool Simulated { get; init; }

    /// <summary>SHA-256 of the bench file as the run read it, lower-case hex; null in older stores.</summary>
    public string? Sha256 { get; init; }

    /// <summary>Path of the bench file's copy in the run folder, relative to it.</summary>
    public string? Copy { get; init; }

    /// <summary>The laboratory running the bench (from the bench file's <c>"facility"</c>), if it says.</summary>
    public FacilityInfo? Facility { get; init; }

    /// <summary>True if the run is on virtual bench time: <see cref="Simulated"/>, or, for stores that do not say, a virtual clock or a simulated instrument.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsSimulated => Simulated || Clock.StartsWith("virtual", StringComparison.OrdinalIgnoreCase) || Instruments.Any(i => i.Simulated);
}
