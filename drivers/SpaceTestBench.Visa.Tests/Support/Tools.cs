namespace SpaceTestBench.Visa.Tests.Support;

/// <summary>Finds external programs the interop tests drive.</summary>
internal static class Tools
{
    /// <summary>The full path of <paramref name="name"/> on PATH (or in /usr/bin), or null.</summary>
    public static string? Find(string name)
    {
        var directories = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Append("/usr/bin").Append("/bin");
        return directories.Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);
    }
}
