using System.Globalization;
using SpaceTestBench.Results.Provenance;

namespace SpaceTestBench.Reports.Signing;

/// <summary>Which revision of a run's report a rendering is, and which one it amends (ISO/IEC 17025 §7.8.8).</summary>
/// <param name="DocumentNumber">The report's document number ("STB-SIM-20261204-233152-ab12").</param>
/// <param name="Number">The revision, from 1.</param>
/// <param name="Amends">The revision this one replaces, if any.</param>
/// <param name="AmendsDigest">The approval-independent SHA-256 of the replaced revision's report.</param>
/// <param name="Reason">Why it was amended, as the person re-rendering said.</param>
public sealed record ReportRevision(string DocumentNumber, int Number, int? Amends, string? AmendsDigest, string? Reason);

/// <summary>
/// The revisions of a run's report. Each revision is kept as <c>revisions/rN/report.html</c> with its signatures in
/// <c>revisions/rN/signatures/</c>; <c>report.html</c> in the run folder is a copy of the latest. A revision with a
/// signature is never written again: re-rendering a signed run writes revision N + 1, which names the one it amends.
/// An unsigned revision is simply rendered again.
/// </summary>
public static class ReportRevisions
{
    /// <summary>The folder of the revisions, relative to the run folder.</summary>
    public const string Folder = "revisions";

    /// <summary>The document number's first part when the bench file's facility gives none.</summary>
    public const string DefaultPrefix = "STB-QR";

    /// <summary>The report's document number: the facility's prefix and the run id.</summary>
    public static string DocumentNumberOf(RunInfo run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return $"{run.Bench.Facility?.DocumentPrefix ?? DefaultPrefix}-{run.RunId}";
    }

    /// <summary>Revision <paramref name="revision"/>'s folder, relative to the run folder.</summary>
    public static string FolderOf(int revision) => string.Create(CultureInfo.InvariantCulture, $"{Folder}/r{revision}");

    /// <summary>Revision <paramref name="revision"/>'s report, relative to the run folder.</summary>
    public static string ReportOf(int revision) => $"{FolderOf(revision)}/report.html";

    /// <summary>Revision <paramref name="revision"/>'s signatures folder, relative to the run folder.</summary>
    public static string SignaturesOf(int revision) => $"{FolderOf(revision)}/signatures";

    /// <summary>The revisions present in <paramref name="runFolder"/>, in order.</summary>
    public static IReadOnlyList<int> List(string runFolder)
    {
        ArgumentNullException.ThrowIfNull(runFolder);
        var folder = Path.Combine(runFolder, Folder);
        if (!Directory.Exists(folder))
        {
            return [];
        }

        return Directory.EnumerateDirectories(folder)
            .Select(d => Path.GetFileName(d))
            .Where(n => n.Length > 1 && n[0] == 'r' && int.TryParse(n.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out _))
            .Select(n => int.Parse(n.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture))
            .Where(n => File.Exists(Path.Combine(runFolder, ReportOf(n))))
            .Order()
            .ToList();
    }

    /// <summary>The signature files of revision <paramref name="revision"/>, by name.</summary>
    public static IReadOnlyList<string> SignatureFiles(string runFolder, int revision)
    {
        var folder = Path.Combine(runFolder, SignaturesOf(revision));
        return Directory.Exists(folder) ? Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal).ToList() : [];
    }

    /// <summary>True if revision <paramref name="revision"/> carries any signature.</summary>
    public static bool IsSigned(string runFolder, int revision) => SignatureFiles(runFolder, revision).Count > 0;

    /// <summary>
    /// The revision the next rendering writes: 1 for a new run; the latest again if it is unsigned; otherwise the
    /// next, amending the latest.
    /// </summary>
    public static ReportRevision Next(string runFolder, RunInfo run, string? reason)
    {
        var number = DocumentNumberOf(run);
        var existing = List(runFolder);
        if (existing.Count == 0)
        {
            return new ReportRevision(number, 1, null, null, null);
        }

        var latest = existing[^1];
        if (!IsSigned(runFolder, latest))
        {
            // Rendered again in place; it keeps the reference to the revision it amends, if any.
            var earlier = existing.Count > 1 ? existing[^2] : (int?)null;
            return new ReportRevision(number, latest, earlier, earlier is { } e ? ReportDigest.OfFile(Path.Combine(runFolder, ReportOf(e))) : null, earlier is null ? null : reason);
        }

        return new ReportRevision(number, latest + 1, latest, ReportDigest.OfFile(Path.Combine(runFolder, ReportOf(latest))),
            reason ?? "re-rendered after signature; see the differences from the revision it amends");
    }
}
