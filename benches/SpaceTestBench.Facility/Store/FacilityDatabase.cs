using Npgsql;

namespace SpaceTestBench.Facility.Store;

/// <summary>
/// The facility's PostgreSQL database and the four roles it is reached as: the schema owner (migrations
/// only), <c>spacebench_app</c> (a tenant's requests, one tenant per transaction, bound by row-level
/// security), <c>spacebench_operator</c> (the control node's own work across tenants: scheduling, leases,
/// inventory, audit verification; also bound by row-level security, through policies that admit it) and
/// <c>spacebench_station</c> (a station host: only what a station host does; migration 004 lists it).
/// </summary>
public sealed class FacilityDatabase : IAsyncDisposable
{
    /// <summary>The role tenants' requests run as.</summary>
    public const string AppRole = "spacebench_app";

    /// <summary>The role the control node's own work runs as.</summary>
    public const string OperatorRole = "spacebench_operator";

    /// <summary>The role station hosts run as: registering their stations, beating for their leases, recording their runs.</summary>
    public const string StationRole = "spacebench_station";

    private readonly NpgsqlDataSource? owner;

    private FacilityDatabase(NpgsqlDataSource? owner, NpgsqlDataSource app, NpgsqlDataSource facility)
    {
        this.owner = owner;
        App = app;
        Operator = facility;
    }

    /// <summary>Connections as <see cref="AppRole"/>: use <see cref="InTenantAsync{T}"/>.</summary>
    public NpgsqlDataSource App { get; }

    /// <summary>Connections as <see cref="OperatorRole"/> (<see cref="StationRole"/> on a station host): use <see cref="AsOperatorAsync{T}"/>.</summary>
    public NpgsqlDataSource Operator { get; }

    /// <summary>
    /// Opens the database named by <paramref name="ownerConnectionString"/>, applies the migrations this
    /// build carries as that role, and prepares connections as the application roles (same host and
    /// database; passwords given here, or none where the server trusts loopback connections).
    /// </summary>
    public static async Task<FacilityDatabase> OpenAsync(
        string ownerConnectionString, string? appPassword, string? operatorPassword, string? stationPassword, TimeProvider clock, CancellationToken cancellationToken)
    {
        var owner = NpgsqlDataSource.Create(ownerConnectionString);
        try
        {
            await SchemaMigrator.MigrateAsync(owner, clock, cancellationToken);
            if (appPassword is not null || operatorPassword is not null || stationPassword is not null)
            {
                await using var connection = await owner.OpenConnectionAsync(cancellationToken);
                await SetPasswordAsync(connection, AppRole, appPassword, cancellationToken);
                await SetPasswordAsync(connection, OperatorRole, operatorPassword, cancellationToken);
                await SetPasswordAsync(connection, StationRole, stationPassword, cancellationToken);
            }

            return new FacilityDatabase(owner, Create(ownerConnectionString, AppRole, appPassword), Create(ownerConnectionString, OperatorRole, operatorPassword));
        }
        catch
        {
            await owner.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Connects a station host as <see cref="StationRole"/> only (it registers its stations, records runs and
    /// health checks, beats for its leases: the database refuses it anything else), without migrating: the
    /// control node owns the schema.
    /// </summary>
    public static FacilityDatabase ConnectAsStationHost(string stationConnectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(stationConnectionString);
        if (builder.Username != StationRole)
        {
            throw new ArgumentException($"A station host connects as {StationRole}, not as '{builder.Username}'.", nameof(stationConnectionString));
        }

        // The application role is never used on a station host; its source is kept so the type stays one shape.
        return new FacilityDatabase(null, Create(stationConnectionString, AppRole, null), NpgsqlDataSource.Create(stationConnectionString));
    }

    /// <summary>The connection string of <see cref="StationRole"/>, handed to station hosts.</summary>
    public static string StationConnectionString(string ownerConnectionString, string? stationPassword) =>
        new NpgsqlConnectionStringBuilder(ownerConnectionString) { Username = StationRole, Password = stationPassword }.ConnectionString;

    /// <summary>Runs <paramref name="work"/> in one transaction as <see cref="AppRole"/> with <c>app.tenant_id</c> set for it alone (<c>SET LOCAL</c>).</summary>
    public async Task<T> InTenantAsync<T>(Guid tenant, Func<NpgsqlConnection, NpgsqlTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        await using var connection = await App.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // set_config(…, true) is SET LOCAL that takes a parameter: the setting ends with the transaction,
        // so a pooled connection never carries one tenant's id into another's request.
        await Sql.ExecuteAsync(connection, transaction, "SELECT set_config('app.tenant_id', @tenant, true)", cancellationToken, ("tenant", tenant.ToString()));
        var result = await work(connection, transaction);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    /// <summary>Runs <paramref name="work"/> in one transaction as <see cref="OperatorRole"/>.</summary>
    public async Task<T> AsOperatorAsync<T>(Func<NpgsqlConnection, NpgsqlTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        await using var connection = await Operator.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var result = await work(connection, transaction);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await Operator.DisposeAsync();
        if (owner is not null)
        {
            await owner.DisposeAsync();
        }
    }

    private static NpgsqlDataSource Create(string ownerConnectionString, string role, string? password)
    {
        var builder = new NpgsqlConnectionStringBuilder(ownerConnectionString) { Username = role, Password = password };
        return NpgsqlDataSource.Create(builder.ConnectionString);
    }

    private static async Task SetPasswordAsync(NpgsqlConnection connection, string role, string? password, CancellationToken cancellationToken)
    {
        if (password is null)
        {
            return;
        }

        // ALTER ROLE takes no bind parameters: quote the literal the server's way.
        var literal = await Sql.ScalarAsync<string>(connection, null, "SELECT quote_literal(@p)", cancellationToken, ("p", password));
        await Sql.ExecuteAsync(connection, null, $"ALTER ROLE {role} PASSWORD {literal}", cancellationToken);
    }
}
