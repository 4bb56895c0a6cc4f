using System.Diagnostics;
using SpaceTestBench.Reports.Tests.Support;

namespace SpaceTestBench.Perf;

/// <summary>
/// The run the rendering target is stated for: 1,000,000 series points and 10,000 measurements, written
/// once by the synthetic campaign and kept in the temp folder between benchmark processes.
/// </summary>
public static class LargeRun
{
    public const int SeriesPoints = 1_000_000;
    public const int Measurements = 10_000;

    public static string Folder { get; } = Path.Combine(Path.GetTempPath(), "spacetestbench-perf", $"campaign-{SeriesPoints}-{Measurements}");

    private static string Marker => Path.Combine(Folder, "complete");

    /// <summary>Writes the run unless a complete one is already there.</summary>
    public static string Ensure()
    {
        if (File.Exists(Marker))
        {
            return Folder;
        }

        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }

        var clock = Stopwatch.StartNew();
        SyntheticCampaign.Write(Folder, SeriesPoints, Measurements);
        File.WriteAllText(Marker, $"written in {clock.Elapsed.TotalSeconds:0.0} s\n");
        Console.WriteLine($"Wrote the large run to {Folder} in {clock.Elapsed.TotalSeconds:0.0} s");
        return Folder;
    }
}
