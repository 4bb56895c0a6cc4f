using System.Globalization;
using System.Text;
using SpaceTestBench.Reports.Signing;
using SpaceTestBench.Results.Provenance;
using static SpaceTestBench.Reports.Html.HtmlText;

namespace SpaceTestBench.Reports.Html;

/// <summary>
/// The approval block: the three roles of the sign-off (author = operator, reviewer, approver, who is not the
/// operator) and every signature of this revision with its signer's name, meaning and UTC time (21 CFR 11.50). Its
/// content is a pure function of the run and the revision's signature files, so verification can render it again
/// and compare; signing rewrites only this block.
/// </summary>
public static class ApprovalSection
{
    /// <summary>The section with its markers, as the report is first rendered (no signatures yet).</summary>
    internal static void Write(StringBuilder html, RunInfo run, ReportRevision revision)
    {
        html.Append("<section id=\"approval\">\n<h2>Review and approval</h2>\n")
            .Append(CultureInfo.InvariantCulture, $"<p>Roles: <b>author</b> — the operator ({E(run.Operator)}); <b>reviewer</b>; <b>approver</b>, who must not be the operator (ISO/IEC 17025 §7.8.2.1 o). Signatures are ECDSA P-256 over a manifest of document {E(revision.DocumentNumber)} revision {revision.Number} and the SHA-256 of its report, result store, bench file, DUT profile, feature files and calibration snapshot; check them with <code>spacebench report verify RUN-FOLDER</code>.</p>\n")
            .Append(ReportDigest.Begin).Append(Block(run, revision.Number, [])).Append(ReportDigest.End)
            .Append("\n</section>\n");
    }

    /// <summary>The block's content for the given signatures (in file-name order).</summary>
    public static string Block(RunInfo run, int revision, IReadOnlyList<SignatureFile> signatures)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(signatures);
        var html = new StringBuilder();
        var parsed = signatures.Select(s => (File: s, Manifest: SignatureManifest.Parse(s.Manifest))).ToList();
        html.Append(CultureInfo.InvariantCulture, $"\n<table id=\"approval-block\" class=\"signoff\" data-revision=\"{revision}\">");
        html.Head("Role", "Name", "Meaning", "Signed (UTC)", "Key");
        foreach (var meaning in Enum.GetValues<SignatureMeaning>())
        {
            var role = meaning switch
            {
                SignatureMeaning.Authored => "Author (operator)",
                SignatureMeaning.Reviewed => "Reviewer",
                _ => "Approver",
            };
            var signed = parsed.Where(p => p.Manifest.Meaning == meaning).ToList();
            if (signed.Count == 0)
            {
                html.Append(CultureInfo.InvariantCulture, $"<tr class=\"unsigned\"><th>{E(role)}</th><td>{(meaning == SignatureMeaning.Authored ? E(run.Operator) : "")}</td><td>{SignatureManifest.MeaningText(meaning)}</td><td>awaiting signature</td><td></td></tr>\n");
                continue;
            }

            foreach (var (file, manifest) in signed)
            {
                html.Append(CultureInfo.InvariantCulture,
                    $"<tr class=\"signed\"><th>{E(role)}</th><td class=\"signer\">{E(manifest.Signer)}</td><td>{SignatureManifest.MeaningText(manifest.Meaning)}</td><td>{manifest.SignedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC</td><td><code>{file.KeyFingerprint}</code></td></tr>\n");
            }
        }

        return html.Append("</tbody></table>\n").ToString();
    }
}
