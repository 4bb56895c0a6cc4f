using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using HttpResults = Microsoft.AspNetCore.Http.Results;
using Microsoft.Extensions.DependencyInjection;
using SpaceTestBench.Facility.Api;
using SpaceTestBench.Facility.Audit;
using SpaceTestBench.Facility.Hosting;
using SpaceTestBench.Facility.Store;
using SpaceTestBench.Facility.Tenancy;

namespace SpaceTestBench.Facility.Web;

/// <summary>
/// The console's session: a user signs in once with their name and an API token of theirs (the token is checked as
/// the API checks it, and never kept in the cookie); the session cookie (HttpOnly, SameSite=Strict, 8 hours sliding)
/// carries only the user's id, and every request looks the user up again, so a changed role takes effect at once.
/// Every state-changing request also carries an antiforgery token. The API's bearer tokens are unchanged.
/// </summary>
internal static class ConsoleSession
{
    public const string Scheme = CookieAuthenticationDefaults.AuthenticationScheme;
    private const string CallerKey = "spacebench.console.caller";

    /// <summary>Cookie authentication and antiforgery for the console.</summary>
    public static IServiceCollection AddConsoleSession(this IServiceCollection services)
    {
        services.AddAuthentication(Scheme).AddCookie(Scheme, cookie =>
        {
            cookie.Cookie.Name = "spacebench.console";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            cookie.Cookie.Path = "/console";
            cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
            cookie.SlidingExpiration = true;
            cookie.LoginPath = "/console/sign-in";
        });
        services.AddAuthorization();
        services.AddAntiforgery(options =>
        {
            options.HeaderName = "RequestVerificationToken";
            options.Cookie.Path = "/console";
        });
        return services;
    }

    /// <summary>The signed-in caller of a console request, once the filter ran; otherwise null.</summary>
    public static Caller? CallerOrNull(HttpContext http) => http.Items.TryGetValue(CallerKey, out var caller) ? (Caller?)caller : null;

    /// <summary>The signed-in caller (behind <see cref="Filter"/>).</summary>
    public static Caller Caller(HttpContext http) => CallerOrNull(http) ?? throw new InvalidOperationException("No console session.");

    /// <summary>
    /// Resolves the session's user (or sends the browser to sign in; scripts get 401), checks the antiforgery token
    /// of every POST, and hands the caller on as the API's bearer filter does, so shared handlers see one caller.
    /// </summary>
    public static async ValueTask<object?> Filter(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var result = await http.AuthenticateAsync(Scheme);
        var caller = result.Succeeded && Guid.TryParse(result.Principal.FindFirstValue(ClaimTypes.NameIdentifier), out var userId)
            ? await FindUserAsync(http.RequestServices.GetRequiredService<FacilityServices>(), userId, http.RequestAborted)
            : null;
        if (caller is null)
        {
            return http.Request.Path.StartsWithSegments("/console/api") || !HttpMethods.IsGet(http.Request.Method)
                ? HttpResults.Problem("Sign in to the console first.", statusCode: StatusCodes.Status401Unauthorized)
                : HttpResults.Redirect($"/console/sign-in?return={Uri.EscapeDataString(http.Request.Path + http.Request.QueryString)}");
        }

        if (!HttpMethods.IsGet(http.Request.Method))
        {
            try
            {
                await http.RequestServices.GetRequiredService<IAntiforgery>().ValidateRequestAsync(http);
            }
            catch (AntiforgeryValidationException)
            {
                return HttpResults.Problem("The form is stale or did not come from this console: reload the page and try again.", statusCode: StatusCodes.Status400BadRequest);
            }
        }

        http.Items[CallerKey] = caller;
        BearerAuthentication.SetCaller(http, caller);
        return await next(context);
    }

    /// <summary>Signs a user in after checking that the token is theirs; returns why not, or null.</summary>
    public static async Task<string?> SignInAsync(HttpContext http, string userName, string token)
    {
        var facility = http.RequestServices.GetRequiredService<FacilityServices>();
        var caller = string.IsNullOrWhiteSpace(token) ? null : await facility.Tenants.AuthenticateAsync(token.Trim(), http.RequestAborted);
        if (caller is null || caller.UserName != userName.Trim())
        {
            // One answer for an unknown user and a wrong token: the form tells no one which names exist.
            return "That user name and access token do not match an active account.";
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, caller.UserId.ToString())], Scheme);
        await http.SignInAsync(Scheme, new ClaimsPrincipal(identity));
        await facility.Database.AsOperatorAsync(async (c, t) =>
        {
            await AuditLog.AppendAsync(c, t, new AuditEntry(caller.Tenant, caller.UserName, "console.sign-in", $"user:{caller.UserName}", "signed in to the console"), facility.Clock.GetUtcNow(), http.RequestAborted);
            return 0;
        }, http.RequestAborted);
        return null;
    }

    private static async Task<Caller?> FindUserAsync(FacilityServices facility, Guid userId, CancellationToken cancellationToken) =>
        (await facility.Database.AsOperatorAsync((c, t) => Sql.ListAsync(c, t, "SELECT id, name, tenant_id, role FROM users WHERE id = @id",
            r => new Caller(r.GetGuid(0), r.GetString(1), r.GetGuid(2), FacilityRoles.Parse(r.GetString(3))), cancellationToken, ("id", userId)), cancellationToken)).FirstOrDefault();
}
