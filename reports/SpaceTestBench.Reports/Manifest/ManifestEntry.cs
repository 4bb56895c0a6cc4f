namespace SpaceTestBench.Reports.Manifest;

/// <summary>One artifact of a run folder with its SHA-256.</summary>
/// <param name="Path">Path relative to the run folder, with '/' separators.</param>
/// <param name="Size">Size in bytes.</param>
/// <param name="Sha256">SHA-256 of the content, lower-case hex.</param>
public sealed record ManifestEntry(string Path, long Size, string Sha256);
