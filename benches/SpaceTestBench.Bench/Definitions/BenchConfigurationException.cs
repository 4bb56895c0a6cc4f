namespace SpaceTestBench.Bench.Definitions;

/// <summary>
/// A bench file, DUT profile or role lookup that cannot be used as written. The message names the file,
/// the JSON path (or line) and what to change.
/// </summary>
public sealed class BenchConfigurationException : Exception
{
    /// <summary>An error in <paramref name="file"/> at <paramref name="jsonPath"/>.</summary>
    public BenchConfigurationException(string file, string? jsonPath, string message, Exception? inner = null)
        : base(Compose(file, jsonPath, message), inner)
    {
        File = file;
        JsonPath = jsonPath;
    }

    /// <summary>The file concerned.</summary>
    public string File { get; }

    /// <summary>Where in it ("$.roles['DUT supply'].channel"), if known.</summary>
    public string? JsonPath { get; }

    private static string Compose(string file, string? jsonPath, string message) =>
        jsonPath is null ? $"{file}: {message}" : $"{file} at {jsonPath}: {message}";
}
