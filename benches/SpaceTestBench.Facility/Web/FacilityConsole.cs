using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using HttpResults = Microsoft.AspNetCore.Http.Results;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SpaceTestBench.Facility.Api;
using SpaceTestBench.Facility.Hosting;
using SpaceTestBench.Facility.SignOff;
using SpaceTestBench.Facility.Web.Pages;

namespace SpaceTestBench.Facility.Web;

/// <summary>
/// The facility's web console under <c>/console</c>: server-rendered pages (no build step, no external URL: the
/// stylesheet and script ship inside this assembly), a session cookie, and live parts fed by server-sent events or
/// small HTML fragments the page fetches again.
/// </summary>
public static class FacilityConsole
{
    /// <summary>The console's services.</summary>
    public static IServiceCollection AddFacilityConsole(this IServiceCollection services, ConsoleOptions options, FacilityServices facility)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(options);
        services.AddSingleton(new ReportSignOff(facility, options.SignedReports));
        services.AddConsoleSession();
        return services;
    }

    /// <summary>Maps the console and the report endpoints of the API.</summary>
    public static WebApplication MapFacilityConsole(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGroup("/api/v1").AddEndpointFilter(BearerAuthentication.Filter).MapReports();

        app.MapGet("/", () => HttpResults.Redirect("/console/stations")).ExcludeFromDescription();
        app.MapGet("/console", () => HttpResults.Redirect("/console/stations")).ExcludeFromDescription();
        app.MapGet("/console/assets/{name}", Asset).ExcludeFromDescription();
        SignInPage.Map(app);

        var console = app.MapGroup("/console").AddEndpointFilter(ConsoleSession.Filter).ExcludeFromDescription();
        console.MapGroup("/api").MapReports();
        StationBoard.Map(console);
        SubmitPage.Map(console);
        CampaignPages.Map(console);
        ReportPages.Map(console);
        OperatorPages.Map(console);
        return app;
    }

    private static IResult Asset(string name)
    {
        var type = Path.GetExtension(name) switch
        {
            ".css" => "text/css; charset=utf-8",
            ".js" => "text/javascript; charset=utf-8",
            _ => null,
        };
        var stream = type is null ? null : Assembly.GetExecutingAssembly().GetManifestResourceStream("SpaceTestBench.Facility.Web.Assets." + name);
        return stream is null ? HttpResults.NotFound() : HttpResults.Stream(stream, type);
    }
}
