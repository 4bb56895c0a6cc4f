using SpaceTestBench.Reports.Signing;
using SpaceTestBench.Reports.Tests.Support;
using SpaceTestBench.Testing;

namespace SpaceTestBench.Reports.Tests.Signing;

/// <summary>
/// Sign-off as 21 CFR Part 11 models it: a signature shows name, meaning and time, is linked to its record so it
/// cannot be moved, and any change to a signed artifact is found, naming the file.
/// </summary>
public sealed class SigningTests
{
    private static readonly DateTimeOffset Now = new(2027, 6, 1, 9, 30, 0, TimeSpan.Zero);

    private static string NewRun(string name)
    {
        var folder = Path.Combine(TestRepository.ScratchFolder("signing"), name);
        SignableCampaign.Write(folder);
        return folder;
    }

    private static SignerKey Key(string name)
    {
        var key = SignerKey.Generate(name);
        var prefix = Path.Combine(TestRepository.ScratchFolder("keys"), name.Replace(' ', '-'));
        var (privateKey, _) = key.Save(prefix);
        key.Dispose();
        return SignerKey.Load(privateKey);
    }

    private static void SignAll(string run)
    {
        var clock = new ManualClock(Now);
        using var author = Key(SignableCampaign.Operator);
        using var reviewer = Key("Rita Reviewer");
        using var approver = Key("Amy Approver");
        ReportSigner.Sign(run, author, SignatureMeaning.Authored, clock);
        clock.Advance(TimeSpan.FromHours(2));
        ReportSigner.Sign(run, reviewer, SignatureMeaning.Reviewed, clock);
        clock.Advance(TimeSpan.FromHours(2));
        ReportSigner.Sign(run, approver, SignatureMeaning.Approved, clock);
    }

    [Test]
    public void A_report_authored_reviewed_and_approved_verifies_and_shows_each_signature_with_name_meaning_and_time()
    {
        var run = NewRun("signed");

        SignAll(run);
        var result = ReportVerifier.Verify(run);

        Assert.That(result.Problems, Is.Empty);
        Assert.That(result.Notes, Has.Some.Contains("approved by Amy Approver at 2027-06-01 13:30:00 UTC"));
        var report = File.ReadAllText(Path.Combine(run, "report.html"));
        Assert.That(report, Does.Contain("<td class=\"signer\">Alex Operator</td><td>authored</td><td>2027-06-01 09:30:00 UTC</td>"));
        Assert.That(report, Does.Contain("<td class=\"signer\">Rita Reviewer</td><td>reviewed</td><td>2027-06-01 11:30:00 UTC</td>"));
        Assert.That(report, Does.Contain("<td class=\"signer\">Amy Approver</td><td>approved</td><td>2027-06-01 13:30:00 UTC</td>"));
        Assert.That(File.ReadAllBytes(Path.Combine(run, "report.html")), Is.EqualTo(File.ReadAllBytes(Path.Combine(run, ReportRevisions.ReportOf(1)))));
    }

    public static IEnumerable<TestCaseData> Artifacts()
    {
        foreach (var file in new[]
        {
            "report.html", "revisions/r1/report.html", "results.sqlite", "inputs/bench/simulated.bench.json", "inputs/dut/rad-hard-soc.json",
            "inputs/features/power/power-on.feature", "inputs/features/radiation/single-event-latchup.feature", "inputs/calibration.json",
        })
        {
            yield return new TestCaseData(file).SetName($"A one-byte change to {file} fails verification naming it");
        }
    }

    [TestCaseSource(nameof(Artifacts))]
    public void A_one_byte_change_to_any_artifact_fails_verification_naming_the_file(string file)
    {
        var run = NewRun("tampered-" + file.Replace('/', '-'));
        SignAll(run);
        Assert.That(ReportVerifier.Verify(run).Verified, Is.True, "verifies before the change");

        var path = Path.Combine(run, file);
        var bytes = File.ReadAllBytes(path);
        // A byte early in the file, away from the approval block, that changes what the file says.
        var at = file.EndsWith(".sqlite", StringComparison.Ordinal) ? bytes.Length / 2 : Math.Min(bytes.Length - 1, 40);
        bytes[at] ^= 0x01;
        File.WriteAllBytes(path, bytes);
        var result = ReportVerifier.Verify(run);

        Assert.That(result.Verified, Is.False);
        Assert.That(result.Problems.Select(p => p.File), Has.Member(file), string.Join("\n", result.Problems));
    }

    [Test]
    public void An_edited_approval_block_fails_verification_naming_the_report()
    {
        var run = NewRun("edited-block");
        SignAll(run);
        foreach (var file in new[] { "report.html", ReportRevisions.ReportOf(1) })
        {
            var path = Path.Combine(run, file);
            File.WriteAllText(path, File.ReadAllText(path).Replace("Rita Reviewer", "Rita Reviewex", StringComparison.Ordinal));
        }

        var result = ReportVerifier.Verify(run);

        Assert.That(result.Problems.Select(p => p.File), Has.Member(ReportRevisions.ReportOf(1)), string.Join("\n", result.Problems));
    }

