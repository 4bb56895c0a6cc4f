using SpaceTestBench.Reports.Html;
using SpaceTestBench.Results.Provenance;
using SpaceTestBench.Results.Store;

namespace SpaceTestBench.Reports.Signing;

/// <summary>One thing verification found wrong, naming the file.</summary>
/// <param name="File">The file, relative to the run folder.</param>
/// <param name="Message">What is wrong with it.</param>
public sealed record VerificationProblem(string File, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{File}: {Message}";
}

/// <summary>What <c>spacebench report verify</c> found.</summary>
/// <param name="DocumentNumber">The report's document number.</param>
/// <param name="Problems">Everything wrong; empty if the run folder verifies.</param>
/// <param name="Notes">What was checked, for people.</param>
public sealed record VerificationResult(string DocumentNumber, IReadOnlyList<VerificationProblem> Problems, IReadOnlyList<string> Notes)
{
    /// <summary>True if nothing is wrong.</summary>
    public bool Verified => Problems.Count == 0;
}

/// <summary>
/// Checks a run folder's signed report: every signature is the key's over its manifest; every manifest is of this
/// report (document number) and of the revision it sits in; every artifact it names has the hash it signed and the
/// set of artifacts is the run's; no approval is by the operator and no authorship by anyone else; each revision's
/// approval block is exactly what its signatures render; report.html is the latest revision; and the input copies
/// are the files the run recorded when it started.
/// </summary>
public static class ReportVerifier
{
    /// <summary>Verifies <paramref name="runFolder"/>.</summary>
    public static VerificationResult Verify(string runFolder)
    {
        ArgumentNullException.ThrowIfNull(runFolder);
        var problems = new List<VerificationProblem>();
        var notes = new List<string>();
        RunInfo run;
        try
        {
            run = ResultStoreReader.Read(runFolder).Run.Info;
        }
        catch (Exception e) when (e is InvalidDataException or Microsoft.Data.Sqlite.SqliteException or System.Text.Json.JsonException or ArgumentException or FormatException or InvalidCastException or OverflowException)
        {
            // A store that no longer reads has been changed since anyone signed it; nothing else can be checked without it.
            problems.Add(new VerificationProblem(RunArtifacts.Store, $"cannot be read ({e.Message}); it is not the store that was signed."));
            return new VerificationResult("(unknown: the store cannot be read)", problems, notes);
        }

        var number = ReportRevisions.DocumentNumberOf(run);
        problems.AddRange(RunArtifacts.InputsChangedSinceRun(runFolder, run).Select(p => new VerificationProblem(p.File, p.Message)));

        var revisions = ReportRevisions.List(runFolder);
        if (revisions.Count == 0)
        {
            problems.Add(new VerificationProblem(ReportRevisions.Folder, "no revision of the report is kept; render it with 'spacebench report RUN-FOLDER'."));
            return new VerificationResult(number, problems, notes);
        }

        foreach (var revision in revisions)
        {
            VerifyRevision(runFolder, run, number, revision, problems, notes);
        }

        var latest = Path.Combine(runFolder, ReportRevisions.ReportOf(revisions[^1]));
        var current = Path.Combine(runFolder, HtmlReport.FileName);
        if (!File.Exists(current) || !File.ReadAllBytes(current).AsSpan().SequenceEqual(File.ReadAllBytes(latest)))
        {
            problems.Add(new VerificationProblem(HtmlReport.FileName, $"is not revision {revisions[^1]} ({ReportRevisions.ReportOf(revisions[^1])}), the latest revision of the report."));
        }

        return new VerificationResult(number, problems, notes);
    }

