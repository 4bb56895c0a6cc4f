using SpaceTestBench.Simulation.Dut;
using SpaceTestBench.Simulation.Physics;
using SpaceTestBench.Simulation.Tests.Support;

namespace SpaceTestBench.Simulation.Tests.Dut;

/// <summary>
/// A DUT rail held at one instant (what the supply's solves evaluate) draws what the rail draws in that state, keeps that
/// state when the DUT moves on, and counts as equal to another held form only while every term is the same: the supply
/// reuses an inrush forecast made with an equal held load, so an inequality missed here would be a stale answer there.
/// </summary>
public sealed class HeldRailLoadTests
{
    private static readonly LatchupSpec IoLatchup = new(
        "io", TestDuts.Weibull(1e-4, 10, 10, 1), ReferenceKelvin: 358.15, ReferenceVolts: 3.3, ThresholdTemperatureScaleKelvin: 50,
        ThresholdVoltageExponent: 2, HoldingVolts: 1.5, HoldingAmperes: 0.03, LatchResistanceOhms: 5, BurnoutSeconds: 2);

    private static readonly double[] Volts = [-0.1, 0, 0.3, 1.2, 1.49, 1.5, 1.51, 2.5, 3.0, 3.3, 3.6];

    [Test]
    public void Every_change_of_the_DUT_state_a_rail_depends_on_makes_a_held_rail_unequal_and_the_old_one_keeps_what_it_held()
    {
        var dut = new DutModel(
            TestDuts.Plain with
            {
                SingleEvents = new SingleEventSpec(0, null, null, 1, null, IoLatchup),
                Thermal = new DutThermalSpec(60, 600, 8, 2, 10, 358.15, 398.15),
                Protections = new Dictionary<string, OverCurrentProtectionSpec>
                {
                    ["io"] = new(TripAmperes: 2, ResponseSeconds: 1e-3, ProtectionRecovery.Latch) { LimitAmperes = 1.5 },
                },
            },
            seed: 3);
        var first = dut.HoldRail("io", TestDuts.Io);
        var drawn = Volts.Select(v => first.CurrentAt(v, DateTimeOffset.UnixEpoch)).ToArray();
        var states = new List<(string Change, HeldRailLoad Held)> { ("as mounted", first) };

        Assert.That(dut.HoldRail("io", TestDuts.Io), Is.EqualTo(first), "held twice in one state");

        dut.Advance(30, 0, new double[(int)DutModel.Process.Latchup + 1], Exposure.None, environmentKelvin: 358.15, vacuum: false);
        states.Add(("warmer", dut.HoldRail("io", TestDuts.Io)));
        dut.ApplyOverload("io", 20);
        states.Add(("a fault load across it", dut.HoldRail("io", TestDuts.Io)));
        dut.ApplyOverload("io", 10);
        states.Add(("a heavier fault load", dut.HoldRail("io", TestDuts.Io)));
        dut.Apply(DutModel.Process.Latchup, 31);
        states.Add(("latched", dut.HoldRail("io", TestDuts.Io)));
        dut.RemoveOverloads();
        states.Add(("latched, fault removed", dut.HoldRail("io", TestDuts.Io)));

        for (var i = 0; i < states.Count; i++)
        {
            for (var j = i + 1; j < states.Count; j++)
            {
                Assert.That(states[j].Held, Is.Not.EqualTo(states[i].Held), $"'{states[j].Change}' against '{states[i].Change}'");
            }
        }

        Assert.That(Volts.Select(v => first.CurrentAt(v, DateTimeOffset.UnixEpoch)), Is.EqualTo(drawn), "the first held form still draws what the mounted DUT drew");
        Assert.That(dut.HoldRail("core", TestDuts.Core), Is.EqualTo(dut.HoldRail("core", TestDuts.Core)));
        Assert.That(dut.HoldRail("core", TestDuts.Core), Is.Not.EqualTo(states[^1].Held), "another rail");
    }

    [Test]
    public void A_held_rail_draws_the_terms_of_the_rail_current_at_every_voltage()
    {
        var dut = new DutModel(TestDuts.Plain with { SingleEvents = new SingleEventSpec(0, null, null, 1, null, IoLatchup) }, seed: 3);
        dut.ApplyOverload("io", 20);
        dut.Apply(DutModel.Process.Latchup, 0);
        var held = dut.HoldRail("io", TestDuts.Io);

        foreach (var v in Volts)
        {
            // No thermal spec: the leakage is at its reference temperature (factor 1); latched path (V − 1.5 V)/5 Ω above its holding voltage; 20 Ω fault.
            var expected = v <= 0 ? 0 : TestDuts.Io.CurrentAt(v, DateTimeOffset.UnixEpoch) + (v > 1.5 ? (v - 1.5) / 5 : 0) + (v / 20);
            Assert.That(held.CurrentAt(v, DateTimeOffset.UnixEpoch), Is.EqualTo(expected).Within(1e-12), $"{v} V");
        }
    }

    [Test]
    public void The_leakage_temperature_factor_kept_between_calls_is_the_formula_at_every_junction_temperature_of_a_sweep()
    {
        var thermal = new DutThermalSpec(60, 600, 8, 2, 10, 358.15, 398.15);
        var dut = new DutModel(TestDuts.Plain with { Thermal = thermal }, seed: 3);
        var rates = new double[(int)DutModel.Process.Latchup];

        // Warming, cooling, and back to a temperature seen before: each factor asked twice, as a settle asks it.
        foreach (var (environment, seconds) in new[] { (358.15, 30.0), (358.15, 0.0), (233.15, 45.0), (398.15, 1.0), (233.15, 0.0), (296.15, 600.0) })
        {
            dut.Advance(seconds, 0, rates, Exposure.None, environment, vacuum: false);
            var expected = Math.Pow(2, (dut.JunctionKelvin - thermal.LeakageReferenceKelvin) / thermal.LeakageDoublingKelvin);
            Assert.That(dut.LeakageTemperatureFactor, Is.EqualTo(expected), $"at {dut.JunctionKelvin} K");
            Assert.That(dut.LeakageTemperatureFactor, Is.EqualTo(expected), $"asked again at {dut.JunctionKelvin} K");
        }
    }
}
