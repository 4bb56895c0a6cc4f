namespace SpaceTestBench.Facility.Hosting;

/// <summary>A station a host serves: its id and its bench file.</summary>
/// <param name="Id">Station id (unique in the facility).</param>
/// <param name="BenchFile">Its bench file.</param>
public sealed record StationBench(string Id, string BenchFile);

/// <summary>What a station host serves and where it writes.</summary>
public sealed record StationHostOptions
{
    /// <summary>The stations, from <c>--bench</c>.</summary>
    public required IReadOnlyList<StationBench> Stations { get; init; }

    /// <summary>Where run folders are written (<c>RUNS/campaign-id/run-id</c>).</summary>
    public required string RunsRoot { get; init; }

    /// <summary>The health-check feature per station type (the bench's name); <see cref="DefaultHealthCheck"/> for others.</summary>
    public IReadOnlyDictionary<string, string> HealthChecks { get; init; } = new Dictionary<string, string>();

    /// <summary>The health check of a station type without its own: power-on at nominal and margined voltage.</summary>
    public string DefaultHealthCheck { get; init; } = "power/power-on.feature";
}
