using SpaceTestBench.Simulation.Dut;
using SpaceTestBench.Simulation.Instruments;

namespace SpaceTestBench.Simulation.Tests.Instruments;

public sealed class SimulatedSupplyChannelTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UnixEpoch;
    private static readonly CmosSupplyLoad Load = new(1.8, 0.280, 0.020, 0.250, 1.2);

    [Test]
    public void With_the_output_off_there_is_neither_voltage_nor_current()
    {
        var channel = new SimulatedSupplyChannel(6, 5) { Load = Load, VoltageSetting = 1.8 };

        Assert.That(channel.OperatingPoint(Now), Is.EqualTo((0.0, 0.0, false)));
    }

    [Test]
    public void Below_the_current_limit_it_holds_the_programmed_voltage()
    {
        var channel = new SimulatedSupplyChannel(6, 5) { Load = Load, VoltageSetting = 1.8, CurrentLimit = 1, OutputOn = true };

        var (volts, amperes, cc) = channel.OperatingPoint(Now);

        Assert.That(volts, Is.EqualTo(1.8));
        Assert.That(amperes, Is.EqualTo(Load.CurrentAt(1.8, Now)));
        Assert.That(cc, Is.False);
    }

    [Test]
    public void Above_the_current_limit_it_regulates_current_and_the_voltage_falls_to_where_the_load_draws_the_limit()
    {
        var channel = new SimulatedSupplyChannel(6, 5) { Load = Load, VoltageSetting = 1.8, CurrentLimit = 0.2, OutputOn = true };

        var (volts, amperes, cc) = channel.OperatingPoint(Now);

        Assert.That(cc, Is.True);
        Assert.That(amperes, Is.EqualTo(0.2));
        Assert.That(volts, Is.LessThan(1.8));
        Assert.That(Load.CurrentAt(volts, Now), Is.EqualTo(0.2).Within(1e-9));
    }
}
