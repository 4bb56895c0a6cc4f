using SpaceTestBench.Simulation.Dut;

namespace SpaceTestBench.Simulation.Tests.Dut;

public sealed class CmosSupplyLoadTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UnixEpoch;
    private readonly CmosSupplyLoad _load = new(1.8, 0.280, 0.020, 0.250, 1.2);

    [Test]
    public void At_nominal_voltage_it_draws_dynamic_plus_leakage_current()
    {
        Assert.That(_load.CurrentAt(1.8, Now), Is.EqualTo(0.300).Within(1e-12));
    }

    [TestCase(1.71)]
    [TestCase(1.89)]
    [TestCase(1.5)]
    public void Above_reset_it_follows_I_dyn_V_over_Vnom_plus_I_leak_exp_of_dV_over_Vs(double volts)
    {
        var expected = (0.280 * volts / 1.8) + (0.020 * Math.Exp((volts - 1.8) / 0.250));

        Assert.That(_load.CurrentAt(volts, Now), Is.EqualTo(expected).Within(1e-12));
    }

    [Test]
    public void Below_the_power_on_reset_threshold_only_leakage_flows()
    {
        var current = _load.CurrentAt(0.6, Now);

        Assert.That(current, Is.EqualTo(0.020 * Math.Exp(-1.2 / 0.250) * (0.6 / 1.2)).Within(1e-12));
        Assert.That(current, Is.LessThan(0.001));
    }

    [Test]
    public void Without_supply_nothing_flows_and_current_rises_with_voltage()
    {
        Assert.That(_load.CurrentAt(0, Now), Is.Zero);
        var previous = 0.0;
        for (var v = 0.1; v <= 2.0; v += 0.1)
        {
            var current = _load.CurrentAt(v, Now);
            Assert.That(current, Is.GreaterThan(previous), $"I({v:0.0} V) must exceed I({v - 0.1:0.0} V)");
            previous = current;
        }
    }
}
