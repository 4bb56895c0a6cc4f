namespace SpaceTestBench.Facility.Web;

/// <summary>Where the console finds the facility's suites and keeps what it is given.</summary>
public sealed record ConsoleOptions
{
    /// <summary>The facility's root folder: feature files under <c>features/</c>, bench files under <c>benches/</c>, uploads and signed copies under <c>reports/out/</c>.</summary>
    public required string Root { get; init; }

    /// <summary>Feature files offered for submission (station hosts resolve campaigns' features under the same folder).</summary>
    public string Features => Path.Combine(Root, "features");

    /// <summary>Where uploaded DUT profiles are kept, by content hash (campaigns name them relative to <see cref="Root"/>).</summary>
    public string Uploads => Path.Combine(Root, "reports", "out", "facility-uploads");

    /// <summary>Where signed copies of run folders are kept.</summary>
    public string SignedReports => Path.Combine(Root, "reports", "out", "facility-signed");

    /// <summary>The bench file to check submissions against when no station's own file is readable here.</summary>
    public string DefaultBench => Path.Combine(Root, "benches", "simulated.bench.json");
}
