using System.IO.Compression;
using System.Reflection;
using System.Security.Cryptography;
using SpaceTestBench.Facility.Audit;
using SpaceTestBench.Facility.Hosting;
using SpaceTestBench.Facility.Store;
using SpaceTestBench.Facility.Tenancy;
using SpaceTestBench.Reports;
using SpaceTestBench.Reports.Signing;
using SpaceTestBench.Results.Store;

namespace SpaceTestBench.Facility.SignOff;

/// <summary>A report as its tenant, or the facility's QA, sees it in a list.</summary>
/// <param name="Id">Report id.</param>
/// <param name="Tenant">Its tenant's name.</param>
/// <param name="Run">Its run.</param>
/// <param name="Campaign">Its campaign.</param>
/// <param name="Station">The station it ran on.</param>
/// <param name="Verdict">The run's verdict.</param>
/// <param name="CreatedAt">When the run finished.</param>
/// <param name="State">awaiting-review, awaiting-approval, approved, rejected, amendment-requested.</param>
/// <param name="Revision">The revision the last sign-off step was about, if any.</param>
public sealed record ReportSummary(Guid Id, string Tenant, Guid Run, Guid? Campaign, string Station, string? Verdict, DateTimeOffset CreatedAt, string State, int? Revision);

/// <summary>One step of a report's sign-off.</summary>
/// <param name="Action">reviewed, approved, rejected, amendment-requested, revised (the facility issued the amended revision).</param>
/// <param name="Actor">Who.</param>
/// <param name="Revision">The revision it was about.</param>
/// <param name="Reason">Why (rejections, amendment requests).</param>
/// <param name="At">When.</param>
public sealed record ReviewStep(string Action, string Actor, int Revision, string? Reason, DateTimeOffset At);

/// <summary>A sign-off the workflow refuses: the message says why and what to do.</summary>
public sealed class SignOffException(string message) : Exception(message);

/// <summary>
/// The QA sign-off of tenants' reports: a reviewer signs, then a different approver signs, each with their own key
/// (the controlled report's signing, <see cref="ReportSigner"/>); either may reject with a reason or ask for an
/// amendment. The facility never holds a private key: the manifest is prepared here, signed in the signer's
/// browser, and the signature kept only if it verifies with the public key the signer registered. The signed run
/// folder is the control node's copy of the run's archive, under <see cref="Folder"/>.
/// </summary>
public sealed class ReportSignOff(FacilityServices facility, string folder)
{
    private const string SummaryColumns = """
        r.id, t.name, r.run_id, ru.campaign_id, ru.station_id, ru.verdict, r.created_at,
        coalesce((SELECT CASE v.action WHEN 'reviewed' THEN 'awaiting-approval' WHEN 'revised' THEN 'awaiting-review' ELSE v.action END FROM report_reviews v WHERE v.report_id = r.id ORDER BY v.id DESC LIMIT 1), 'awaiting-review'),
        (SELECT v.revision FROM report_reviews v WHERE v.report_id = r.id ORDER BY v.id DESC LIMIT 1)
        FROM reports r JOIN runs ru ON ru.id = r.run_id JOIN tenants t ON t.id = r.tenant_id
        """;

    /// <summary>Where the control node keeps its copies of signed run folders.</summary>
    public string Folder { get; } = Path.GetFullPath(folder);

    /// <summary>
    /// A page of reports, newest first: the caller's tenant's own, or (<paramref name="inbox"/>) every tenant's
    /// reports waiting for the caller — a review or an approval for QA, the amended revision for facility operators. Returns one row more than <paramref name="size"/> when
    /// there is a next page.
    /// </summary>
    public Task<List<ReportSummary>> ListAsync(Caller caller, bool inbox, int page, int size, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var paging = ("limit", (object?)(size + 1));
        var offset = ("offset", (object?)(Math.Max(0, page) * size));
        if (inbox)
        {
            var states = InboxStates(caller);
            return facility.Database.AsOperatorAsync((c, t) => Sql.ListAsync(c, t,
                $"SELECT * FROM (SELECT {SummaryColumns}) s(id, tenant, run, campaign, station, verdict, created, state, revision) WHERE state = ANY(@states) ORDER BY created DESC LIMIT @limit OFFSET @offset",
                Read, cancellationToken, paging, offset, ("states", states)), cancellationToken);
        }

        return facility.Database.InTenantAsync(caller.Tenant, (c, t) => Sql.ListAsync(c, t,
            $"SELECT {SummaryColumns} ORDER BY r.created_at DESC LIMIT @limit OFFSET @offset", Read, cancellationToken, paging, offset), cancellationToken);
    }

