using System.Security.Cryptography;

namespace SpaceTestBench.Reports.Manifest;

/// <summary>
/// SHA-256 of every artifact in a run folder, so a signed report can be checked against the files it
/// describes. <c>manifest.sha256</c> is in the format of <c>sha256sum</c>: run
/// <c>sha256sum -c manifest.sha256</c> in the run folder to verify.
/// </summary>
public static class ArtifactManifest
{
    /// <summary>File name in the run folder.</summary>
    public const string FileName = "manifest.sha256";

    /// <summary>The subfolder where <c>spacebench report</c> renders a run that is still recording.</summary>
    public const string InProgressFolder = "in-progress";

    /// <summary>
    /// Every file under <paramref name="runFolder"/> except the manifest itself, <paramref name="exclude"/>,
    /// SQLite's transient -wal/-shm files (a closed store has folded them into results.sqlite) and the run
    /// folder's lock files (<see cref="Results.Store.RunFolderLock"/>: who is writing, not what was written), and
    /// the <see cref="InProgressFolder"/> snapshots of a live run (views of it, not its results), sorted by path.
    /// </summary>
    public static IReadOnlyList<ManifestEntry> Compute(string runFolder, params string[] exclude)
    {
        ArgumentNullException.ThrowIfNull(runFolder);
        var skipped = new HashSet<string>(exclude.Append(FileName), StringComparer.Ordinal);
        return Directory.EnumerateFiles(runFolder, "*", SearchOption.AllDirectories)
            .Select(file => (File: file, Relative: Path.GetRelativePath(runFolder, file).Replace('\\', '/')))
            .Where(f => !skipped.Contains(f.Relative) && !Results.Store.RunFolderLock.IsLockFile(f.Relative) && !f.Relative.StartsWith(InProgressFolder + "/", StringComparison.Ordinal) && !f.Relative.EndsWith("-wal", StringComparison.Ordinal) && !f.Relative.EndsWith("-shm", StringComparison.Ordinal))
            .OrderBy(f => f.Relative, StringComparer.Ordinal)
            .Select(f => new ManifestEntry(f.Relative, new FileInfo(f.File).Length, Hash(f.File)))
            .ToList();
    }

    /// <summary>Writes <paramref name="entries"/> as <c>manifest.sha256</c> in <paramref name="runFolder"/>.</summary>
    public static string Write(string runFolder, IEnumerable<ManifestEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var path = Path.Combine(runFolder, FileName);
        File.WriteAllLines(path, entries.Select(e => $"{e.Sha256}  {e.Path}"));
        return path;
    }

    /// <summary>SHA-256 of a file, lower-case hex.</summary>
    public static string Hash(string file)
    {
        using var stream = File.OpenRead(file);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
