using Microsoft.AspNetCore.Http;
using HttpResults = Microsoft.AspNetCore.Http.Results;
using Microsoft.Extensions.DependencyInjection;
using SpaceTestBench.Facility.Hosting;
using SpaceTestBench.Facility.Tenancy;

namespace SpaceTestBench.Facility.Api;

/// <summary>Bearer tokens on every /api/v1 request: the caller is looked up by the token's SHA-256 and carried in the request.</summary>
internal static class BearerAuthentication
{
    private const string CallerKey = "spacebench.caller";

    public static async ValueTask<object?> Filter(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var header = http.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            return HttpResults.Problem("Send 'Authorization: Bearer TOKEN' (spacebench facility login stores one).", statusCode: StatusCodes.Status401Unauthorized);
        }

        var facility = http.RequestServices.GetRequiredService<FacilityServices>();
        var caller = await facility.Tenants.AuthenticateAsync(header["Bearer ".Length..].Trim(), http.RequestAborted);
        if (caller is null)
        {
            return HttpResults.Problem("The token is unknown, revoked or expired.", statusCode: StatusCodes.Status401Unauthorized);
        }

        http.Items[CallerKey] = caller;
        return await next(context);
    }

    public static Caller Caller(this HttpContext http) => (Caller)http.Items[CallerKey]!;

    /// <summary>Hands on a caller authenticated another way (the console's session), so the API's handlers serve it too.</summary>
    public static void SetCaller(HttpContext http, Caller caller) => http.Items[CallerKey] = caller;
}
