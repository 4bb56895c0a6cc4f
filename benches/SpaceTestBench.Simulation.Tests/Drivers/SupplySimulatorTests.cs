using SpaceTestBench.Instruments.Keithley;
using SpaceTestBench.Instruments.Keysight;
using SpaceTestBench.Instruments.Roles;
using SpaceTestBench.Instruments.RohdeSchwarz;
using SpaceTestBench.Simulation.Dut;
using SpaceTestBench.Simulation.Instruments;
using SpaceTestBench.Simulation.Tests.Support;
using SpaceTestBench.Visa.Scpi;

namespace SpaceTestBench.Simulation.Tests.Drivers;

/// <summary>The supply and SMU drivers against their simulators: output state, protection trips, the instruments' own errors.</summary>
public sealed class SupplySimulatorTests
{
    private static readonly CmosSupplyLoad Load = new(1.8, 0.280, 0.020, 0.250, 1.2);
    private Rig _rig = null!;

    [SetUp]
    public void Create() => _rig = Rig.Create(TestDuts.Plain);

    [TearDown]
    public async Task Close() => await _rig.DisposeAsync();

    [Test]
    public async Task E36312A_over_current_protection_trips_the_output_after_its_delay_in_current_limit()
    {
        var simulator = new KeysightE36312ASimulator(_rig.Facility, "MY-T", 2);
        _rig.Facility.AttachSupply(simulator.Channels[0], "core");
        var (supply, _) = await _rig.OpenAsync(simulator, s => new KeysightE36312A(s));
        await supply.SetVoltageAsync(1, 1.8);
        await supply.SetCurrentLimitAsync(1, 0.2); // the DUT wants 0.3 A
        await supply.SetOverCurrentProtectionAsync(1, true);
        await supply.SetOutputAsync(1, true);
        _rig.AdvanceSeconds(0.04);
        var before = await supply.IsOutputOnAsync(1);
        _rig.AdvanceSeconds(0.02);

        Assert.That(before, Is.True, "still within the 50 ms OCP delay");
        Assert.That(await supply.IsOutputOnAsync(1), Is.False);
        Assert.That(await supply.GetTrippedProtectionAsync(1), Is.EqualTo(SupplyProtection.OverCurrent));
        var refused = Assert.ThrowsAsync<ScpiInstrumentException>(() => supply.SetOutputAsync(1, true));
        Assert.That(refused!.Code, Is.EqualTo(-221), "a tripped output stays off until the protection is cleared");
        await supply.ClearProtectionAsync(1);
        await supply.SetCurrentLimitAsync(1, 1);
        await supply.SetOutputAsync(1, true);
        Assert.That(await supply.MeasureCurrentAsync(1), Is.EqualTo(0.3).Within(0.002));
    }

    [Test]
    public async Task E36312A_over_voltage_protection_trips_when_the_output_would_exceed_it()
    {
        var simulator = new KeysightE36312ASimulator(_rig.Facility, "MY-T", 2);
        _rig.Facility.AttachSupply(simulator.Channels[0], "core");
        var (supply, _) = await _rig.OpenAsync(simulator, s => new KeysightE36312A(s));
        await supply.SetOverVoltageProtectionAsync(1, 1.98);
        await supply.SetVoltageAsync(1, 1.8);
        await supply.SetOutputAsync(1, true);
        await supply.SetVoltageAsync(1, 2.2);

        Assert.That(await supply.GetTrippedProtectionAsync(1), Is.EqualTo(SupplyProtection.OverVoltage));
        Assert.That(await supply.MeasureVoltageAsync(1), Is.EqualTo(0).Within(0.001));
    }

    [Test]
    public async Task NGP804_delivers_only_with_the_channel_selected_and_the_master_switch_on()
    {
        var simulator = new RohdeSchwarzNgp804Simulator(_rig.Facility, "101234", 2);
        _rig.Facility.AttachSupply(simulator.Channels[1], "core");
        var (supply, _) = await _rig.OpenAsync(simulator, s => new RohdeSchwarzNgp804(s));
        await supply.SetVoltageAsync(2, 1.8);
        await supply.SetCurrentLimitAsync(2, 1);
        await supply.SetOutputAsync(2, true);
        var current = await supply.MeasureCurrentAsync(2);
        await supply.SafeStateAsync();

        Assert.That(current, Is.EqualTo(Load.CurrentAt(1.8, default)).Within(0.002));
        Assert.That(await supply.IsOutputOnAsync(2), Is.False, "the master switch is off");
        Assert.That(await supply.MeasureCurrentAsync(3), Is.EqualTo(0).Within(0.002), "an unwired channel");
    }

    [Test]
    public async Task NGP804_electronic_fuse_trips_a_channel_in_current_limit()
    {
        var simulator = new RohdeSchwarzNgp804Simulator(_rig.Facility, "101234", 2);
        _rig.Facility.AttachSupply(simulator.Channels[0], "core");
        var (supply, _) = await _rig.OpenAsync(simulator, s => new RohdeSchwarzNgp804(s));
        await supply.SetVoltageAsync(1, 1.8);
        await supply.SetCurrentLimitAsync(1, 0.1);
        await supply.SetOverCurrentProtectionAsync(1, true);
        await supply.SetOutputAsync(1, true);

        Assert.That(await supply.GetTrippedProtectionAsync(1), Is.EqualTo(SupplyProtection.OverCurrent));
        Assert.That(await supply.IsOutputOnAsync(1), Is.False);
    }

    [Test]
    public void NGP804_refuses_33_volts_with_222()
    {
        Assert.ThrowsAsync<ScpiInstrumentException>(async () =>
        {
            var (supply, _) = await _rig.OpenAsync(new RohdeSchwarzNgp804Simulator(_rig.Facility, "101234", 2), s => new RohdeSchwarzNgp804(s));
            await supply.SetVoltageAsync(1, 33);
        });
    }

    [Test]
    public async Task Keithley_2450_refuses_a_level_outside_its_operating_boxes_with_221()
    {
        var simulator = new Keithley2450Simulator(_rig.Facility, "0449", 3);
        _rig.Facility.AttachSupply(simulator.Channel, "io");
        var (smu, _) = await _rig.OpenAsync(simulator, s => new Keithley2450(s));
        await smu.SetCurrentLimitAsync(0.5);

        var error = Assert.ThrowsAsync<ScpiInstrumentException>(() => smu.SetVoltageAsync(30));
        await smu.SetVoltageAsync(3.3);
        await smu.SetOutputAsync(true);

        Assert.That(error!.Code, Is.EqualTo(-221), "above 21 V the limit is at most 105 mA");
        Assert.That(await smu.MeasureCurrentAsync(), Is.EqualTo(TestDuts.Io.CurrentAt(3.3, default)).Within(1e-4));
        Assert.That(await smu.IsCurrentLimitTrippedAsync(), Is.False);
    }
}
