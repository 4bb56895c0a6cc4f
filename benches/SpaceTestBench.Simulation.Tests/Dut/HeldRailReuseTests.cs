using SpaceTestBench.Simulation.Dut;
using SpaceTestBench.Simulation.Instruments;
using SpaceTestBench.Simulation.Tests.Support;

namespace SpaceTestBench.Simulation.Tests.Dut;

/// <summary>
/// What the rail evaluation keeps between calls: a rail's held form handed out again while the DUT's state holds every
/// term of it, a held form's last demand, a rail's last leakage, and the DUT's last dose leakage. Each must give, after
/// any change of what it was computed from, exactly what a fresh evaluation gives: a stale answer would be a wrong
/// rail current everywhere the world reads one.
/// </summary>
public sealed class HeldRailReuseTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UnixEpoch;

    private static readonly LatchupSpec IoLatchup = new(
        "io", TestDuts.Weibull(1e-4, 10, 10, 1), ReferenceKelvin: 358.15, ReferenceVolts: 3.3, ThresholdTemperatureScaleKelvin: 50,
        ThresholdVoltageExponent: 2, HoldingVolts: 1.5, HoldingAmperes: 0.03, LatchResistanceOhms: 5, BurnoutSeconds: 2);

    private static readonly double[] Volts = [0.3, 1.2, 2.5, 3.0, 3.3, 3.6, 2.5, 3.3];

    [Test]
    public void A_rail_hands_out_its_held_form_again_while_nothing_changes_and_after_every_change_draws_what_a_fresh_hold_draws()
    {
        var dut = new DutModel(
            TestDuts.Plain with
            {
                SingleEvents = new SingleEventSpec(0, null, null, 1, null, IoLatchup),
                Thermal = new DutThermalSpec(60, 600, 8, 2, 10, 358.15, 398.15),
                TotalDose = TestDuts.LotDose with { LeakageRail = "io" },
                Protections = new Dictionary<string, OverCurrentProtectionSpec>
                {
                    ["io"] = new(TripAmperes: 2, ResponseSeconds: 1e-3, ProtectionRecovery.Latch) { LimitAmperes = 1.5 },
                },
            },
            seed: 3);
        var channel = new SimulatedSupplyChannel(6, 5) { VoltageSetting = 3.3, CurrentLimit = 5, OutputOn = true };
        dut.Connect("io", channel);
        var rail = channel.Load!;
        var rates = new double[(int)DutModel.Process.Latchup + 1];
        var changes = new (string Change, Action Make)[]
        {
            ("warmer", () => dut.Advance(30, 0, rates, Exposure.None, environmentKelvin: 358.15, vacuum: false)),
            ("a zero-length step", () => dut.Advance(0, 0, rates, Exposure.None, 358.15, false)),
            ("irradiated", () => dut.Advance(10, 0, rates, Exposure.None with { DoseRate = 500 }, 298.15, false)),
            ("a fault load across it", () => dut.ApplyOverload("io", 20)),
            ("a heavier fault load", () => dut.ApplyOverload("io", 10)),
            ("latched", () => dut.Apply(DutModel.Process.Latchup, 31)),
            ("fault removed", dut.RemoveOverloads),
        };

        var held = rail.HeldAt(Now);
        Assert.That(rail.HeldAt(Now), Is.SameAs(held), "held again in the same state");
        foreach (var (change, make) in changes)
        {
            var before = held;
            var drawnBefore = Volts.Select(v => before.CurrentAt(v, Now)).ToArray();
            make();
            held = rail.HeldAt(Now);
            var fresh = dut.HoldRail("io", TestDuts.Io);
            Assert.That(held, Is.EqualTo(fresh), change);
            foreach (var v in Volts)
            {
                // Asked twice: the second answer is the kept one.
                Assert.That(Bits(held.CurrentAt(v, Now)), Is.EqualTo(Bits(fresh.CurrentAt(v, Now))), $"{change}, {v} V");
                Assert.That(Bits(held.CurrentAt(v, Now)), Is.EqualTo(Bits(fresh.CurrentAt(v, Now))), $"{change}, {v} V again");
            }

            if (change != "a zero-length step")
            {
                // A zero-length step may leave every term as it was; every other change moves one.
                Assert.That(held, Is.Not.SameAs(before), change);
            }

            Assert.That(Volts.Select(v => Bits(before.CurrentAt(v, Now))), Is.EqualTo(drawnBefore.Select(Bits)), $"the form held before '{change}' keeps what it drew");
        }
    }

    [Test]
    public void The_dose_leakage_kept_between_calls_is_the_formula_at_every_trapped_charge_of_a_sweep()
    {
        var tid = TestDuts.LotDose;
        var dut = new DutModel(TestDuts.Plain with { TotalDose = tid }, seed: 3);
        var rates = new double[(int)DutModel.Process.Latchup];

        foreach (var (rate, seconds) in new[] { (0.0, 0.0), (100.0, 60.0), (100.0, 0.0), (0.0, 3600.0), (1000.0, 600.0) })
        {
            dut.Advance(seconds, 0, rates, Exposure.None with { DoseRate = rate }, 298.15, vacuum: false);
            var expected = tid.LeakageCurrentScaleAmperes * (Math.Exp(dut.OxideTrappedRad / tid.LeakageDoseScaleRad) - 1);
            Assert.That(Bits(dut.DoseLeakageAmperes), Is.EqualTo(Bits(expected)), $"at {dut.OxideTrappedRad} rad");
            Assert.That(Bits(dut.DoseLeakageAmperes), Is.EqualTo(Bits(expected)), $"asked again at {dut.OxideTrappedRad} rad");
        }
    }

    [Test]
    public void A_rails_kept_leakage_is_the_loads_leakage_at_every_voltage_asked_in_any_order()
    {
        var leakage = new RailLeakage(TestDuts.Core);

        foreach (var v in new[] { 1.8, 1.8, 0.9, 1.8, -0.1, 0, 1.2, 1.98, 0.9 })
        {
            Assert.That(Bits(leakage.At(v)), Is.EqualTo(Bits(TestDuts.Core.LeakageAt(v))), $"{v} V");
        }
    }

    private static long Bits(double value) => BitConverter.DoubleToInt64Bits(value);
}
