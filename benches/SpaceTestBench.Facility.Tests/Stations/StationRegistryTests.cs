using SpaceTestBench.Facility.Stations;
using SpaceTestBench.Facility.Tests.Support;

namespace SpaceTestBench.Facility.Tests.Stations;

[TestFixture]
public sealed class StationRegistryTests
{
    [Test]
    public async Task A_bench_file_registers_its_roles_instruments_serials_and_calibration_due_dates()
    {
        await using var world = await FacilityWorld.CreateAsync();
        await world.Stations.RegisterAsync("reg", FacilityWorld.SimulatedBench, "silo-a", CancellationToken.None);

        var station = (await world.Stations.FindAsync("reg", CancellationToken.None))!;
        Assert.That((station.State, station.Health, station.HostSilo), Is.EqualTo((StationState.Available, StationHealth.Unknown, "silo-a")));
        Assert.That(station.Roles, Does.Contain("DUT supply").And.Contain("particle beam"));
        var psu = (await world.Stations.InstrumentsAsync("reg", CancellationToken.None)).Single(i => i.Id == "reg/psu1");
        Assert.That((psu.Model, psu.Serial, psu.CalibrationDue, psu.InService), Is.EqualTo(("Keysight E36312A", "MY61000101", (DateOnly?)new DateOnly(2028, 11, 30), true)));
        Assert.That(psu.Roles, Is.EqualTo(new[] { "DUT supply" }));
    }

    [Test]
    public async Task A_station_still_served_by_another_live_host_is_refused_and_a_dead_hosts_station_is_taken_over()
    {
        await using var world = await FacilityWorld.CreateAsync();
        await world.Stations.RegisterAsync("dup", FacilityWorld.SimulatedBench, "silo-a", CancellationToken.None);

        var refused = Assert.ThrowsAsync<InvalidOperationException>(() =>
            world.Stations.RegisterAsync("dup", FacilityWorld.SimulatedBench, "silo-b", CancellationToken.None, host => host == "silo-a"));
        Assert.That(refused!.Message, Does.Contain("already served by the live station host silo-a").And.Contain("--bench ID="));
        Assert.That((await world.Stations.FindAsync("dup", CancellationToken.None))!.HostSilo, Is.EqualTo("silo-a"));

        await world.Stations.RegisterAsync("dup", FacilityWorld.SimulatedBench, "silo-b", CancellationToken.None, _ => false);
        Assert.That((await world.Stations.FindAsync("dup", CancellationToken.None))!.HostSilo, Is.EqualTo("silo-b"));
    }
}
