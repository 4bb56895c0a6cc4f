using SpaceTestBench.Simulation.Dut;
using SpaceTestBench.Simulation.Instruments;

namespace SpaceTestBench.Simulation.Tests.Instruments;

/// <summary>
/// A rail with input capacitance C is charged through the supply at switch-on: the output sits in its
/// current limit while dV/dt = (I_limit − I_load(V))/C, then regulates; armed over-current protection trips
/// if that lasts longer than its delay (how a latching current limiter sees a unit's inrush).
/// </summary>
public sealed class InrushTests
{
    private static readonly DateTimeOffset Start = DateTimeOffset.UnixEpoch;

    // A resistive-like load makes the charge time closed-form: with I_load ≈ 0 below the reset threshold.
    private static readonly CmosSupplyLoad Load = new(1.8, 0.280, 0.020, 0.250, 1.2) { InputCapacitanceFarads = 1e-3 };

    [Test]
    public void At_switch_on_the_supply_charges_the_rail_at_its_current_limit_then_regulates()
    {
        var channel = new SimulatedSupplyChannel(6, 5) { Load = Load, VoltageSetting = 1.8, CurrentLimit = 1, OutputOn = true };

        var atOn = channel.OperatingPoint(Start);
        var early = channel.OperatingPoint(Start.AddMilliseconds(0.5));
        var completes = channel.ChargeCompleteAt(0.0005, Start.AddMilliseconds(0.5));
        var after = channel.OperatingPoint(Start.AddSeconds(completes + 1e-6));

        Assert.That(atOn, Is.EqualTo((0.0, 1.0, true)), "discharged at switch-on: all the current goes into the capacitance");
        Assert.That(early.InLimit, Is.True);
        Assert.That(early.Volts, Is.EqualTo(0.5).Within(0.02), "dV/dt ≈ I/C = 1 A / 1 mF = 1 V/ms while the load draws little");
        Assert.That(completes, Is.InRange(1.8e-3, 2.6e-3), "C·V/(I − I_load) with the load rising past its reset threshold");
        Assert.That(after, Is.EqualTo((1.8, Load.CurrentAt(1.8, Start), false)));
    }

    [Test]
    public void An_inrush_longer_than_the_over_current_delay_trips_the_protection_and_a_shorter_one_does_not()
    {
        var slow = new SimulatedSupplyChannel(6, 5) { Load = Load, VoltageSetting = 1.8, CurrentLimit = 1, OutputOn = true, OverCurrentProtection = true, OverCurrentDelaySeconds = 0.001 };
        var fast = new SimulatedSupplyChannel(6, 5) { Load = Load, VoltageSetting = 1.8, CurrentLimit = 1, OutputOn = true, OverCurrentProtection = true, OverCurrentDelaySeconds = 0.005 };

        foreach (var channel in new[] { slow, fast })
        {
            var due = channel.CheckProtection(0, Start);
            var next = Math.Min(due, channel.ChargeCompleteAt(0, Start));
            channel.CheckProtection(next, Start.AddSeconds(next));
        }

        Assert.That(slow.Tripped, Is.EqualTo(SupplyTrip.OverCurrent), "a ~2 ms inrush against a 1 ms trip-off");
        Assert.That(slow.OutputOn, Is.False);
        Assert.That(fast.Tripped, Is.EqualTo(SupplyTrip.None), "the 5 ms delay outlasts the inrush");
        Assert.That(fast.OperatingPoint(Start.AddMilliseconds(6)).Volts, Is.EqualTo(1.8));
    }

    [Test]
    public void A_rising_setting_recharges_from_where_the_rail_was_and_a_falling_one_follows_at_once()
    {
        var channel = new SimulatedSupplyChannel(6, 5) { Load = Load, VoltageSetting = 1.8, CurrentLimit = 1, OutputOn = true };
        channel.OperatingPoint(Start);
        channel.OperatingPoint(Start.AddSeconds(1));

        channel.VoltageSetting = 1.5;
        var fallen = channel.OperatingPoint(Start.AddSeconds(1));
        channel.VoltageSetting = 1.8;
        var rising = channel.OperatingPoint(Start.AddSeconds(1.0001));

        Assert.That(fallen, Is.EqualTo((1.5, Load.CurrentAt(1.5, Start), false)));
        Assert.That(rising.InLimit, Is.True);
        Assert.That(rising.Volts, Is.InRange(1.5, 1.8), "0.1 ms at ~0.6 A net into 1 mF: +60 mV");
    }
}
