using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using HttpResults = Microsoft.AspNetCore.Http.Results;
using Microsoft.Extensions.DependencyInjection;
using SpaceTestBench.Facility.Tenancy;

namespace SpaceTestBench.Facility.Web;

/// <summary>Server-rendered HTML: every value is encoded where it is written; pages share one shell.</summary>
internal static class Html
{
    /// <summary>HTML-encodes a value.</summary>
    public static string E(object? value) => HtmlEncoder.Default.Encode(Convert.ToString(value, CultureInfo.InvariantCulture) ?? "");

    /// <summary>An instant as the console shows it: UTC, to the second.</summary>
    public static string When(DateTimeOffset? at) => at is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture) : "—";

    /// <summary>A hidden antiforgery field for a form.</summary>
    public static string Antiforgery(HttpContext http)
    {
        var tokens = http.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(http);
        return $"<input type=\"hidden\" name=\"{E(tokens.FormFieldName)}\" value=\"{E(tokens.RequestToken)}\">";
    }

    /// <summary>The antiforgery token for scripts' requests (sent back in the RequestVerificationToken header).</summary>
    public static string AntiforgeryToken(HttpContext http) => http.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(http).RequestToken ?? "";

    /// <summary>Previous/next links of a paged list.</summary>
    public static string Pager(string path, int page, bool more, string query = "")
    {
        var links = new StringBuilder("<nav class=\"pager\" aria-label=\"Pages\">");
        links.Append(page > 0 ? $"<a href=\"{E(path)}?page={page - 1}{E(query)}\" rel=\"prev\">← Previous</a>" : "<span aria-hidden=\"true\"></span>");
        links.Append(CultureInfo.InvariantCulture, $"<span>Page {page + 1}</span>");
        links.Append(more ? $"<a href=\"{E(path)}?page={page + 1}{E(query)}\" rel=\"next\">Next →</a>" : "<span aria-hidden=\"true\"></span>");
        return links.Append("</nav>").ToString();
    }

    /// <summary>The page shell: skip link, header with navigation for the caller's role, main content.</summary>
    public static IResult Page(HttpContext http, string title, string body, string? script = null, int status = 200)
    {
        var caller = ConsoleSession.CallerOrNull(http);
        var nav = new StringBuilder();
        if (caller is not null)
        {
            void Link(string href, string text)
            {
                var current = http.Request.Path.StartsWithSegments(href) ? " aria-current=\"page\"" : "";
                nav.Append(CultureInfo.InvariantCulture, $"<li><a href=\"{href}\"{current}>{text}</a></li>");
            }

            Link("/console/stations", "Stations");
            Link("/console/submit", "Submit");
            Link("/console/campaigns", "Campaigns");
            Link("/console/reports", "Reports");
            if (caller.Can(FacilityRole.QaReviewer) || caller.Can(FacilityRole.FacilityOperator))
            {
                Link("/console/inbox", caller.Role == FacilityRole.FacilityOperator ? "Amendments" : "QA inbox");
            }

            if (caller.IsStaff)
            {
                Link("/console/operator", "Operator");
            }
        }

        var user = caller is null ? "" : $"""
            <form method="post" action="/console/sign-out" class="user">{Antiforgery(http)}
              <span>{E(caller.UserName)} · {E(caller.Role.Name())}</span> <button type="submit">Sign out</button>
            </form>
            """;
        var scripts = script is null ? "" : $"<script src=\"/console/assets/console.js\"></script><script>{script}</script>";
        var html = $"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <meta name="viewport" content="width=device-width, initial-scale=1">
              <title>{E(title)} · SpaceTestBench facility</title>
              <link rel="stylesheet" href="/console/assets/console.css">
            </head>
            <body>
              <a class="skip" href="#main">Skip to content</a>
              <header>
                <a class="brand" href="/console/stations">SpaceTestBench facility</a>
                <nav aria-label="Console"><ul>{nav}</ul></nav>
                {user}
              </header>
              <main id="main" tabindex="-1">
                <h1>{E(title)}</h1>
                {body}
              </main>
              {scripts}
            </body>
            </html>
            """;
        return HttpResults.Content(html, "text/html; charset=utf-8", Encoding.UTF8, status);
    }

    /// <summary>A message box (role=alert for errors, status otherwise).</summary>
    public static string Message(string text, bool error) =>
        error ? $"<div class=\"message error\" role=\"alert\">{E(text)}</div>" : $"<div class=\"message\" role=\"status\">{E(text)}</div>";
}
