using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using HttpResults = Microsoft.AspNetCore.Http.Results;
using static SpaceTestBench.Facility.Web.Html;

namespace SpaceTestBench.Facility.Web.Pages;

/// <summary>Sign in (user name and one of the user's API tokens) and sign out.</summary>
internal static class SignInPage
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/console/sign-in", (HttpContext http, string? @return) => Form(http, @return, null)).ExcludeFromDescription();
        app.MapPost("/console/sign-in", async (HttpContext http) =>
        {
            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            var back = form["return"].ToString();
            try
            {
                await http.RequestServices.GetRequiredService<Microsoft.AspNetCore.Antiforgery.IAntiforgery>().ValidateRequestAsync(http);
            }
            catch (Microsoft.AspNetCore.Antiforgery.AntiforgeryValidationException)
            {
                return Form(http, back, "The form is stale: sign in again.");
            }

            var refused = await ConsoleSession.SignInAsync(http, form["user"].ToString(), form["token"].ToString());
            if (refused is not null)
            {
                return Form(http, back, refused, StatusCodes.Status401Unauthorized);
            }

            // Only a path of this console: a crafted link cannot send the user elsewhere after signing in.
            return HttpResults.Redirect(back.StartsWith("/console/", StringComparison.Ordinal) && !back.StartsWith("//", StringComparison.Ordinal) ? back : "/console/stations");
        }).ExcludeFromDescription();
        app.MapPost("/console/sign-out", async (HttpContext http) =>
        {
            await http.SignOutAsync(ConsoleSession.Scheme);
            return HttpResults.Redirect("/console/sign-in");
        }).ExcludeFromDescription();
    }

    private static IResult Form(HttpContext http, string? back, string? error, int status = 200) => Page(http, "Sign in", $"""
        {(error is null ? "" : Message(error, true))}
        <form method="post" action="/console/sign-in" class="card narrow">
          {Antiforgery(http)}
          <input type="hidden" name="return" value="{E(back)}">
          <p>Sign in with your user name and one of your access tokens (the one <code>spacebench facility login</code> stores, or the one your administrator gave you).</p>
          <label for="user">User name</label>
          <input id="user" name="user" autocomplete="username" required autofocus>
          <label for="token">Access token</label>
          <input id="token" name="token" type="password" autocomplete="current-password" required>
          <button type="submit">Sign in</button>
        </form>
        """, status: status);
}
