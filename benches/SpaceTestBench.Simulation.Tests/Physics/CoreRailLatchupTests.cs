using SpaceTestBench.Instruments.Facility;
using SpaceTestBench.Instruments.Keithley;
using SpaceTestBench.Instruments.Roles;
using SpaceTestBench.Simulation.Dut;
using SpaceTestBench.Simulation.Instruments;
using SpaceTestBench.Simulation.Tests.Support;

namespace SpaceTestBench.Simulation.Tests.Physics;

/// <summary>
/// Every rail with a latch path latches on its own: a part whose core-rail thyristor triggers at a lower LET than its
/// I/O rail's latches on the core, the extra (V − V_hold)/R_latch shows on the core rail's supply, not on the I/O
/// rail's source-measure unit, and the truth counts it as the core rail's.
/// </summary>
public sealed class CoreRailLatchupTests
{
    private const double PerSquareCentimetre = 1e4;

    // The core path triggers from 10 MeV·cm²/mg; the I/O path not below 1000 (immune to any ion the beam has).
    private static readonly LatchupSpec Core = new(
        "core", TestDuts.Weibull(1e-4, 10, 10, 1), ReferenceKelvin: 298.15, ReferenceVolts: 1.8, ThresholdTemperatureScaleKelvin: 50,
        ThresholdVoltageExponent: 2, HoldingVolts: 1.2, HoldingAmperes: 0.03, LatchResistanceOhms: 6, BurnoutSeconds: null);

    private static readonly LatchupSpec Io = Core with { Rail = "io", HeavyIon = TestDuts.Weibull(1e-4, 1000, 10, 1), ReferenceVolts = 3.3, HoldingVolts = 1.5 };

    [Test]
    public async Task A_core_rail_latch_draws_on_the_core_supply_and_leaves_the_io_rail_as_it_was()
    {
        var spec = new SingleEventSpec(0, null, null, 1, null, Io) { Latchups = [Io, Core] };
        await using var rig = Rig.Create(TestDuts.Plain with { SingleEvents = spec }, seed: 21);
        var dut = await PoweredDut.StartAsync(rig, wireIo: false);
        var smuSimulator = new Keithley2450Simulator(rig.Facility, "2450-T", seed: 8);
        rig.Facility.AttachSupply(smuSimulator.Channel, "io");
        var (smu, _) = await rig.OpenAsync(smuSimulator, s => new Keithley2450(s));
        var (beam, _) = await rig.OpenAsync(new FacilityBeamAdapterSimulator(rig.Facility, "HIF-T", irradiatesDut: true), s => new FacilityBeamAdapter(s));
        await smu.SetCurrentLimitAsync(0.3);
        await smu.SetVoltageAsync(3.3);
        await smu.SetOutputAsync(true);
        await dut.Supply.SetCurrentLimitAsync(1, 1.0);
        await dut.Supply.SetVoltageAsync(1, 1.8);
        await dut.Supply.SetOutputAsync(1, true);
        rig.AdvanceSeconds(3);
        var coreBefore = await dut.Supply.MeasureCurrentAsync(1);
        var ioBefore = await smu.MeasureCurrentAsync();

        await beam.SelectSpeciesAsync("XE");
        await beam.SetFluxAsync(1e5 * PerSquareCentimetre);
        await beam.SetShutterOpenAsync(true);
        rig.AdvanceSeconds(1);
        await beam.SetShutterOpenAsync(false);
        var truth = rig.Facility.Observe();
        var coreLatched = await dut.Supply.MeasureCurrentAsync(1);
        var ioLatched = await smu.MeasureCurrentAsync();

        Assert.That(truth.LatchupsByRail["core"], Is.EqualTo(1), "one latch: the latched path cannot latch again until power is removed");
        Assert.That(truth.LatchupsByRail["io"], Is.Zero);
        Assert.That(truth.LatchedRails, Is.EqualTo(new[] { "core" }));
        Assert.That(coreLatched - coreBefore, Is.EqualTo((1.8 - 1.2) / 6).Within(2e-3), "the core rail carries (V − V_hold)/R_latch = 100 mA more");
        Assert.That(ioLatched, Is.EqualTo(ioBefore).Within(1e-3), "the I/O rail shows nothing: watching it alone misses the latch");
        Assert.That(await smu.IsCurrentLimitTrippedAsync(), Is.False);
        Assert.That(await dut.StatusAsync(), Is.EqualTo(DutStatus.Hung), "the latch takes the device down: only a power cycle brings it back");
    }
}
