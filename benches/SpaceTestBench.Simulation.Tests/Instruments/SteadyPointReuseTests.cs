using SpaceTestBench.Simulation.Dut;
using SpaceTestBench.Simulation.Instruments;

namespace SpaceTestBench.Simulation.Tests.Instruments;

/// <summary>
/// The supply keeps its last steady operating point (with the held load, setting, limit and instant it was solved for)
/// and reuses it when asked again with all of these unchanged. Reused or solved afresh, the answer must be the same to
/// the bit, in voltage regulation and in current limit alike.
/// </summary>
public sealed class SteadyPointReuseTests
{
    private static readonly DateTimeOffset Start = DateTimeOffset.UnixEpoch;

    [Test]
    public void Operating_points_reused_at_one_instant_agree_to_the_bit_with_a_supply_that_solves_every_one_afresh_over_a_sweep_of_changes()
    {
        // Twins on identical loads: one load's held forms can say when two of them are the same state (so its supply may
        // reuse a solve), the other's never can (so its supply solves every time).
        var comparable = new TunableLoad(comparable: true);
        var opaque = new TunableLoad(comparable: false);
        var reusing = new SimulatedSupplyChannel(6, 5) { Load = comparable, VoltageSetting = 1.8, CurrentLimit = 1, OutputOn = true };
        var fresh = new SimulatedSupplyChannel(6, 5) { Load = opaque, VoltageSetting = 1.8, CurrentLimit = 1, OutputOn = true };
        var answers = new List<(double, double, bool)>();

        for (var k = 0; k < 40; k++)
        {
            var now = Start.AddMilliseconds(k % 4 == 0 ? k : k - 1);

            void Ask()
            {
                var reused = reusing.OperatingPoint(now);
                var solved = fresh.OperatingPoint(now);
                Assert.That(
                    (BitConverter.DoubleToInt64Bits(reused.Volts), BitConverter.DoubleToInt64Bits(reused.Amperes), reused.InLimit),
                    Is.EqualTo((BitConverter.DoubleToInt64Bits(solved.Volts), BitConverter.DoubleToInt64Bits(solved.Amperes), solved.InLimit)),
                    $"step {k}: {reused} against {solved}");
                answers.Add(reused);
            }

            void Change(Action<SimulatedSupplyChannel, TunableLoad> change)
            {
                change(reusing, comparable);
                change(fresh, opaque);
                Ask();
                Ask();
            }

            Ask();
            Ask();
            Change((s, _) => s.CurrentLimit = k % 3 == 0 ? 0.1 : 1.2);
            Change((_, l) => l.Siemens = 0.05 + (0.02 * (k % 3)));
            Change((s, _) => s.VoltageSetting = k % 5 == 0 ? 1.5 : 1.8 + (0.01 * (k % 4)));
        }

        var moves = answers.Zip(answers.Skip(1)).Count(p => p.First != p.Second);
        Assert.That(moves, Is.GreaterThan(40), "the changes moved the operating point (more than once a round of three), so a stale reuse would have shown");
        Assert.That(answers.Count(a => a.Item3), Is.GreaterThan(10), "some points were in the current limit (the bisection)");
    }

    /// <summary>A conductance beside a CMOS-like exponential, with no capacitance: monotonic in voltage, with a state of its own.</summary>
    private sealed class TunableLoad(bool comparable) : IElectricalLoad
    {
        public double Siemens { get; set; } = 0.05;

        public double CurrentAt(double volts, DateTimeOffset now) => Draw(Siemens, volts);

        public IElectricalLoad HeldAt(DateTimeOffset now) => comparable ? new Held(Siemens) : new Opaque(Siemens);

        private static double Draw(double siemens, double volts) => volts <= 0 ? 0 : (siemens * volts) + (0.02 * Math.Exp((volts - 1.8) / 0.25));

        private sealed record Held(double Siemens) : IElectricalLoad
        {
            public double CurrentAt(double volts, DateTimeOffset now) => Draw(Siemens, volts);
        }

        // Reference equality: no two held forms are ever the same.
        private sealed class Opaque(double siemens) : IElectricalLoad
        {
            public double CurrentAt(double volts, DateTimeOffset now) => Draw(siemens, volts);
        }
    }
}
