using Microsoft.Extensions.Time.Testing;
using SpaceTestBench.Bench.Definitions;
using SpaceTestBench.Facility.Campaigns;
using SpaceTestBench.Facility.Leasing;
using SpaceTestBench.Facility.Stations;
using SpaceTestBench.Facility.Store;
using SpaceTestBench.Facility.Tenancy;
using SpaceTestBench.Testing;

namespace SpaceTestBench.Facility.Tests.Support;

/// <summary>A migrated database with two vendor tenants, a facility tenant and stations from the simulated bench files.</summary>
internal sealed class FacilityWorld : IAsyncDisposable
{
    private FacilityWorld(FacilityDatabase database, string owner, FakeTimeProvider clock)
    {
        Database = database;
        OwnerConnectionString = owner;
        Clock = clock;
        Tenants = new TenantDirectory(database, clock);
        Stations = new StationRegistry(database, clock);
        Leases = new LeaseManager(database, clock);
        Campaigns = new CampaignQueue(database, clock);
    }

    public FacilityDatabase Database { get; }

    public string OwnerConnectionString { get; }

    public FakeTimeProvider Clock { get; }

    public TenantDirectory Tenants { get; }

    public StationRegistry Stations { get; }

    public LeaseManager Leases { get; }

    public CampaignQueue Campaigns { get; }

    public Caller Acme { get; private set; } = null!;

    public Caller Orbital { get; private set; } = null!;

    public Caller Operator { get; private set; } = null!;

    public static BenchDefinition SimulatedBench => BenchDefinitionLoader.Load(TestRepository.Path("benches/simulated.bench.json"));

    public static async Task<FacilityWorld> CreateAsync()
    {
        var (database, owner, clock) = await FacilityServers.NewDatabaseAsync();
        var world = new FacilityWorld(database, owner, clock);
        world.Acme = await world.NewUserAsync("acme", "ada", FacilityRole.VendorEngineer);
        world.Orbital = await world.NewUserAsync("orbital", "otto", FacilityRole.VendorEngineer);
        world.Operator = await world.NewUserAsync("facility", "fran", FacilityRole.FacilityOperator);
        return world;
    }

    public async Task<Caller> NewUserAsync(string tenantName, string userName, FacilityRole role)
    {
        var tenant = await Tenants.FindTenantAsync(tenantName, CancellationToken.None) ?? await Tenants.CreateTenantAsync(tenantName, 1, "test", CancellationToken.None);
        var user = await Tenants.CreateUserAsync(tenant, userName, role, "test", CancellationToken.None);
        return new Caller(user, userName, tenant, role);
    }

    /// <summary>Registers a station from the simulated bench and marks it healthy, as a passing health check would.</summary>
    public async Task RegisterHealthyStationAsync(string id)
    {
        await Stations.RegisterAsync(id, SimulatedBench, "test-silo", CancellationToken.None);
        await MarkHealthyAsync(id);
    }

    public Task MarkHealthyAsync(string id) =>
        Database.AsOperatorAsync((c, t) => new Npgsql.NpgsqlCommand($"UPDATE stations SET health = 'good' WHERE id = '{id}'", c, t).ExecuteNonQueryAsync(), CancellationToken.None);

    public ValueTask DisposeAsync() => Database.DisposeAsync();
}