    [Test]
    public void A_signature_moved_from_another_report_fails_verification_naming_the_signature()
    {
        var first = NewRun("first");
        var second = NewRun("second");
        SignAll(first);
        var moved = ReportRevisions.SignatureFiles(first, 1).Single(f => f.Contains("approved", StringComparison.Ordinal));
        var target = Path.Combine(second, ReportRevisions.SignaturesOf(1));
        Directory.CreateDirectory(target);
        File.Copy(moved, Path.Combine(target, Path.GetFileName(moved)));

        var result = ReportVerifier.Verify(second);

        var problem = result.Problems.Single(p => p.File.StartsWith(ReportRevisions.SignaturesOf(1), StringComparison.Ordinal));
        Assert.That(problem.Message, Does.Contain("moved from another report").And.Contain("STB-QR-first"));
    }

    [Test]
    public void The_operator_cannot_approve_and_an_approval_by_the_operator_fails_verification()
    {
        var run = NewRun("self-approved");
        using var operatorKey = Key(SignableCampaign.Operator);

        var refused = Assert.Throws<SigningException>(() => ReportSigner.Sign(run, operatorKey, SignatureMeaning.Approved, new ManualClock(Now)));
        Assert.That(refused!.Message, Does.Contain("cannot approve"));

        // Written by hand, past the signer's check: verification still finds it.
        var artifacts = RunArtifacts.Of(run, Results.Store.ResultStoreReader.Read(run).Run.Info, 1);
        var manifest = new SignatureManifest("STB-QR-self-approved", 1, artifacts, "alex  OPERATOR", SignatureMeaning.Approved, Now);
        var folder = Path.Combine(run, ReportRevisions.SignaturesOf(1));
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, "forged-approval.json");
        SignatureFile.Sign(manifest, operatorKey).Save(file);
        var result = ReportVerifier.Verify(run);

        Assert.That(result.Problems, Has.Some.Matches<VerificationProblem>(p => p.File == $"{ReportRevisions.SignaturesOf(1)}/forged-approval.json" && p.Message.Contains("approval by alex  OPERATOR, the run's operator", StringComparison.Ordinal)),
            string.Join("\n", result.Problems));
    }

    [Test]
    public void Only_the_operator_authors_and_nobody_signs_one_meaning_twice()
    {
        var run = NewRun("roles");
        using var reviewer = Key("Rita Reviewer");
        var clock = new ManualClock(Now);

        Assert.Throws<SigningException>(() => ReportSigner.Sign(run, reviewer, SignatureMeaning.Authored, clock));
        ReportSigner.Sign(run, reviewer, SignatureMeaning.Reviewed, clock);
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Throws<SigningException>(() => ReportSigner.Sign(run, reviewer, SignatureMeaning.Reviewed, clock));
    }

    [Test]
    public void Rendering_a_signed_report_again_writes_a_new_revision_that_names_the_one_it_amends_and_leaves_it_as_signed()
    {
        var run = NewRun("amended");
        SignAll(run);
        var signed = File.ReadAllBytes(Path.Combine(run, ReportRevisions.ReportOf(1)));
        var digest = ReportDigest.Of(signed);

        ReportRenderer.Render(run, new ReportOptions { AmendmentReason = "corrected the dosimetry note" });

        Assert.That(File.ReadAllBytes(Path.Combine(run, ReportRevisions.ReportOf(1))), Is.EqualTo(signed), "a signed revision is never overwritten");
        var amended = File.ReadAllText(Path.Combine(run, "report.html"));
        Assert.That(amended, Does.Contain("<th>Revision</th><td>2</td>"));
        Assert.That(amended, Does.Contain($"revision 1 (revisions/r1/report.html, SHA-256 without its approval block {digest}): corrected the dosimetry note"));
        Assert.That(ReportRevisions.List(run), Is.EqualTo(new[] { 1, 2 }));
        var result = ReportVerifier.Verify(run);
        Assert.That(result.Problems, Is.Empty, "revision 1 still verifies with its signatures; revision 2 awaits its own");
        Assert.That(result.Notes, Has.Some.Contains("revision 2: not signed"));

        ReportRenderer.Render(run);
        Assert.That(ReportRevisions.List(run), Is.EqualTo(new[] { 1, 2 }), "an unsigned revision is rendered again in place");
    }

    [Test]
    public void A_key_names_its_signer_and_a_file_that_is_not_a_key_is_refused_naming_it()
    {
        using var key = Key("Dana Q. Reviewer");
        Assert.That(key.Signer, Is.EqualTo("Dana Q. Reviewer"));

        var bogus = Path.Combine(TestRepository.ScratchFolder("keys"), "bogus.key.pem");
        File.WriteAllText(bogus, "Signer: Nobody\nnot a key\n");
        var error = Assert.Throws<InvalidDataException>(() => SignerKey.Load(bogus));
        Assert.That(error!.Message, Does.Contain(bogus));
    }
}
