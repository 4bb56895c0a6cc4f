using SpaceTestBench.Instruments.Facility;
using SpaceTestBench.Instruments.Roles;
using SpaceTestBench.Instruments.Watlow;
using SpaceTestBench.Simulation.Dut;
using SpaceTestBench.Simulation.Instruments;
using SpaceTestBench.Simulation.Tests.Support;

namespace SpaceTestBench.Simulation.Tests.Physics;

/// <summary>
/// Leakage doubles every few kelvin and heats the die that leaks: with a high enough thermal resistance and hot enough
/// air there is no temperature at which the heat carried away matches the heat dissipated, and the junction runs away.
/// A real part does not reach infinity: it is destroyed on the way. The model burns it out when its junction passes its
/// maximum junction temperature in a runaway (the loop gain θ·dP/dT at or above 1 and the die still heating, so it
/// cannot settle below), and the destroyed die then draws what it drew at that moment: every reading stays a number.
/// </summary>
public sealed class ThermalRunawayTests
{
    private const double ZeroCelsius = 273.15;

    private static readonly TotalDoseSpec Dose = TestDuts.LotDose;

    private static readonly Dictionary<string, double> MaximumRated = TestDuts.MaximumRated;

    /// <summary>
    /// The case seen: a part with θ_ca = 8 K/W held biased on the irradiation board through a hot anneal at 100 °C
    /// (its rails held by the board, nothing limiting its current). At 100 °C its leakage is some 40 times the room's
    /// and each watt more heats it 8 K more: it runs away. It used to turn the sample's temperature, power and every
    /// reading of it into NaN; now the sample is burnt out with its junction past its maximum, and on the test station
    /// it fails its functional test, and its current and temperature read as numbers.
    /// </summary>
    [Test]
    public async Task A_sample_that_runs_away_in_a_hot_anneal_burns_out_and_every_reading_of_it_stays_a_number()
    {
        var thermal = new DutThermalSpec(240, 2100, CaseToAmbientKelvinPerWatt: 8, JunctionToCaseKelvinPerWatt: 1.2, LeakageDoublingKelvin: 14, LeakageReferenceKelvin: 298.15, MaximumJunctionKelvin: ZeroCelsius + 150);
        await using var rig = Rig.Create(TestDuts.Plain with { TotalDose = Dose, Thermal = thermal });
        var dut = await PoweredDut.StartAsync(rig);
        var (chamber, _) = await rig.OpenAsync(new WatlowF4TSimulator(rig.Facility, "F4T-T", seed: 6, hostsDut: true), s => new WatlowF4T(s));
        var biased = rig.Facility.MountFreshSample(keepLot: true);
        rig.Facility.PlaceInLot(MaximumRated, inField: true);
        var control = rig.Facility.MountFreshSample(keepLot: true);
        rig.Facility.PlaceInLot(new Dictionary<string, double>(), inField: false);

        await chamber.SetSetpointAsync(ZeroCelsius + 24);
        rig.AdvanceHours(2);
        var atRoom = rig.Facility.CaptureState();
        Assert.That(atRoom, Does.Not.Contain("NaN"), "at 24 °C the biased sample settles");

        await chamber.SetSetpointAsync(ZeroCelsius + 100);
        rig.AdvanceHours(24);

        var world = rig.Facility.CaptureState();
        Assert.That(world, Does.Not.Contain("NaN"), "no runaway reaches a number the model cannot hold");
        rig.Facility.SelectFromLot(biased);
        var burnt = rig.Facility.Observe();
        Assert.Multiple(() =>
        {
            Assert.That(burnt.BurntOut, Is.True, "the runaway destroyed the biased sample");
            Assert.That(double.IsFinite(burnt.CaseKelvin) && double.IsFinite(burnt.JunctionKelvin) && double.IsFinite(burnt.PowerWatts), Is.True, $"case {burnt.CaseKelvin} K, junction {burnt.JunctionKelvin} K, {burnt.PowerWatts} W");
            Assert.That(burnt.JunctionKelvin, Is.GreaterThan(thermal.MaximumJunctionKelvin), "it burnt out past its maximum junction temperature");
        });

        await chamber.SetSetpointAsync(ZeroCelsius + 24);
        rig.AdvanceHours(2);
        await dut.PowerOnAsync(1.8, 3.3);
        var current = await dut.Supply.MeasureCurrentAsync(1);
        var volts = await dut.Supply.MeasureVoltageAsync(1);
        var caseTemperature = await chamber.MeasureDutTemperatureAsync();
        var test = await dut.Agent.RunFunctionalTestAsync();
        Assert.Multiple(() =>
        {
            // Its leakage is what it was at some 150 °C, some 500 times the room's: on the station's 1 A limit it holds
            // the core rail down, so the part does not even come out of reset.
            Assert.That(double.IsFinite(current) && current > 0, Is.True, $"the destroyed die still draws a current, a number: {current} A");
            Assert.That(volts, Is.LessThan(1.8), "the destroyed die loads the core supply into its current limit");
            Assert.That(double.IsFinite(caseTemperature), Is.True, $"case {caseTemperature} K");
            Assert.That(test.Code, Is.AnyOf(DutModel.FailedError, DutModel.NotPoweredError), "a burnt-out part fails its functional test");
        });
        await dut.PowerOffAsync();

        rig.Facility.SelectFromLot(control);
        Assert.That(rig.Facility.Observe().BurntOut, Is.False, "the control sat beside the cell at room temperature");
    }

    /// <summary>
    /// Above its maximum junction temperature without a runaway (hot air, a stable equilibrium: the loop gain below 1),
    /// a part is over its rating — the bench's interlock and monitor judge that — but the model does not destroy it.
    /// </summary>
    [Test]
    public async Task A_part_that_settles_above_its_maximum_junction_temperature_is_not_burnt_out()
    {
        var thermal = new DutThermalSpec(240, 2100, CaseToAmbientKelvinPerWatt: 0, JunctionToCaseKelvinPerWatt: 1.2, LeakageDoublingKelvin: 14, LeakageReferenceKelvin: 298.15, MaximumJunctionKelvin: ZeroCelsius + 105);
        await using var rig = Rig.Create(TestDuts.Plain with { Thermal = thermal });
        var dut = await PoweredDut.StartAsync(rig);
        var (chamber, _) = await rig.OpenAsync(new WatlowF4TSimulator(rig.Facility, "F4T-T", seed: 6, hostsDut: true), s => new WatlowF4T(s));
        await chamber.SetSetpointAsync(ZeroCelsius + 110);
        await dut.PowerOnAsync();
        rig.AdvanceHours(3);

        var hot = rig.Facility.Observe();
        Assert.That(hot.JunctionKelvin, Is.GreaterThan(thermal.MaximumJunctionKelvin), "above its rating");
        Assert.That(hot.BurntOut, Is.False);
        Assert.That(await dut.StatusAsync(), Is.Not.EqualTo(DutStatus.Failed));
    }
}