    /// <summary>One report the caller may see (their tenant's, or any for QA), or null.</summary>
    public async Task<ReportSummary?> FindAsync(Caller caller, Guid id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var query = $"SELECT {SummaryColumns} WHERE r.id = @id";
        var rows = SeesEveryTenant(caller)
            ? await facility.Database.AsOperatorAsync((c, t) => Sql.ListAsync(c, t, query, Read, cancellationToken, ("id", id)), cancellationToken)
            : await facility.Database.InTenantAsync(caller.Tenant, (c, t) => Sql.ListAsync(c, t, query, Read, cancellationToken, ("id", id)), cancellationToken);
        return rows.FirstOrDefault();
    }

    /// <summary>The sign-off steps of a report the caller may see, in order.</summary>
    public async Task<List<ReviewStep>> StepsAsync(Caller caller, Guid id, CancellationToken cancellationToken)
    {
        const string query = "SELECT action, actor, revision, reason, at FROM report_reviews WHERE report_id = @id ORDER BY id";
        static ReviewStep Map(Npgsql.NpgsqlDataReader r) => new(r.GetString(0), r.GetString(1), r.GetInt32(2), r.NullableClass<string>(3), r.GetFieldValue<DateTimeOffset>(4));
        return SeesEveryTenant(caller)
            ? await facility.Database.AsOperatorAsync((c, t) => Sql.ListAsync(c, t, query, Map, cancellationToken, ("id", id)), cancellationToken)
            : await facility.Database.InTenantAsync(caller.Tenant, (c, t) => Sql.ListAsync(c, t, query, Map, cancellationToken, ("id", id)), cancellationToken);
    }

    /// <summary>The control node's copy of the report's run folder, unpacked from the run's archive on first use.</summary>
    public async Task<string> RunFolderAsync(ReportSummary report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var target = Path.Combine(Folder, report.Run.ToString("N"));
        if (Directory.Exists(target))
        {
            return target;
        }

        var archive = await facility.Database.AsOperatorAsync((c, t) => Sql.ListAsync(c, t, "SELECT archive FROM runs WHERE id = @id AND archive IS NOT NULL",
            r => r.GetFieldValue<byte[]>(0), cancellationToken, ("id", report.Run)), cancellationToken);
        if (archive.Count == 0)
        {
            throw new SignOffException($"Run {report.Run} has no archived run folder on the control node; its station host did not send one.");
        }

        // Unpacked beside the target and moved into place, so a half-written copy is never taken for a whole one.
        var partial = target + ".partial-" + Guid.NewGuid().ToString("N");
        using (var zip = new ZipArchive(new MemoryStream(archive[0]), ZipArchiveMode.Read))
        {
            // ExtractToDirectory refuses an entry whose path leaves the folder (a hostile archive).
            zip.ExtractToDirectory(partial);
        }

        try
        {
            Directory.Move(partial, target);
        }
        catch (IOException) when (Directory.Exists(target))
        {
            Directory.Delete(partial, recursive: true);
        }

        return target;
    }

