using SpaceTestBench.Facility.Leasing;
using SpaceTestBench.Facility.Tests.Support;

namespace SpaceTestBench.Facility.Tests.Leasing;

[TestFixture]
public sealed class StationFenceTests
{
    [Test]
    public async Task A_holder_whose_lease_expired_cannot_drive_the_station_one_thousand_stale_commands_none_executed()
    {
        await using var world = await FacilityWorld.CreateAsync();
        const string station = "fenced";
        await world.RegisterHealthyStationAsync(station);
        var ttl = TimeSpan.FromSeconds(20);
        using var fence = new StationFence(async (fencing, ct) => (await world.Leases.CurrentAsync(station, ct))?.Fencing == fencing);
        var executed = new List<long>();
        async Task<bool> Command(long fencing)
        {
            if (!await fence.PermitsAsync(fencing, CancellationToken.None))
            {
                return false;
            }

            executed.Add(fencing);
            return true;
        }

        var stale = (await world.Leases.TryAcquireAsync(station, world.Acme.Tenant, "ada", LeasePurpose.Reservation, ttl, null, null, CancellationToken.None))!;
        Assert.That(await Command(stale.Fencing), Is.True, "the live lease's command must execute");

        // The holder stops beating (paused, partitioned); its lease expires and a health check takes the station.
        world.Clock.Advance(ttl + TimeSpan.FromSeconds(1));
        await world.Leases.ExpireAsync(CancellationToken.None);
        var check = (await world.Leases.TryAcquireAsync(station, world.Operator.Tenant, "health-check", LeasePurpose.HealthCheck, ttl, null, null, CancellationToken.None))!;
        Assert.That(await Command(check.Fencing), Is.True);

        executed.Clear();
        var refused = 0;
        for (var i = 0; i < 1000; i++)
        {
            refused += await Command(stale.Fencing) ? 0 : 1;
        }

        Assert.That((refused, executed.Count), Is.EqualTo((1000, 0)));
        Assert.That(fence.Refused, Is.EqualTo(1000));
        Assert.That(await Command(check.Fencing), Is.True, "the current lease still drives the station");
    }

    [Test]
    public async Task A_number_the_lease_table_does_not_confirm_is_refused_and_a_revoked_one_stays_refused()
    {
        long live = 7;
        using var fence = new StationFence((fencing, _) => Task.FromResult(fencing == live));
        Assert.That(await fence.PermitsAsync(8, CancellationToken.None), Is.False, "a number no lease holds");
        Assert.That(await fence.PermitsAsync(7, CancellationToken.None), Is.True);
        fence.Revoke(7);
        Assert.That(await fence.PermitsAsync(7, CancellationToken.None), Is.False, "a revoked lease's number");
        live = 9;
        Assert.That(await fence.PermitsAsync(9, CancellationToken.None), Is.True);
        Assert.That(await fence.PermitsAsync(7, CancellationToken.None), Is.False);
    }
}
