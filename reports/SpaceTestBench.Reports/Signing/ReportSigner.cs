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
        ArgumentNullException.ThrowIfNull(key);
        return Record(runFolder, SignatureFile.Sign(Prepare(runFolder, key.Signer, meaning, clock), key));
    }

    /// <summary>
    /// The manifest <paramref name="signer"/> would sign as <paramref name="meaning"/> now, after every rule of the
    /// sign-off is checked; throws <see cref="SigningException"/> naming the rule refused. The signing itself may
    /// happen elsewhere (the facility's console signs in the signer's browser, whose private key never leaves it);
    /// <see cref="Record"/> then checks and keeps the signature.
    /// </summary>
    public static SignatureManifest Prepare(string runFolder, string signer, SignatureMeaning meaning, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(runFolder);
        ArgumentNullException.ThrowIfNull(signer);
        ArgumentNullException.ThrowIfNull(clock);
        var run = ResultStoreReader.Read(runFolder).Run.Info;
        var revisions = ReportRevisions.List(runFolder);
        if (revisions.Count == 0)
        {
            throw new SigningException($"{runFolder} has no rendered revision of its report; render it with 'spacebench report {runFolder}' first.");
        }

        var revision = revisions[^1];
        if (meaning == SignatureMeaning.Approved && run.IsOperator(signer))
        {
            throw new SigningException($"{signer} operated this run and cannot approve its report; the approver must be someone else (ISO/IEC 17025 §7.8.2.1 o).");
        }

        if (meaning == SignatureMeaning.Authored && run.OperatorStated && !run.IsOperator(signer))
        {
            throw new SigningException($"The author of a report is its operator, {run.Operator}; {signer} may sign it as reviewed or approved.");
        }

        var existing = ReportRevisions.SignatureFiles(runFolder, revision).Select(SignatureFile.Load).ToList();
        var manifests = existing.Select(s => SignatureManifest.Parse(s.Manifest)).ToList();
        if (manifests.Any(m => m.Meaning == meaning && RunInfo.SamePerson(m.Signer, signer)))
        {
            throw new SigningException($"{signer} has already signed revision {revision} as {SignatureManifest.MeaningText(meaning)}.");
        }

        if (meaning == SignatureMeaning.Approved && manifests.FirstOrDefault(m => m.Meaning == SignatureMeaning.Authored && RunInfo.SamePerson(m.Signer, signer)) is not null)
        {
            throw new SigningException($"{signer} authored revision {revision} and cannot also approve it.");
        }

        if (RunArtifacts.InputsChangedSinceRun(runFolder, run).FirstOrDefault() is { File: not null } changed)
        {
            throw new SigningException($"{changed.File} {changed.Message} Refusing to sign.");
        }

        var artifacts = RunArtifacts.Of(runFolder, run, revision);
        var now = clock.GetUtcNow();
        var signedAt = new DateTimeOffset(now.UtcDateTime.Ticks - (now.UtcDateTime.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        return new SignatureManifest(ReportRevisions.DocumentNumberOf(run), revision, artifacts, signer, meaning, signedAt);
    }

    /// <summary>
    /// Keeps a signature made over a manifest from <see cref="Prepare"/>: refuses one whose signature does not verify
    /// with its public key, or whose manifest no longer describes the run folder (another revision, changed files, a
    /// rule broken since it was prepared). Returns the signature file's path.
    /// </summary>
    public static string Record(string runFolder, SignatureFile signature)
    {
        ArgumentNullException.ThrowIfNull(runFolder);
        ArgumentNullException.ThrowIfNull(signature);
        if (!signature.SignatureIsValid())
        {
            throw new SigningException("The signature does not verify with its public key over its manifest: it was made with another key or over other bytes.");
        }

        SignatureManifest manifest;
        try
        {
            manifest = SignatureManifest.Parse(signature.Manifest);
        }
        catch (InvalidDataException e)
        {
            throw new SigningException($"The signed manifest is not one: {e.Message}");
        }

        // The rules again, as of now: another signature or revision may have arrived since the manifest was prepared.
        var current = Prepare(runFolder, manifest.Signer, manifest.Meaning, new FixedClock(manifest.SignedAt));
        if (current.Revision != manifest.Revision || current.ReportId != manifest.ReportId
            || !current.Artifacts.OrderBy(a => a.Path, StringComparer.Ordinal).SequenceEqual(manifest.Artifacts.OrderBy(a => a.Path, StringComparer.Ordinal)))
        {
            throw new SigningException($"The signed manifest describes {manifest.ReportId} revision {manifest.Revision} as it was; the run folder has changed since (now revision {current.Revision}). Sign again.");
        }

        var folder = Path.Combine(runFolder, ReportRevisions.SignaturesOf(manifest.Revision));
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, string.Create(CultureInfo.InvariantCulture,
            $"{manifest.SignedAt.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}-{SignatureManifest.MeaningText(manifest.Meaning)}-{Slug(manifest.Signer)}.json"));
        if (File.Exists(path))
        {
            throw new SigningException($"{path} exists; sign again in a second.");
        }

        signature.Save(path);
        ShowSignatures(runFolder, ResultStoreReader.Read(runFolder).Run.Info, manifest.Revision);
        return path;
    }

    /// <summary>The instant a manifest was signed, as the clock its rules are checked against again.</summary>
    private sealed class FixedClock(DateTimeOffset at) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => at;
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