    /// <summary>
    /// Registers the caller's public key (the <c>PREFIX.pub.pem</c> of <c>spacebench report keygen</c>, whose first line
    /// names the signer); replaces an earlier one. Returns the signer's name.
    /// </summary>
    public async Task<string> RegisterKeyAsync(Caller caller, string publicKeyPem, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(publicKeyPem);
        var first = publicKeyPem.Split('\n', 2)[0].TrimEnd('\r');
        if (!first.StartsWith("Signer: ", StringComparison.Ordinal) || first.Length <= "Signer: ".Length)
        {
            throw new SignOffException("The public key file's first line must name the signer (\"Signer: NAME\"): register the PREFIX.pub.pem that 'spacebench report keygen' wrote.");
        }

        if (publicKeyPem.Contains("PRIVATE KEY", StringComparison.Ordinal))
        {
            throw new SignOffException("That is a private key: the facility never takes one. Register the PREFIX.pub.pem file; keep PREFIX.key.pem to yourself.");
        }

        byte[] spki;
        using (var key = ECDsa.Create())
        {
            try
            {
                key.ImportFromPem(publicKeyPem.AsSpan(first.Length));
            }
            catch (Exception e) when (e is ArgumentException or CryptographicException)
            {
                throw new SignOffException($"The public key file holds no PEM public key ({e.Message}).");
            }

            if (key.KeySize != 256)
            {
                throw new SignOffException("The key is not an ECDSA P-256 key; make one with 'spacebench report keygen'.");
            }

            spki = key.ExportSubjectPublicKeyInfo();
        }

        var signer = first["Signer: ".Length..].Trim();
        await facility.Database.InTenantAsync(caller.Tenant, async (c, t) =>
        {
            var now = facility.Clock.GetUtcNow();
            await Sql.ExecuteAsync(c, t, """
                INSERT INTO signer_keys (user_id, tenant_id, signer, public_key, registered_at) VALUES (@user, @tenant, @signer, @key, @now)
                ON CONFLICT (user_id) DO UPDATE SET signer = excluded.signer, public_key = excluded.public_key, registered_at = excluded.registered_at
                """, cancellationToken, ("user", caller.UserId), ("tenant", caller.Tenant), ("signer", signer), ("key", spki), ("now", now));
            await AuditLog.AppendAsync(c, t, new AuditEntry(caller.Tenant, caller.UserName, "signer-key.register", $"user:{caller.UserName}",
                $"signer '{signer}', key SHA-256 {Convert.ToHexStringLower(SHA256.HashData(spki))[..16]}"), now, cancellationToken);
            return 0;
        }, cancellationToken);
        return signer;
    }

