using System.Globalization;
using SpaceTestBench.Reports.Html;
using SpaceTestBench.Reports.Manifest;
using SpaceTestBench.Results.Provenance;
using SpaceTestBench.Results.Store;

namespace SpaceTestBench.Reports.Signing;

/// <summary>A signature the rules of the sign-off refuse, or a run folder that cannot be signed.</summary>
public sealed class SigningException(string message) : Exception(message);

/// <summary>
/// <c>spacebench report sign</c>: signs the latest revision of a run's report with a meaning, writes the signature
/// beside it and shows it in the report's approval block. Refuses an approval by the operator, an authorship by
/// anyone but the operator (when the run names one), a second signature of one meaning by one signer, and inputs
/// that differ from those the run recorded.
/// </summary>
public static class ReportSigner
{
    /// <summary>Signs; returns the signature file's path.</summary>
    public static string Sign(string runFolder, SignerKey key, SignatureMeaning meaning, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(runFolder);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(clock);
        var run = ResultStoreReader.Read(runFolder).Run.Info;
        var revisions = ReportRevisions.List(runFolder);
        if (revisions.Count == 0)
        {
            throw new SigningException($"{runFolder} has no rendered revision of its report; render it with 'spacebench report {runFolder}' first.");
        }

        var revision = revisions[^1];
        if (meaning == SignatureMeaning.Approved && run.IsOperator(key.Signer))
        {
            throw new SigningException($"{key.Signer} operated this run and cannot approve its report; the approver must be someone else (ISO/IEC 17025 §7.8.2.1 o).");
        }

        if (meaning == SignatureMeaning.Authored && run.OperatorStated && !run.IsOperator(key.Signer))
        {
            throw new SigningException($"The author of a report is its operator, {run.Operator}; {key.Signer} may sign it as reviewed or approved.");
        }

        var existing = ReportRevisions.SignatureFiles(runFolder, revision).Select(SignatureFile.Load).ToList();
        var manifests = existing.Select(s => SignatureManifest.Parse(s.Manifest)).ToList();
        if (manifests.Any(m => m.Meaning == meaning && RunInfo.SamePerson(m.Signer, key.Signer)))
        {
            throw new SigningException($"{key.Signer} has already signed revision {revision} as {SignatureManifest.MeaningText(meaning)}.");
        }

        if (meaning == SignatureMeaning.Approved && manifests.FirstOrDefault(m => m.Meaning == SignatureMeaning.Authored && RunInfo.SamePerson(m.Signer, key.Signer)) is not null)
        {
            throw new SigningException($"{key.Signer} authored revision {revision} and cannot also approve it.");
        }

        if (RunArtifacts.InputsChangedSinceRun(runFolder, run).FirstOrDefault() is { File: not null } changed)
        {
            throw new SigningException($"{changed.File} {changed.Message} Refusing to sign.");
        }

        var artifacts = RunArtifacts.Of(runFolder, run, revision);
        var now = clock.GetUtcNow();
        var signedAt = new DateTimeOffset(now.UtcDateTime.Ticks - (now.UtcDateTime.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        var manifest = new SignatureManifest(ReportRevisions.DocumentNumberOf(run), revision, artifacts, key.Signer, meaning, signedAt);
        var signature = SignatureFile.Sign(manifest, key);

        var folder = Path.Combine(runFolder, ReportRevisions.SignaturesOf(revision));
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, string.Create(CultureInfo.InvariantCulture,
            $"{signedAt.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}-{SignatureManifest.MeaningText(meaning)}-{Slug(key.Signer)}.json"));
        if (File.Exists(path))
        {
            throw new SigningException($"{path} exists; sign again in a second.");
        }

        signature.Save(path);
        ShowSignatures(runFolder, run, revision);
        return path;
    }

    /// <summary>Rewrites the approval block of revision <paramref name="revision"/> (and of report.html) from its signature files.</summary>
    internal static void ShowSignatures(string runFolder, RunInfo run, int revision)
    {
        var signatures = ReportRevisions.SignatureFiles(runFolder, revision).Select(SignatureFile.Load).ToList();
        var report = Path.Combine(runFolder, ReportRevisions.ReportOf(revision));
        var updated = ReportDigest.WithBlock(File.ReadAllBytes(report), ApprovalSection.Block(run, revision, signatures));
        File.WriteAllBytes(report, updated);
        File.WriteAllBytes(Path.Combine(runFolder, HtmlReport.FileName), updated);
        ArtifactManifest.Write(runFolder, ArtifactManifest.Compute(runFolder));
    }

    private static string Slug(string name)
    {
        var slug = string.Concat(name.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')).Trim('-');
        while (slug.Contains("--", StringComparison.Ordinal))
        {
            slug = slug.Replace("--", "-", StringComparison.Ordinal);
        }

        return slug.Length == 0 ? "signer" : slug;
    }
}
