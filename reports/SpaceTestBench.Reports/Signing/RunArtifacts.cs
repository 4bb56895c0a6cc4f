using SpaceTestBench.Results.Provenance;

namespace SpaceTestBench.Reports.Signing;

/// <summary>The files a signature of a revision covers: the report, the store and the inputs the run kept.</summary>
public static class RunArtifacts
{
    /// <summary>The result store's file name.</summary>
    public const string Store = "results.sqlite";

    /// <summary>
    /// The artifacts of revision <paramref name="revision"/> with their SHA-256 now. Throws
    /// <see cref="InvalidDataException"/> for a run recorded before its inputs were kept, and
    /// <see cref="FileNotFoundException"/> naming a missing file.
    /// </summary>
    public static IReadOnlyList<SignedArtifact> Of(string runFolder, RunInfo run, int revision)
    {
        ArgumentNullException.ThrowIfNull(runFolder);
        ArgumentNullException.ThrowIfNull(run);
        if (run.Bench.Copy is null || run.Dut.Copy is null || run.CalibrationSnapshot is null)
        {
            throw new InvalidDataException(
                $"{runFolder} was recorded before runs kept copies of their bench file, DUT profile, feature files and calibration snapshot; its report cannot be signed. Run the campaign again.");
        }

        var report = ReportRevisions.ReportOf(revision);
        var list = new List<SignedArtifact> { new("report", report, ReportDigest.OfFile(Existing(runFolder, report))) };
        list.Add(Hashed(runFolder, "store", Store));
        list.Add(Hashed(runFolder, "bench file", run.Bench.Copy));
        list.Add(Hashed(runFolder, "DUT profile", run.Dut.Copy));
        list.AddRange(run.Procedures.Select(p => Hashed(runFolder, "feature file", p.Copy)));
        list.Add(Hashed(runFolder, "calibration snapshot", run.CalibrationSnapshot));
        return list;
    }

    /// <summary>
    /// Input copies whose content differs from the hash the run recorded when it started (a copy replaced after the
    /// run), as (file, message).
    /// </summary>
    public static IEnumerable<(string File, string Message)> InputsChangedSinceRun(string runFolder, RunInfo run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var recorded = new List<(string? Copy, string? Sha)> { (run.Bench.Copy, run.Bench.Sha256), (run.Dut.Copy, run.Dut.Sha256) };
        recorded.AddRange(run.Procedures.Select(p => ((string?)p.Copy, (string?)p.Sha256)));
        foreach (var (copy, sha) in recorded)
        {
            if (copy is null || sha is null)
            {
                continue;
            }

            var path = Path.Combine(runFolder, copy);
            if (!File.Exists(path))
            {
                yield return (copy, "is missing: the run kept this copy of its input when it started.");
            }
            else if (RunInputs.Sha256Of(path) != sha)
            {
                yield return (copy, $"differs from the file the run read when it started (SHA-256 {sha} recorded in the store).");
            }
        }
    }

    private static SignedArtifact Hashed(string runFolder, string role, string relative) =>
        new(role, relative, RunInputs.Sha256Of(Existing(runFolder, relative)));

    private static string Existing(string runFolder, string relative)
    {
        var path = Path.Combine(runFolder, relative);
        return File.Exists(path) ? path : throw new FileNotFoundException($"{relative} is missing from the run folder {runFolder}.", path);
    }
}
