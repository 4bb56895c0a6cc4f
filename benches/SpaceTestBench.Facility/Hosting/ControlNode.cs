using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SpaceTestBench.Facility.Api;
using SpaceTestBench.Facility.Store;
using SpaceTestBench.Facility.Tenancy;
using SpaceTestBench.Facility.Web;

namespace SpaceTestBench.Facility.Hosting;

/// <summary>How a control node is started.</summary>
public sealed record ControlNodeOptions
{
    /// <summary>Connection string of the schema owner (migrations run as it).</summary>
    public required string Database { get; init; }

    /// <summary>Password to give the application role; null where the server trusts loopback connections.</summary>
    public string? AppPassword { get; init; }

    /// <summary>Password to give the operator role; null where the server trusts loopback connections.</summary>
    public string? OperatorPassword { get; init; }

    /// <summary>Password to give the station hosts' role; null where the server trusts loopback connections.</summary>
    public string? StationPassword { get; init; }

    /// <summary>Cluster membership and ports.</summary>
    public FacilityClusterOptions Cluster { get; init; } = new();

    /// <summary>Lease lifetimes, sweep periods.</summary>
    public FacilityTimings Timings { get; init; } = new();

    /// <summary>The facility's root folder, for the web console: its suites, bench files, uploads and signed reports.</summary>
    public string Root { get; init; } = Directory.GetCurrentDirectory();

    /// <summary>Where the HTTP API listens (loopback by default).</summary>
    public string Url { get; init; } = "http://127.0.0.1:8450";
}

/// <summary>A control node: an Orleans silo ticking the scheduler, and the HTTP API with its OpenAPI document.</summary>
public sealed class ControlNode : IAsyncDisposable
{
    private ControlNode(WebApplication app, FacilityServices facility, string? adminToken)
    {
        App = app;
        Facility = facility;
        AdminToken = adminToken;
    }

    /// <summary>The web application (silo included).</summary>
    public WebApplication App { get; }

    /// <summary>The facility's services.</summary>
    public FacilityServices Facility { get; }

    /// <summary>The first admin's token, when this start created the first admin; otherwise null.</summary>
    public string? AdminToken { get; }

    /// <summary>Migrates the database, makes sure the facility's tenant and a first admin exist, and builds the node (not started).</summary>
    public static async Task<ControlNode> CreateAsync(ControlNodeOptions options, TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var database = await FacilityDatabase.OpenAsync(options.Database, options.AppPassword, options.OperatorPassword, options.StationPassword, clock, cancellationToken);
        var facility = new FacilityServices(database, clock, options.Timings);
        var tenant = await FacilityTenant.EnsureAsync(facility.Tenants, cancellationToken);
        var adminToken = await BootstrapAdminAsync(facility, tenant, cancellationToken);
        var cluster = new Api.ClusterInfo(options.Cluster.Redis, options.Cluster.ClusterId, options.Cluster.ServiceId,
            FacilityDatabase.StationConnectionString(options.Database, options.StationPassword), (int)options.Timings.LeaseTimeToLive.TotalSeconds);

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(options.Url);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddOpenApi();
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        builder.Services.AddSingleton(facility);
        builder.Services.AddFacilityConsole(new ConsoleOptions { Root = options.Root }, facility);
        builder.UseOrleans(silo => silo.AddFacility(facility, options.Cluster).AddControlNode(tenant));
        var app = builder.Build();
        app.MapOpenApi();
        app.MapFacilityApi(cluster);
        app.MapFacilityConsole();
        return new ControlNode(app, facility, adminToken);
    }

    /// <summary>The address the API listens on, once started.</summary>
    public Uri Address => new(App.Urls.First());

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await Facility.Database.DisposeAsync();
    }

    private static async Task<string?> BootstrapAdminAsync(FacilityServices facility, FacilityTenant tenant, CancellationToken cancellationToken)
    {
        var admins = await facility.Database.AsOperatorAsync((c, t) => Sql.ScalarAsync<long>(c, t, "SELECT count(*) FROM users WHERE role = 'admin'", cancellationToken), cancellationToken);
        if (admins > 0)
        {
            return null;
        }

        var admin = await facility.Tenants.CreateUserAsync(tenant.Id, "admin", FacilityRole.Admin, "control-node", cancellationToken);
        return await facility.Tenants.IssueTokenAsync(admin, null, "control-node", cancellationToken);
    }
}
