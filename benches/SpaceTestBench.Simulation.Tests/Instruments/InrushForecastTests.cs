using SpaceTestBench.Simulation.Dut;
using SpaceTestBench.Simulation.Instruments;

namespace SpaceTestBench.Simulation.Tests.Instruments;

/// <summary>
/// The supply keeps its last inrush forecast (how long the charge under way will take) and reuses it when asked again
/// with everything it was computed from unchanged. Reused or computed afresh, the answer must be the same to the bit.
/// </summary>
public sealed class InrushForecastTests
{
    private static readonly DateTimeOffset Start = DateTimeOffset.UnixEpoch;

    [Test]
    public void Forecasts_reused_at_one_instant_agree_to_the_bit_with_a_supply_that_computes_every_one_afresh_over_a_sweep_of_changes()
    {
        // Twins on identical loads: one load's held forms can say when two of them are the same state (so its supply may
        // reuse a forecast), the other's never can (so its supply computes every forecast).
        var comparable = new TunableLoad(comparable: true);
        var opaque = new TunableLoad(comparable: false);
        var reusing = new SimulatedSupplyChannel(6, 5) { Load = comparable, VoltageSetting = 1.8, CurrentLimit = 1, OutputOn = true };
        var fresh = new SimulatedSupplyChannel(6, 5) { Load = opaque, VoltageSetting = 1.8, CurrentLimit = 1, OutputOn = true };
        var changesSeen = 0;

        for (var k = 0; k < 60; k++)
        {
            var t = k * 0.37e-3;
            var now = Start.AddTicks((long)(t * TimeSpan.TicksPerSecond));
            var answers = new List<double>();

            void Ask()
            {
                var reused = reusing.ChargeCompleteAt(t, now);
                var computed = fresh.ChargeCompleteAt(t, now);
                Assert.That(BitConverter.DoubleToInt64Bits(reused), Is.EqualTo(BitConverter.DoubleToInt64Bits(computed)), $"step {k}: {reused} against {computed}");
                answers.Add(reused);
            }

            void Change(Action<SimulatedSupplyChannel, TunableLoad> change)
            {
                change(reusing, comparable);
                change(fresh, opaque);
                Ask();
            }

            Ask();
            Ask();
            Change((s, _) => s.CurrentLimit = k % 2 == 0 ? 0.8 : 1.2);
            Change((_, l) => l.Siemens = 0.05 + (0.01 * (k % 3)));
            Change((s, _) => s.VoltageSetting = k % 5 == 0 ? 1.5 : 1.8 + (0.01 * (k % 4)));
            Ask();
            if (k % 7 == 0)
            {
                Change((s, _) => s.OutputOn = false);
                Change((s, _) => s.OutputOn = true);
            }

            changesSeen += answers.Distinct().Count() - 1;
        }

        Assert.That(changesSeen, Is.GreaterThan(60), "the changes made at one instant moved the forecast, so a stale reuse would have shown");
    }

    /// <summary>A conductance beside a CMOS-like exponential: monotonic in voltage, with a state (the conductance) of its own.</summary>
    private sealed class TunableLoad(bool comparable) : IElectricalLoad
    {
        public double Siemens { get; set; } = 0.05;

        public double CapacitanceFarads => 1e-3;

        public double CurrentAt(double volts, DateTimeOffset now) => Draw(Siemens, volts);

        public IElectricalLoad HeldAt(DateTimeOffset now) => comparable ? new Held(Siemens) : new Opaque(Siemens);

        private static double Draw(double siemens, double volts) => volts <= 0 ? 0 : (siemens * volts) + (0.02 * Math.Exp((volts - 1.8) / 0.25));

        private sealed record Held(double Siemens) : IElectricalLoad
        {
            public double CapacitanceFarads => 1e-3;

            public double CurrentAt(double volts, DateTimeOffset now) => Draw(Siemens, volts);
        }

        // Reference equality: no two held forms are ever the same.
        private sealed class Opaque(double siemens) : IElectricalLoad
        {
            public double CapacitanceFarads => 1e-3;

            public double CurrentAt(double volts, DateTimeOffset now) => Draw(siemens, volts);
        }
    }
}
