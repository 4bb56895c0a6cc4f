namespace SpaceTestBench.Cli;

/// <summary>
/// Where the facility's files are: the folder holding <c>benches/simulated.bench.json</c>, found from the
/// current directory upwards (then from the program's own folder), so the command works from anywhere
/// inside a checkout.
/// </summary>
public sealed record FacilityPaths(string Root)
{
    /// <summary>The default bench file.</summary>
    public string DefaultBench => Path.Combine(Root, "benches", "simulated.bench.json");

    /// <summary>The conformance suites.</summary>
    public string Features => Path.Combine(Root, "features");

    /// <summary>Where run folders go by default.</summary>
    public string RunsFolder => Path.Combine(Root, "reports", "out");

    /// <summary>Finds the facility root, or uses the current directory if none is found.</summary>
    public static FacilityPaths Discover()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "benches", "simulated.bench.json")))
                {
                    return new FacilityPaths(dir.FullName);
                }
            }
        }

        return new FacilityPaths(Directory.GetCurrentDirectory());
    }
}
