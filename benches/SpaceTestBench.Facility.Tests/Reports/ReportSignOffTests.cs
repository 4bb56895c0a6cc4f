using System.IO.Compression;
using System.Text;
using SpaceTestBench.Cli;
using SpaceTestBench.Cli.Facility;
using SpaceTestBench.Facility.Hosting;
using SpaceTestBench.Facility.SignOff;
using SpaceTestBench.Facility.Store;
using SpaceTestBench.Facility.Tenancy;
using SpaceTestBench.Facility.Tests.Support;
using SpaceTestBench.Reports.Signing;
using SpaceTestBench.Testing;

namespace SpaceTestBench.Facility.Tests.Reports;

/// <summary>
/// The QA sign-off on a real run folder (the power-on feature run on the simulated bench by the station hosts'
/// executor, archived as a station host archives it): reviewer, then a different approver, each with their own key,
/// which the facility never holds; refusals name the rule.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class ReportSignOffTests
{
    private FacilityWorld world = null!;
    private FacilityServices facility = null!;
    private ReportSignOff signOff = null!;
    private Caller reviewer = null!;
    private Caller approver = null!;
    private Guid report;
    private string keys = null!;
    private byte[] archive = null!;
    private string reportPath = null!;
    private string? verdict;

    [OneTimeSetUp]
    public async Task SetUpAsync()
    {
        world = await FacilityWorld.CreateAsync();
        facility = new FacilityServices(world.Database, TimeProvider.System, new FacilityTimings());
        var scratch = TestRepository.ScratchFolder("facility-sign-off");
        signOff = new ReportSignOff(facility, Path.Combine(scratch, "signed"));
        reviewer = await world.NewUserAsync("facility", "quinn", FacilityRole.QaReviewer);
        approver = await world.NewUserAsync("facility", "april", FacilityRole.QaReviewer);
        keys = Path.Combine(scratch, "keys");
        foreach (var (prefix, name) in new[] { ("quinn", "Quinn Reviewer"), ("april", "April Approver") })
        {
            using var key = SignerKey.Generate(name);
            key.Save(Path.Combine(keys, prefix));
        }

        // A real run, as a station host runs it, archived as a station host archives it.
        var runFolder = Path.Combine(scratch, "run");
        var outcome = await new QualificationRunExecutor(new FacilityPaths(TestRepository.Root)).ExecuteAsync(
            new CampaignExecution(TestRepository.Path("benches/simulated.bench.json"), ["power/power-on.feature"], null, null, runFolder, "ada", _ => { }, SpaceTestBench.Results.Progress.ProgressPipeline.None), CancellationToken.None);
        Assert.That(outcome.ReportPath, Is.Not.Null, $"the run wrote no report (exit {outcome.ExitCode})");
        using var zip = new MemoryStream();
        ZipFile.CreateFromDirectory(runFolder, zip, CompressionLevel.Fastest, includeBaseDirectory: false);
        archive = zip.ToArray();
        reportPath = outcome.ReportPath!;
        verdict = outcome.Verdict;
        await world.Database.AsOperatorAsync((c, t) => Sql.ExecuteAsync(c, t,
            "INSERT INTO stations (id, name, bench_file, station_type, roles, state, health, registered_at) VALUES ('sign-off', 'sim', 'x', 'sim', '{}', 'available', 'good', now())",
            CancellationToken.None), CancellationToken.None);
        report = await NewReportAsync();
    }

    /// <summary>Another report of the tenant over the same run folder, as its own run (the control node keeps one copy per run).</summary>
    private async Task<Guid> NewReportAsync()
    {
        var run = Guid.NewGuid();
        var id = Guid.NewGuid();
        var campaign = Guid.NewGuid();
        await world.Database.AsOperatorAsync(async (c, t) =>
        {
            await Sql.ExecuteAsync(c, t, """
                INSERT INTO campaigns (id, tenant_id, submitted_by, features, samples, required_roles, priority, planned_duration_s, state, submitted_at)
                VALUES (@id, @tenant, 'ada', '{power/power-on.feature}', '{}', '{}', 0, 60, 'passed', now())
                """, CancellationToken.None, ("id", campaign), ("tenant", world.Acme.Tenant));
            await Sql.ExecuteAsync(c, t, """
                INSERT INTO runs (id, tenant_id, campaign_id, station_id, fencing, folder, instruments, state, verdict, archive, started_at)
                VALUES (@id, @tenant, @campaign, 'sign-off', 1, @folder, '{}', 'finished', @verdict, @archive, now())
                """, CancellationToken.None, ("id", run), ("tenant", world.Acme.Tenant), ("campaign", campaign), ("folder", Path.GetDirectoryName(reportPath)), ("verdict", verdict), ("archive", archive));
            return await Sql.ExecuteAsync(c, t, "INSERT INTO reports (id, tenant_id, run_id, path, created_at) VALUES (@id, @tenant, @run, @path, now())", CancellationToken.None,
                ("id", id), ("tenant", world.Acme.Tenant), ("run", run), ("path", reportPath));
        }, CancellationToken.None);
        return id;
    }

    [OneTimeTearDown]
    public async Task TearDownAsync()
    {
        if (world is not null)
        {
            await world.DisposeAsync();
        }
    }

    private static SignatureFile SignWith(string keyFile, SignatureManifest manifest)
    {
        using var key = SignerKey.Load(keyFile);
        return SignatureFile.Sign(manifest, key);
    }

    [Test, Order(1)]
    public void A_private_key_is_never_taken_and_signing_needs_a_registered_key()
    {
        var privateKey = File.ReadAllText(Path.Combine(keys, "quinn.key.pem"));
        Assert.That(async () => await signOff.RegisterKeyAsync(reviewer, privateKey, CancellationToken.None),
            Throws.TypeOf<SignOffException>().With.Message.Contains("never takes one"));
        Assert.That(async () => await signOff.PrepareAsync(reviewer, report, CancellationToken.None),
            Throws.TypeOf<SignOffException>().With.Message.Contains("no registered signing key"));
        Assert.That(async () => await signOff.PrepareAsync(world.Acme, report, CancellationToken.None), Throws.TypeOf<UnauthorizedAccessException>());
        Assert.That(async () => await signOff.PrepareAsync(world.Orbital, report, CancellationToken.None), Throws.TypeOf<KeyNotFoundException>());
    }

    [Test, Order(2)]
    public async Task The_reviewer_signs_then_a_different_approver_and_the_report_verifies()
    {
        Assert.That(await signOff.RegisterKeyAsync(reviewer, File.ReadAllText(Path.Combine(keys, "quinn.pub.pem")), CancellationToken.None), Is.EqualTo("Quinn Reviewer"));
        Assert.That(await signOff.RegisterKeyAsync(approver, File.ReadAllText(Path.Combine(keys, "april.pub.pem")), CancellationToken.None), Is.EqualTo("April Approver"));
        Assert.That((await signOff.ListAsync(reviewer, inbox: true, 0, 50, CancellationToken.None)).Select(r => r.Id), Does.Contain(report));

        var review = await signOff.PrepareAsync(reviewer, report, CancellationToken.None);
        Assert.That((review.Meaning, review.Signer), Is.EqualTo((SignatureMeaning.Reviewed, "Quinn Reviewer")));

        // Signed with someone else's key: refused, nothing recorded.
        Assert.That(async () => await signOff.SignAsync(reviewer, report, SignWith(Path.Combine(keys, "april.key.pem"), review), CancellationToken.None),
            Throws.TypeOf<SignOffException>().With.Message.Contains("not made with your registered key"));
        // A manifest changed after signing: the signature does not verify.
        var genuine = SignWith(Path.Combine(keys, "quinn.key.pem"), review);
        var forged = genuine with { Manifest = genuine.Manifest.Replace("\"revision\":1", "\"revision\":2", StringComparison.Ordinal) };
        Assert.That(async () => await signOff.SignAsync(reviewer, report, forged, CancellationToken.None), Throws.TypeOf<SignOffException>());

        await signOff.SignAsync(reviewer, report, genuine, CancellationToken.None);
        Assert.That((await signOff.FindAsync(world.Acme, report, CancellationToken.None))!.State, Is.EqualTo("awaiting-approval"));
        Assert.That(async () => await signOff.PrepareAsync(reviewer, report, CancellationToken.None),
            Throws.TypeOf<SignOffException>().With.Message.Contains("approver must be someone else"));

        var approval = await signOff.PrepareAsync(approver, report, CancellationToken.None);
        Assert.That(approval.Meaning, Is.EqualTo(SignatureMeaning.Approved));
        await signOff.SignAsync(approver, report, SignWith(Path.Combine(keys, "april.key.pem"), approval), CancellationToken.None);

        var summary = (await signOff.FindAsync(world.Acme, report, CancellationToken.None))!;
        Assert.That(summary.State, Is.EqualTo("approved"));
        var folder = await signOff.RunFolderAsync(summary, CancellationToken.None);
        var verification = ReportVerifier.Verify(folder);
        Assert.That(verification.Verified, Is.True, string.Join("; ", verification.Problems));
        Assert.That(ReportRevisions.SignatureFiles(folder, 1).Select(f => SignatureManifest.Parse(SignatureFile.Load(f).Manifest).Signer),
            Is.EquivalentTo(new[] { "Quinn Reviewer", "April Approver" }));
        var steps = await signOff.StepsAsync(world.Acme, report, CancellationToken.None);
        Assert.That(steps.Select(s => (s.Action, s.Actor)), Is.EqualTo(new[] { ("reviewed", "quinn"), ("approved", "april") }));
        var audit = await AuditActionsAsync();
        Assert.That(audit, Does.Contain("report.reviewed").And.Contain("report.approved"));
    }

    [Test, Order(3)]
    public async Task An_approved_report_cannot_be_rejected_and_a_rejection_needs_a_reason()
    {
        Assert.That(async () => await signOff.RejectAsync(reviewer, report, "late", CancellationToken.None),
            Throws.TypeOf<SignOffException>().With.Message.Contains("is approved"));
        Assert.That(async () => await signOff.RequestAmendmentAsync(reviewer, report, "  ", CancellationToken.None),
            Throws.TypeOf<SignOffException>().With.Message.Contains("Say what is to be amended"));
        Assert.That(await AuditActionsAsync(), Does.Not.Contain("report.rejected"));
    }

    [Test, Order(4)]
    public async Task After_an_amendment_request_the_operator_issues_the_next_revision_which_names_what_it_amends_and_goes_back_to_review()
    {
        var amended = await NewReportAsync();
        var review = await signOff.PrepareAsync(reviewer, amended, CancellationToken.None);
        await signOff.SignAsync(reviewer, amended, SignWith(Path.Combine(keys, "quinn.key.pem"), review), CancellationToken.None);
        Assert.That(async () => await signOff.IssueRevisionAsync(world.Operator, amended, "early", CancellationToken.None),
            Throws.TypeOf<SignOffException>().With.Message.Contains("only after QA asked for an amendment"));

        const string asked = "State the supply's calibration certificate number in the equipment table.";
        await signOff.RequestAmendmentAsync(approver, amended, asked, CancellationToken.None);
        Assert.That((await signOff.ListAsync(world.Operator, inbox: true, 0, 50, CancellationToken.None)).Select(r => r.Id), Does.Contain(amended), "the operators' inbox");
        Assert.That((await signOff.ListAsync(reviewer, inbox: true, 0, 50, CancellationToken.None)).Select(r => r.Id), Does.Not.Contain(amended), "not QA's until revised");
        Assert.That(async () => await signOff.IssueRevisionAsync(world.Acme, amended, asked, CancellationToken.None), Throws.TypeOf<UnauthorizedAccessException>());
        Assert.That(async () => await signOff.IssueRevisionAsync(world.Operator, amended, " ", CancellationToken.None),
            Throws.TypeOf<SignOffException>().With.Message.Contains("Say what the revision amends"));

        var revision = await signOff.IssueRevisionAsync(world.Operator, amended, asked, CancellationToken.None);

        // Revision 1 carries the reviewer's signature, so it is kept as it was and the amendment is revision 2.
        Assert.That(revision, Is.EqualTo(2));
        var summary = (await signOff.FindAsync(world.Acme, amended, CancellationToken.None))!;
        Assert.That((summary.State, summary.Revision), Is.EqualTo(("awaiting-review", (int?)2)));
        var folder = await signOff.RunFolderAsync(summary, CancellationToken.None);
        Assert.That(ReportRevisions.SignatureFiles(folder, 1), Has.Count.EqualTo(1), "the signed revision is untouched");
        var html = File.ReadAllText(Path.Combine(folder, ReportRevisions.ReportOf(2)));
        Assert.That(html, Does.Contain("calibration certificate number").And.Contain("revision 1"), "the new revision says what it amends and which one");
        Assert.That(await File.ReadAllTextAsync(Path.Combine(folder, "report.html")), Is.EqualTo(html), "report.html is the latest revision");

        // QA signs the new revision from the start: reviewer, then a different approver.
        var again = await signOff.PrepareAsync(reviewer, amended, CancellationToken.None);
        Assert.That((again.Meaning, again.Revision), Is.EqualTo((SignatureMeaning.Reviewed, 2)));
        var steps = await signOff.StepsAsync(world.Acme, amended, CancellationToken.None);
        Assert.That(steps.Select(s => (s.Action, s.Revision)), Is.EqualTo(new[] { ("reviewed", 1), ("amendment-requested", 1), ("revised", 2) }));
        var audit = await world.Database.AsOperatorAsync((c, t) => Sql.ListAsync(c, t, "SELECT action FROM audit WHERE object = @object",
            r => r.GetString(0), CancellationToken.None, ("object", $"report:{amended}")), CancellationToken.None);
        Assert.That(audit, Does.Contain("report.revised"));
    }

    private Task<string> AuditActionsAsync() =>
        world.Database.AsOperatorAsync(async (c, t) =>
        {
            var actions = await Sql.ListAsync(c, t, "SELECT action FROM audit WHERE object = @object", r => r.GetString(0), CancellationToken.None, ("object", $"report:{report}"));
            return new StringBuilder().AppendJoin(",", actions).ToString();
        }, CancellationToken.None);
}