    /// <summary>The caller's registered signer name and public key (SPKI DER), or null.</summary>
    public async Task<(string Signer, byte[] PublicKey)?> KeyOfAsync(Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var rows = await facility.Database.InTenantAsync(caller.Tenant, (c, t) => Sql.ListAsync(c, t, "SELECT signer, public_key FROM signer_keys WHERE user_id = @user",
            r => (r.GetString(0), r.GetFieldValue<byte[]>(1)), cancellationToken, ("user", caller.UserId)), cancellationToken);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <summary>
    /// The manifest the caller is to sign next on report <paramref name="id"/>: as reviewer while it awaits review,
    /// as approver while it awaits approval. Every rule is checked first (role, registered key, state, the
    /// controlled report's own rules).
    /// </summary>
    public async Task<SignatureManifest> PrepareAsync(Caller caller, Guid id, CancellationToken cancellationToken)
    {
        var (report, signer, _, meaning, runFolder) = await ReadyAsync(caller, id, cancellationToken);
        try
        {
            return ReportSigner.Prepare(runFolder, signer, meaning, facility.Clock);
        }
        catch (Exception e) when (e is SigningException or InvalidDataException or FileNotFoundException)
        {
            throw new SignOffException($"Report {report.Id}: {e.Message}");
        }
    }

    /// <summary>
    /// Keeps a signature over a manifest from <see cref="PrepareAsync"/>: made by the caller's registered key, for
    /// the meaning the report's state expects, verified, written into the run folder's revision and recorded as a
    /// sign-off step and an audit row. Returns the signature file's path.
    /// </summary>
    public async Task<string> SignAsync(Caller caller, Guid id, SignatureFile signature, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(signature);
        var (report, signer, publicKey, meaning, runFolder) = await ReadyAsync(caller, id, cancellationToken);
        if (signature.PublicKey != Convert.ToBase64String(publicKey))
        {
            throw new SignOffException("The signature was not made with your registered key: register the public key of the private key you signed with.");
        }

        SignatureManifest manifest;
        try
        {
            manifest = SignatureManifest.Parse(signature.Manifest);
        }
        catch (InvalidDataException e)
        {
            throw new SignOffException($"The signed manifest cannot be read: {e.Message}");
        }

        if (manifest.Signer != signer || manifest.Meaning != meaning)
        {
            throw new SignOffException($"The manifest is signed by '{manifest.Signer}' as {SignatureManifest.MeaningText(manifest.Meaning)}; this report needs {signer}'s signature as {SignatureManifest.MeaningText(meaning)}.");
        }

        string path;
        try
        {
            path = ReportSigner.Record(runFolder, signature);
        }
        catch (Exception e) when (e is SigningException or InvalidDataException or FileNotFoundException)
        {
            throw new SignOffException($"Report {report.Id}: {e.Message}");
        }

        await AppendStepAsync(report, caller, meaning == SignatureMeaning.Reviewed ? "reviewed" : "approved", manifest.Revision, null, Path.GetRelativePath(runFolder, path), cancellationToken);
        return path;
    }

    /// <summary>Rejects a report waiting for review or approval, with the reason (QA only).</summary>
    public Task RejectAsync(Caller caller, Guid id, string reason, CancellationToken cancellationToken) => DecideAsync(caller, id, "rejected", reason, cancellationToken);

    /// <summary>Asks for an amendment of a report waiting for review or approval, saying what to amend (QA only).</summary>
    public Task RequestAmendmentAsync(Caller caller, Guid id, string reason, CancellationToken cancellationToken) => DecideAsync(caller, id, "amendment-requested", reason, cancellationToken);

    /// <summary>
    /// Issues the revision an amendment request asked for (facility operators): the report is rendered again from the
    /// control node's copy of the run folder, as <c>spacebench report RUN --reason</c> does — a signed revision is
    /// never overwritten, so the new one is revision N + 1 naming the one it amends and <paramref name="reason"/>;
    /// an unsigned one is rendered again in place — and goes back to awaiting review. Returns the revision issued.
    /// </summary>
    public async Task<int> IssueRevisionAsync(Caller caller, Guid id, string reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var report = await FindAsync(caller, id, cancellationToken) ?? throw new KeyNotFoundException($"report {id}");
        if (!caller.Can(FacilityRole.FacilityOperator))
        {
            throw new UnauthorizedAccessException("Only the facility's operators issue an amended revision of a report.");
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new SignOffException("Say what the revision amends: the report states it beside the revision it replaces.");
        }

        if (report.State != "amendment-requested")
        {
            throw new SignOffException($"Report {id} is {report.State}: a revision is issued only after QA asked for an amendment.");
        }

        var runFolder = await RunFolderAsync(report, cancellationToken);
        try
        {
            ReportRenderer.Render(ResultStoreReader.Read(runFolder), runFolder, new ReportOptions
            {
                RenderedBy = typeof(ReportSignOff).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown",
                AmendmentReason = reason.Trim(),
                WallClock = facility.Clock,
            });
        }
        catch (Exception e) when (e is InvalidDataException or FileNotFoundException or SigningException)
        {
            throw new SignOffException($"Report {report.Id} cannot be rendered again from its run folder: {e.Message}");
        }

        var revision = ReportRevisions.List(runFolder)[^1];
        await AppendStepAsync(report, caller, "revised", revision, reason.Trim(), null, cancellationToken);
        return revision;
    }

    private async Task DecideAsync(Caller caller, Guid id, string action, string reason, CancellationToken cancellationToken)
    {
        // Another tenant's report is not found before the role is looked at: its existence is not told.
        var report = await FindAsync(caller, id, cancellationToken) ?? throw new KeyNotFoundException($"report {id}");
        RequireQa(caller);
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new SignOffException(action == "rejected" ? "Say why the report is rejected." : "Say what is to be amended.");
        }

        if (report.State is not ("awaiting-review" or "awaiting-approval"))
        {
            throw new SignOffException($"Report {id} is {report.State}: only a report awaiting review or approval can be {action.Replace('-', ' ')}.");
        }

        var runFolder = await RunFolderAsync(report, cancellationToken);
        var revisions = ReportRevisions.List(runFolder);
        await AppendStepAsync(report, caller, action, revisions.Count == 0 ? 0 : revisions[^1], reason.Trim(), null, cancellationToken);
    }

