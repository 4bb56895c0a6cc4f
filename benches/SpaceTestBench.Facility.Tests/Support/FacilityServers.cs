using Microsoft.Extensions.Time.Testing;
using SpaceTestBench.Facility.Store;
using SpaceTestBench.Facility.Tests.Support;

namespace SpaceTestBench.Facility.Tests;

/// <summary>
/// One PostgreSQL server for the whole test assembly (starting one takes seconds); each fixture gets its own
/// database. In the root namespace so that it is set up before every fixture of the assembly.
/// </summary>
[SetUpFixture]
public sealed class FacilityServers
{
    private static PostgresServer? postgres;
    private static string? unavailable;

    internal static PostgresServer Postgres =>
        postgres ?? throw new InvalidOperationException(unavailable ?? "PostgreSQL did not start; see the set-up fixture's failure.");

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        unavailable = PostgresServer.Unavailable();
        if (unavailable is null)
        {
            postgres = await PostgresServer.StartAsync();
        }
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (postgres is not null)
        {
            await postgres.DisposeAsync();
        }
    }

    /// <summary>A migrated database of its own, on a fake clock; ignores the test with the install line when PostgreSQL is missing.</summary>
    internal static async Task<(FacilityDatabase Database, string OwnerConnectionString, FakeTimeProvider Clock)> NewDatabaseAsync()
    {
        if (unavailable is not null)
        {
            Assert.Ignore(unavailable);
        }

        var owner = await Postgres.CreateDatabaseAsync();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));
        var database = await FacilityDatabase.OpenAsync(owner, null, null, null, clock, CancellationToken.None);
        return (database, owner, clock);
    }
}
