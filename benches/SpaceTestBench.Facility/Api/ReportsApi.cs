using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using HttpResults = Microsoft.AspNetCore.Http.Results;
using Microsoft.AspNetCore.Routing;
using SpaceTestBench.Facility.SignOff;
using SpaceTestBench.Reports.Signing;

namespace SpaceTestBench.Facility.Api;

/// <summary>A report with its sign-off steps.</summary>
/// <param name="Report">The report.</param>
/// <param name="Steps">Its sign-off so far.</param>
public sealed record ReportDetail(ReportSummary Report, IReadOnlyList<ReviewStep> Steps);

/// <summary>The manifest to sign next: its canonical text (sign its UTF-8 bytes, ECDSA P-256 SHA-256, IEEE P1363) and meaning.</summary>
/// <param name="Manifest">Canonical manifest text.</param>
/// <param name="Meaning">reviewed or approved.</param>
/// <param name="Signer">The signer it names.</param>
public sealed record ManifestToSign(string Manifest, string Meaning, string Signer);

/// <summary>A reason for a rejection or an amendment request.</summary>
/// <param name="Reason">Why.</param>
public sealed record DecisionRequest(string Reason);

/// <summary>A public key to register (the PREFIX.pub.pem of 'spacebench report keygen').</summary>
/// <param name="PublicKeyPem">The file's text.</param>
public sealed record SignerKeyRequest(string PublicKeyPem);

/// <summary>
/// Reports and their QA sign-off under <c>/api/v1/reports</c>: the same handlers serve the console (cookie session)
/// and the API (bearer token). A tenant sees its own reports; QA reviewers and facility operators see every tenant's in their inbox (what waits for them).
/// </summary>
public static class ReportsApi
{
    /// <summary>Maps the endpoints on <paramref name="group"/> (whose filter has set the caller).</summary>
    public static RouteGroupBuilder MapReports(this RouteGroupBuilder group)
    {
        ArgumentNullException.ThrowIfNull(group);
        group.MapGet("/reports", async (int? page, HttpContext http, ReportSignOff signOff) =>
            Page(await signOff.ListAsync(http.Caller(), inbox: false, page ?? 0, PageSize, http.RequestAborted), page ?? 0))
            .WithSummary("The tenant's reports, newest first, 50 a page (?page=N); 'next' is null on the last page.");

        group.MapGet("/reports/inbox", async (int? page, HttpContext http, ReportSignOff signOff) =>
            await Guarded(async () => HttpResults.Ok(Page(await signOff.ListAsync(http.Caller(), inbox: true, page ?? 0, PageSize, http.RequestAborted), page ?? 0))))
            .WithSummary("Every tenant's reports waiting for the caller: awaiting review or approval (QA reviewers), an amended revision (facility operators).");

        group.MapGet("/reports/{id:guid}", async (Guid id, HttpContext http, ReportSignOff signOff) =>
            await signOff.FindAsync(http.Caller(), id, http.RequestAborted) is { } report
                ? HttpResults.Ok(new ReportDetail(report, await signOff.StepsAsync(http.Caller(), id, http.RequestAborted)))
                : NotFound(id))
            .WithSummary("One report with its sign-off steps.");

        group.MapPost("/reports/{id:guid}/manifest", async (Guid id, HttpContext http, ReportSignOff signOff) =>
            await Guarded(async () =>
            {
                var manifest = await signOff.PrepareAsync(http.Caller(), id, http.RequestAborted);
                return HttpResults.Ok(new ManifestToSign(Encoding.UTF8.GetString(manifest.ToCanonicalBytes()), SignatureManifest.MeaningText(manifest.Meaning), manifest.Signer));
            }, id))
            .WithSummary("The manifest the caller signs next (QA reviewers, with a registered key): as reviewer, then a different approver.");

        group.MapPost("/reports/{id:guid}/signatures", async (Guid id, SignatureFile signature, HttpContext http, ReportSignOff signOff) =>
            await Guarded(async () =>
            {
                var path = await signOff.SignAsync(http.Caller(), id, signature, http.RequestAborted);
                return HttpResults.Created($"/api/v1/reports/{id}", new { file = Path.GetFileName(path) });
            }, id))
            .WithSummary("Keeps a signature over the manifest (verified with the caller's registered public key) and moves the report on.");

        group.MapPost("/reports/{id:guid}/reject", async (Guid id, DecisionRequest request, HttpContext http, ReportSignOff signOff) =>
            await Guarded(async () =>
            {
                await signOff.RejectAsync(http.Caller(), id, request.Reason, http.RequestAborted);
                return HttpResults.NoContent();
            }, id))
            .WithSummary("Rejects a report awaiting review or approval, with the reason (QA reviewers).");

        group.MapPost("/reports/{id:guid}/amendment", async (Guid id, DecisionRequest request, HttpContext http, ReportSignOff signOff) =>
            await Guarded(async () =>
            {
                await signOff.RequestAmendmentAsync(http.Caller(), id, request.Reason, http.RequestAborted);
                return HttpResults.NoContent();
            }, id))
            .WithSummary("Asks for an amendment of a report awaiting review or approval, saying what (QA reviewers).");

        group.MapPost("/reports/{id:guid}/revisions", async (Guid id, DecisionRequest request, HttpContext http, ReportSignOff signOff) =>
            await Guarded(async () =>
            {
                var revision = await signOff.IssueRevisionAsync(http.Caller(), id, request.Reason, http.RequestAborted);
                return HttpResults.Created($"/api/v1/reports/{id}", new { revision });
            }, id))
            .WithSummary("Issues the amended revision QA asked for, saying what it amends (facility operators): the report goes back to awaiting review.");

        group.MapPost("/signer-key", async (SignerKeyRequest request, HttpContext http, ReportSignOff signOff) =>
            await Guarded(async () => HttpResults.Ok(new { signer = await signOff.RegisterKeyAsync(http.Caller(), request.PublicKeyPem, http.RequestAborted) })))
            .WithSummary("Registers the caller's public signing key (never a private key: signing happens on the signer's machine).");
        return group;
    }

    /// <summary>Rows per page of a list.</summary>
    public const int PageSize = 50;

    private static object Page(List<ReportSummary> rows, int page) =>
        new { page, next = rows.Count > PageSize ? page + 1 : (int?)null, reports = rows.Take(PageSize).ToList() };

    private static async Task<IResult> Guarded(Func<Task<IResult>> action, Guid? id = null)
    {
        try
        {
            return await action();
        }
        catch (KeyNotFoundException)
        {
            return NotFound(id ?? Guid.Empty);
        }
        catch (UnauthorizedAccessException e)
        {
            return HttpResults.Problem(e.Message, statusCode: StatusCodes.Status403Forbidden);
        }
        catch (SignOffException e)
        {
            return HttpResults.Problem(e.Message, statusCode: StatusCodes.Status409Conflict);
        }
    }

    private static IResult NotFound(Guid id) => HttpResults.Problem($"No report {id} for this tenant.", statusCode: StatusCodes.Status404NotFound);
}
