using Microsoft.AspNetCore.Builder;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using HttpResults = Microsoft.AspNetCore.Http.Results;
using Microsoft.AspNetCore.Routing;
using SpaceTestBench.Facility.SignOff;
using SpaceTestBench.Facility.Tenancy;
using SpaceTestBench.Reports.Signing;
using SpaceTestBench.Results.Recording;
using SpaceTestBench.Results.Store;
using static SpaceTestBench.Facility.Web.Html;

namespace SpaceTestBench.Facility.Web.Pages;

/// <summary>
/// Reports: a tenant's own, QA's inbox of every tenant's reports waiting for them, one report with its revision,
/// verdict, signatures and deviations, the report itself in a sandboxed frame, and the sign-off: sign in the browser
/// with the signer's own key file (never sent), reject with a reason, ask for an amendment; the facility's operators
/// issue the amended revision.
/// </summary>
internal static class ReportPages
{
    public static void Map(RouteGroupBuilder console)
    {
        console.MapGet("/reports", async (int? page, HttpContext http, ReportSignOff signOff) =>
        {
            var caller = ConsoleSession.Caller(http);
            var rows = await signOff.ListAsync(caller, inbox: false, page ?? 0, Api.ReportsApi.PageSize, http.RequestAborted);
            var key = await signOff.KeyOfAsync(caller, http.RequestAborted);
            return Page(http, "Reports", $"""
                {List(rows, "/console/reports", page ?? 0, "Your tenant's reports, newest first")}
                {KeyForm(http, key?.Signer)}
                """);
        });

        console.MapGet("/inbox", async (int? page, HttpContext http, ReportSignOff signOff) =>
        {
            var caller = ConsoleSession.Caller(http);
            if (caller.Can(FacilityRole.QaReviewer))
            {
                var rows = await signOff.ListAsync(caller, inbox: true, page ?? 0, Api.ReportsApi.PageSize, http.RequestAborted);
                var key = await signOff.KeyOfAsync(caller, http.RequestAborted);
                return Page(http, "QA inbox", $"""
                    <p>Every tenant's reports waiting for a review or an approval. A reviewer signs first; a different approver signs next.</p>
                    {List(rows, "/console/inbox", page ?? 0, "Reports awaiting review or approval")}
                    {KeyForm(http, key?.Signer)}
                    """);
            }

            if (caller.Can(FacilityRole.FacilityOperator))
            {
                var rows = await signOff.ListAsync(caller, inbox: true, page ?? 0, Api.ReportsApi.PageSize, http.RequestAborted);
                return Page(http, "Amendments", $"""
                    <p>Every tenant's reports on which QA asked for an amendment: open one, read what QA asked, and issue the amended revision, which goes back to QA for review.</p>
                    {List(rows, "/console/inbox", page ?? 0, "Reports with an amendment requested")}
                    """);
            }

            return Page(http, "QA inbox", Message("The inbox is for QA reviewers and the facility's operators.", true), status: StatusCodes.Status403Forbidden);
        });

        console.MapPost("/signer-key", async (HttpContext http, ReportSignOff signOff) =>
        {
            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            var text = form["publicKey"].ToString();
            if (form.Files.GetFile("publicKeyFile") is { Length: > 0 and < 16384 } file)
            {
                using var reader = new StreamReader(file.OpenReadStream());
                text = await reader.ReadToEndAsync(http.RequestAborted);
            }

            try
            {
                var signer = await signOff.RegisterKeyAsync(ConsoleSession.Caller(http), text, http.RequestAborted);
                return Page(http, "Signing key registered", Message($"Your public key is registered; you sign as {signer}.", false) + "<p><a href=\"/console/reports\">Back to reports</a></p>");
            }
            catch (SignOffException e)
            {
                return Page(http, "Signing key not registered", Message(e.Message, true) + KeyForm(http, null), status: StatusCodes.Status400BadRequest);
            }
        });

        console.MapGet("/reports/{id:guid}", async (Guid id, HttpContext http, ReportSignOff signOff) => await Detail(http, signOff, id, null));

        console.MapPost("/reports/{id:guid}/decision", async (Guid id, HttpContext http, ReportSignOff signOff) =>
        {
            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            var caller = ConsoleSession.Caller(http);
            try
            {
                if (form["decision"] == "reject")
                {
                    await signOff.RejectAsync(caller, id, form["reason"].ToString(), http.RequestAborted);
                }
                else
                {
                    await signOff.RequestAmendmentAsync(caller, id, form["reason"].ToString(), http.RequestAborted);
                }

                return HttpResults.Redirect($"/console/reports/{id}");
            }
            catch (Exception e) when (e is SignOffException or UnauthorizedAccessException or KeyNotFoundException)
            {
                return await Detail(http, signOff, id, e is KeyNotFoundException ? $"No report {id}." : e.Message);
            }
        });

        console.MapPost("/reports/{id:guid}/revision", async (Guid id, HttpContext http, ReportSignOff signOff) =>
        {
            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            try
            {
                await signOff.IssueRevisionAsync(ConsoleSession.Caller(http), id, form["reason"].ToString(), http.RequestAborted);
                return HttpResults.Redirect($"/console/reports/{id}");
            }
            catch (Exception e) when (e is SignOffException or UnauthorizedAccessException or KeyNotFoundException)
            {
                return await Detail(http, signOff, id, e is KeyNotFoundException ? $"No report {id}." : e.Message);
            }
        });

        console.MapGet("/reports/{id:guid}/files/{**path}", async (Guid id, string path, HttpContext http, ReportSignOff signOff) =>
        {
            if (await signOff.FindAsync(ConsoleSession.Caller(http), id, http.RequestAborted) is not { } report)
            {
                return HttpResults.NotFound();
            }

            var folder = await signOff.RunFolderAsync(report, http.RequestAborted);
            var full = Path.GetFullPath(Path.Combine(folder, path));
            if (!full.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal) || !File.Exists(full))
            {
                return HttpResults.NotFound();
            }

            // The report is shown as a document, never as a page of the console: no script of it runs with the console's cookie.
            http.Response.Headers.ContentSecurityPolicy = "sandbox; default-src 'self' 'unsafe-inline' data:";
            var type = Path.GetExtension(full) switch
            {
                ".html" => "text/html; charset=utf-8",
                ".svg" => "image/svg+xml",
                ".png" => "image/png",
                ".csv" => "text/csv; charset=utf-8",
                ".json" => "application/json",
                ".xml" => "application/xml",
                _ => "application/octet-stream",
            };
            return HttpResults.File(full, type);
        });
    }

    private static async Task<IResult> Detail(HttpContext http, ReportSignOff signOff, Guid id, string? error)
    {
        var caller = ConsoleSession.Caller(http);
        if (await signOff.FindAsync(caller, id, http.RequestAborted) is not { } report)
        {
            return Page(http, "No such report", Message($"No report {id} for your tenant.", true), status: StatusCodes.Status404NotFound);
        }

        var steps = await signOff.StepsAsync(caller, id, http.RequestAborted);
        string folder;
        try
        {
            folder = await signOff.RunFolderAsync(report, http.RequestAborted);
        }
        catch (SignOffException e)
        {
            return Page(http, $"Report {id.ToString()[..8]}", Message(e.Message, true));
        }

        var revisions = ReportRevisions.List(folder);
        var revision = revisions.Count == 0 ? 0 : revisions[^1];
        var signatures = new StringBuilder();
        foreach (var file in revision == 0 ? [] : ReportRevisions.SignatureFiles(folder, revision))
        {
            var signature = SignatureFile.Load(file);
            var manifest = SignatureManifest.Parse(signature.Manifest);
            signatures.Append(CultureInfo.InvariantCulture, $"<li><strong>{E(SignatureManifest.MeaningText(manifest.Meaning))}</strong> by {E(manifest.Signer)} at {When(manifest.SignedAt)} · key {E(signature.KeyFingerprint)} · {(signature.SignatureIsValid() ? "signature verifies" : "<strong class=\"warn\">signature does not verify</strong>")}</li>");
        }

        var results = ResultStoreReader.Read(folder, readOnly: true);
        var deviations = results.Events.Where(e => e.Kind is BenchEventKind.Deviation or BenchEventKind.RunResumed).ToList();
        var history = string.Concat(steps.Select(s => $"<li>{When(s.At)}: <strong>{E(s.Action)}</strong> by {E(s.Actor)} (revision {s.Revision}){(s.Reason is null ? "" : $": {E(s.Reason)}")}</li>"));
        var canSign = caller.Can(FacilityRole.QaReviewer) && report.State is "awaiting-review" or "awaiting-approval";
        var meaning = report.State == "awaiting-review" ? "reviewer" : "approver";
        var actions = !canSign ? "" : $"""
            <section class="card" aria-labelledby="sign-title" id="sign-off">
              <h2 id="sign-title">Sign as {meaning}</h2>
              <p>Choose your private key file (<code>PREFIX.key.pem</code> from <code>spacebench report keygen</code>). It is read by this page only and never sent: the page signs the manifest the control node prepares, and the control node keeps the signature after checking it with your registered public key.</p>
              <label for="private-key">Your private key file</label>
              <input id="private-key" type="file" accept=".pem">
              <button type="button" id="sign-button" class="primary">Sign as {meaning}</button>
              <div id="sign-status" role="status" aria-live="polite"></div>
            </section>
            <section class="card" aria-labelledby="decide-title">
              <h2 id="decide-title">Reject or ask for an amendment</h2>
              <form method="post" action="/console/reports/{id}/decision">{Antiforgery(http)}
                <label for="reason">Reason (required)</label>
                <textarea id="reason" name="reason" rows="3" required></textarea>
                <div class="actions"><button type="submit" name="decision" value="amend">Ask for amendment</button> <button type="submit" name="decision" value="reject" class="danger">Reject</button></div>
              </form>
            </section>
            """;
        if (caller.Can(FacilityRole.FacilityOperator) && report.State == "amendment-requested" && steps.LastOrDefault() is { Action: "amendment-requested" } request)
        {
            actions += $"""
                <section class="card" aria-labelledby="revise-title" id="revise">
                  <h2 id="revise-title">Issue the amended revision</h2>
                  <p>{E(request.Actor)} asked for an amendment of revision {request.Revision}: <q>{E(request.Reason)}</q></p>
                  <p>The report is rendered again from the run's record; a signed revision is never changed, so the new one is the next revision, naming the one it amends and what it amends. It then goes back to QA for review.</p>
                  <form method="post" action="/console/reports/{id}/revision">{Antiforgery(http)}
                    <label for="revision-reason">What this revision amends (shown in the report)</label>
                    <textarea id="revision-reason" name="reason" rows="3" required>{E(request.Reason)}</textarea>
                    <div class="actions"><button type="submit" class="primary">Issue the amended revision</button></div>
                  </form>
                </section>
                """;
        }

        return Page(http, $"Report {id.ToString()[..8]}", $"""
            {(error is null ? "" : Message(error, true))}
            <dl class="facts">
              <div><dt>Document</dt><dd>{E(ReportRevisions.DocumentNumberOf(results.Run.Info))}</dd></div>
              <div><dt>Revision</dt><dd id="report-revision">{revision}</dd></div>
              <div><dt>Verdict</dt><dd><span class="verdict-tag {E((report.Verdict ?? "").ToLowerInvariant())}">{E(report.Verdict ?? "—")}</span></dd></div>
              <div><dt>Sign-off</dt><dd><span id="report-state" class="state {E(report.State)}">{E(report.State)}</span></dd></div>
              <div><dt>Tenant</dt><dd>{E(report.Tenant)}</dd></div>
              <div><dt>Station</dt><dd>{E(report.Station)}</dd></div>
            </dl>
            <section class="card" aria-labelledby="signatures-title"><h2 id="signatures-title">Signatures of revision {revision}</h2>
              <ul id="signatures">{(signatures.Length == 0 ? "<li>None yet.</li>" : signatures.ToString())}</ul>
              <h3>Sign-off history</h3><ul id="history">{(history.Length == 0 ? "<li>Awaiting review.</li>" : history)}</ul>
              <h3>Deviations</h3><p>{deviations.Count} recorded deviation(s) and resumption(s){string.Concat(deviations.Select(d => $"<br>{E(d.Message)}"))}. The report's deviations log below lists every one, with calibration lapses and retries.</p>
            </section>
            {actions}
            <section class="card" aria-labelledby="report-title"><h2 id="report-title">The report</h2>
              <p><a href="/console/reports/{id}/files/report.html" target="_blank" rel="noopener">Open the report on its own</a></p>
              <iframe title="Report {E(ReportRevisions.DocumentNumberOf(results.Run.Info))}" src="/console/reports/{id}/files/report.html" sandbox class="report-frame"></iframe>
            </section>
            """, canSign ? $"signReport('{id}', '{E(AntiforgeryToken(http))}');" : null);
    }

    private static string List(List<ReportSummary> rows, string path, int page, string caption)
    {
        var body = string.Concat(rows.Take(Api.ReportsApi.PageSize).Select(r => $"""
            <tr><th scope="row"><a href="/console/reports/{r.Id}">{r.Id.ToString()[..8]}</a></th><td>{E(r.Tenant)}</td><td><span class="verdict-tag {E((r.Verdict ?? "").ToLowerInvariant())}">{E(r.Verdict ?? "—")}</span></td>
            <td><span class="state {E(r.State)}">{E(r.State)}</span></td><td>{(r.Revision is { } n ? n.ToString(CultureInfo.InvariantCulture) : "—")}</td><td>{E(r.Station)}</td><td>{When(r.CreatedAt)}</td></tr>
            """));
        return $"""
            <div class="scroll"><table id="reports"><caption class="visually-hidden">{E(caption)}</caption>
            <thead><tr><th scope="col">Report</th><th scope="col">Tenant</th><th scope="col">Verdict</th><th scope="col">Sign-off</th><th scope="col">Revision signed</th><th scope="col">Station</th><th scope="col">Finished</th></tr></thead>
            <tbody>{(body.Length == 0 ? "<tr><td colspan=\"7\">No report.</td></tr>" : body)}</tbody></table></div>
            {Pager(path, page, rows.Count > Api.ReportsApi.PageSize)}
            """;
    }

    private static string KeyForm(HttpContext http, string? signer) => $"""
        <section class="card" aria-labelledby="key-title"><h2 id="key-title">Your signing key</h2>
          <p>{(signer is null ? "No public key registered yet." : $"Registered: you sign as <strong>{E(signer)}</strong>.")} The facility keeps only your public key; your private key stays on your machine and signs in this browser.</p>
          <form method="post" action="/console/signer-key" enctype="multipart/form-data">{Antiforgery(http)}
            <label for="publicKeyFile">Public key file (PREFIX.pub.pem from <code>spacebench report keygen</code>)</label>
            <input id="publicKeyFile" name="publicKeyFile" type="file" accept=".pem">
            <button type="submit">Register public key</button>
          </form>
        </section>
        """;
}