    private static void VerifyRevision(string runFolder, RunInfo run, string number, int revision, List<VerificationProblem> problems, List<string> notes)
    {
        var reportPath = ReportRevisions.ReportOf(revision);
        var files = ReportRevisions.SignatureFiles(runFolder, revision);
        var valid = new List<SignatureFile>();
        IReadOnlyList<SignedArtifact> now;
        try
        {
            now = RunArtifacts.Of(runFolder, run, revision);
        }
        catch (Exception e) when (e is InvalidDataException or FileNotFoundException)
        {
            problems.Add(new VerificationProblem(e is FileNotFoundException f ? Path.GetRelativePath(runFolder, f.FileName ?? runFolder) : reportPath, e.Message));
            return;
        }

        foreach (var file in files)
        {
            var name = Path.GetRelativePath(runFolder, file).Replace('\\', '/');
            SignatureFile signature;
            SignatureManifest manifest;
            try
            {
                signature = SignatureFile.Load(file);
                manifest = SignatureManifest.Parse(signature.Manifest);
            }
            catch (InvalidDataException e)
            {
                problems.Add(new VerificationProblem(name, e.Message));
                continue;
            }

            if (!signature.SignatureIsValid())
            {
                problems.Add(new VerificationProblem(name, $"the signature of {manifest.Signer} does not match its manifest and public key: the signature or its manifest was altered."));
                continue;
            }

            if (manifest.ReportId != number || manifest.Revision != revision)
            {
                problems.Add(new VerificationProblem(name, $"signs {manifest.ReportId} revision {manifest.Revision}, not this report ({number} revision {revision}): a signature moved from another report."));
                continue;
            }

            var problemsBefore = problems.Count;
            var signed = manifest.Artifacts.ToDictionary(a => a.Path, StringComparer.Ordinal);
            foreach (var artifact in now)
            {
                if (!signed.TryGetValue(artifact.Path, out var was))
                {
                    problems.Add(new VerificationProblem(artifact.Path, $"is not covered by {manifest.Signer}'s signature ({name})."));
                }
                else if (was.Sha256 != artifact.Sha256)
                {
                    problems.Add(new VerificationProblem(artifact.Path, $"has changed since {manifest.Signer} signed it ({SignatureManifest.MeaningText(manifest.Meaning)}, {name}): SHA-256 {artifact.Sha256}, signed {was.Sha256}."));
                }
            }

            foreach (var missing in manifest.Artifacts.Where(a => now.All(n => n.Path != a.Path)))
            {
                problems.Add(new VerificationProblem(missing.Path, $"was signed by {manifest.Signer} ({name}) but is no longer an artifact of the run."));
            }

            if (manifest.Meaning == SignatureMeaning.Approved && run.IsOperator(manifest.Signer))
            {
                problems.Add(new VerificationProblem(name, $"approval by {manifest.Signer}, the run's operator; the approver must be someone else (ISO/IEC 17025 §7.8.2.1 o)."));
            }

            if (manifest.Meaning == SignatureMeaning.Authored && run.OperatorStated && !run.IsOperator(manifest.Signer))
            {
                problems.Add(new VerificationProblem(name, $"authored by {manifest.Signer}, but the run's operator (its author) is {run.Operator}."));
            }

            valid.Add(signature);
            if (problems.Count == problemsBefore)
            {
                notes.Add($"revision {revision}: {SignatureManifest.MeaningText(manifest.Meaning)} by {manifest.Signer} at {manifest.SignedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC: signature and {manifest.Artifacts.Count} artifact(s) verified.");
            }
        }

        var block = ReportDigest.BlockOf(File.ReadAllBytes(Path.Combine(runFolder, reportPath)));
        if (block is null)
        {
            problems.Add(new VerificationProblem(reportPath, "has no single approval block."));
        }
        else if (files.Count > 0 && valid.Count == files.Count && block != ApprovalSection.Block(run, revision, valid))
        {
            problems.Add(new VerificationProblem(reportPath, "its approval block does not show exactly the revision's signatures (it was edited)."));
        }
        else if (files.Count == 0 && block != ApprovalSection.Block(run, revision, []))
        {
            problems.Add(new VerificationProblem(reportPath, "its approval block shows signatures the revision does not have (it was edited)."));
        }

        if (files.Count == 0)
        {
            notes.Add($"revision {revision}: not signed.");
        }
        else if (!valid.Select(s => SignatureManifest.Parse(s.Manifest)).Any(m => m.Meaning == SignatureMeaning.Approved))
        {
            notes.Add($"revision {revision}: not approved yet.");
        }

    }
}
