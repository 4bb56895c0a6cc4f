using SpaceTestBench.Instruments;
using SpaceTestBench.Simulation.Dut;
using SpaceTestBench.Simulation.Tests.Support;

namespace SpaceTestBench.Simulation.Tests.Drivers;

/// <summary>Every model has a simulator and a driver, and the driver opens on its simulator by resource string.</summary>
public sealed class CatalogTests
{
    private static IEnumerable<string> Models => SimulatorCatalog.Models.Order(StringComparer.Ordinal);

    [Test]
    public void Every_driver_has_a_simulator_and_every_simulator_a_driver()
    {
        Assert.That(Models, Is.EquivalentTo(InstrumentDrivers.All.Select(d => d.Model)));
        Assert.That(Models.Count(), Is.EqualTo(12));
    }

    [TestCaseSource(nameof(Models))]
    public async Task The_driver_opens_on_its_simulator_which_identifies_with_its_serial_number(string model)
    {
        await using var rig = Rig.Create(TestDuts.Plain);
        var context = new SimulatorContext(rig.Facility, "SN-4242", 3, [new SimulatorWiring("role", 1, model.Contains("2450", StringComparison.Ordinal) ? "io" : "core")]);
        Assert.That(SimulatorCatalog.TryCreate(model, context, out var simulator), Is.True);
        InstrumentDrivers.TryGet(model, out var driver);

        var (instrument, _) = await rig.OpenAsync(simulator, driver.Create);
        await instrument.SafeStateAsync();

        Assert.That(instrument.Identity, Is.Not.Null);
        if (model != "ESPEC P300")
        {
            Assert.That(instrument.Identity!.SerialNumber, Is.EqualTo("SN-4242"));
        }
    }

    [Test]
    public void An_unknown_model_has_no_simulator()
    {
        var facility = new SimulatedFacility(TimeProvider.System, TestDuts.Plain, 1);

        Assert.That(SimulatorCatalog.TryCreate("Acme PSU-9000", new SimulatorContext(facility, "x", 1, []), out _), Is.False);
    }

    [Test]
    public void Two_supplies_on_one_rail_are_refused()
    {
        var facility = new SimulatedFacility(TimeProvider.System, TestDuts.Plain, 1);
        SimulatorCatalog.TryCreate("Keysight E36312A", new SimulatorContext(facility, "a", 1, [new SimulatorWiring("DUT supply", 1, "core")]), out _);

        var error = Assert.Throws<ArgumentException>(() =>
            SimulatorCatalog.TryCreate("Keithley 2450", new SimulatorContext(facility, "b", 2, [new SimulatorWiring("latch-up monitor", 1, "core")]), out _));

        Assert.That(error!.Message, Does.Contain("'core' is already powered"));
    }

    [Test]
    public void Two_chambers_cannot_both_hold_the_DUT()
    {
        var facility = new SimulatedFacility(TimeProvider.System, new SimulatedDut("x", new Dictionary<string, CmosSupplyLoad>()), 1);
        SimulatorCatalog.TryCreate("Watlow F4T", new SimulatorContext(facility, "a", 1, [new SimulatorWiring("thermal chamber", null, null)]), out _);

        Assert.Throws<InvalidOperationException>(() =>
            SimulatorCatalog.TryCreate("ESPEC P300", new SimulatorContext(facility, "b", 2, [new SimulatorWiring("thermal chamber", null, null)]), out _));
    }
}