    private async Task<(ReportSummary Report, string Signer, byte[] PublicKey, SignatureMeaning Meaning, string RunFolder)> ReadyAsync(Caller caller, Guid id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var report = await FindAsync(caller, id, cancellationToken) ?? throw new KeyNotFoundException($"report {id}");
        RequireQa(caller);
        var key = await KeyOfAsync(caller, cancellationToken)
            ?? throw new SignOffException("You have no registered signing key: register your PREFIX.pub.pem (from 'spacebench report keygen') on the Reports page first.");
        var meaning = report.State switch
        {
            "awaiting-review" => SignatureMeaning.Reviewed,
            "awaiting-approval" => SignatureMeaning.Approved,
            _ => throw new SignOffException($"Report {id} is {report.State}: there is nothing to sign."),
        };
        if (meaning == SignatureMeaning.Approved
            && (await StepsAsync(caller, id, cancellationToken)).LastOrDefault(s => s.Action == "reviewed") is { } review && review.Actor == caller.UserName)
        {
            throw new SignOffException($"You reviewed report {id}; its approver must be someone else.");
        }

        return (report, key.Signer, key.PublicKey, meaning, await RunFolderAsync(report, cancellationToken));
    }

    private async Task AppendStepAsync(ReportSummary report, Caller caller, string action, int revision, string? reason, string? signatureFile, CancellationToken cancellationToken) =>
        await facility.Database.AsOperatorAsync(async (c, t) =>
        {
            var now = facility.Clock.GetUtcNow();
            var tenant = await Sql.ScalarAsync<Guid>(c, t, "SELECT tenant_id FROM reports WHERE id = @id", cancellationToken, ("id", report.Id));
            await Sql.ExecuteAsync(c, t, """
                INSERT INTO report_reviews (tenant_id, report_id, revision, action, actor, reason, signature_file, at)
                VALUES (@tenant, @report, @revision, @action, @actor, @reason, @file, @now)
                """, cancellationToken, ("tenant", tenant), ("report", report.Id), ("revision", revision), ("action", action), ("actor", caller.UserName),
                ("reason", reason), ("file", signatureFile), ("now", now));
            await AuditLog.AppendAsync(c, t, new AuditEntry(tenant, caller.UserName, $"report.{action}", $"report:{report.Id}",
                $"revision {revision}{(reason is null ? "" : $": {reason}")}{(signatureFile is null ? "" : $"; signature {signatureFile}")}"), now, cancellationToken);
            return 0;
        }, cancellationToken);

    // QA signs every tenant's reports; the facility's operators issue their amended revisions: both see them all.
    private static bool SeesEveryTenant(Caller caller) => caller.Can(FacilityRole.QaReviewer) || caller.Can(FacilityRole.FacilityOperator);

    private static string[] InboxStates(Caller caller)
    {
        var states = new List<string>();
        if (caller.Can(FacilityRole.QaReviewer))
        {
            states.AddRange(["awaiting-review", "awaiting-approval"]);
        }

        if (caller.Can(FacilityRole.FacilityOperator))
        {
            states.Add("amendment-requested");
        }

        return states.Count > 0 ? [.. states] : throw new UnauthorizedAccessException("The reports inbox is for QA reviewers and facility operators.");
    }

    private static void RequireQa(Caller caller)
    {
        if (!caller.Can(FacilityRole.QaReviewer))
        {
            throw new UnauthorizedAccessException("Only QA reviewers sign, reject or ask for amendments of reports.");
        }
    }

    private static ReportSummary Read(Npgsql.NpgsqlDataReader r) => new(
        r.GetGuid(0), r.GetString(1), r.GetGuid(2), r.Nullable<Guid>(3), r.GetString(4), r.NullableClass<string>(5), r.GetFieldValue<DateTimeOffset>(6), r.GetString(7), r.Nullable<int>(8));
}
