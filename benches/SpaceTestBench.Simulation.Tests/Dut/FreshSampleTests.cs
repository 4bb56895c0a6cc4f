using SpaceTestBench.Instruments.Facility;
using SpaceTestBench.Instruments.Roles;
using SpaceTestBench.Simulation.Instruments;
using SpaceTestBench.Simulation.Tests.Support;

namespace SpaceTestBench.Simulation.Tests.Dut;

/// <summary>A fresh sample replaces an irradiated one: same part and wiring, none of its history.</summary>
public sealed class FreshSampleTests
{
    [Test]
    public async Task A_fresh_sample_has_no_dose_no_counters_a_new_serial_and_powers_up_on_the_same_supply()
    {
        await using var rig = Rig.Create(TestDuts.Plain with { SerialNumber = "RH1-0042" }, seed: 3);
        var dut = await PoweredDut.StartAsync(rig);
        var (cell, _) = await rig.OpenAsync(new FacilityGammaAdapterSimulator(rig.Facility, "CO60-T", seed: 6, irradiatesDut: true), s => new FacilityGammaAdapter(s));
        await dut.PowerOnAsync();
        await dut.Agent.StartWorkloadAsync(DutWorkload.MemoryTest);
        await cell.SetDoseRateAsync(36_000 / 100.0 / 3600);
        await cell.SetSourceUpAsync(true);
        rig.AdvanceHours(10);
        await cell.SetSourceUpAsync(false);
        var irradiated = rig.Facility.Observe();

        var refused = Assert.Throws<InvalidOperationException>(() => rig.Facility.MountFreshSample());
        await dut.PowerOffAsync();
        var serial = rig.Facility.MountFreshSample();
        var fresh = rig.Facility.Observe();
        await dut.PowerOnAsync();
        var identity = await dut.Agent.IdentifyDutAsync();

        Assert.That(irradiated.DoseRad, Is.GreaterThan(300_000), "precondition: the first sample took 360 krad(Si)");
        Assert.That(refused!.Message, Does.Contain("powered"));
        Assert.That(serial, Is.EqualTo("RH1-0042.2"));
        Assert.That(identity.SerialNumber, Is.EqualTo("RH1-0042.2"));
        Assert.That(rig.Facility.Sample, Is.EqualTo(2));
        Assert.That((fresh.DoseRad, fresh.OxideTrappedRad, fresh.Counters.Resets, fresh.LatchupCount), Is.EqualTo((0.0, 0.0, 0L, 0L)));
        Assert.That(await dut.StatusAsync(), Is.EqualTo(DutStatus.Idle), "the new sample is on the old sample's supply outputs");
    }
}
