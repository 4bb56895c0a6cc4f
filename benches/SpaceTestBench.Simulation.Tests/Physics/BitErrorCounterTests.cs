using SpaceTestBench.Simulation.Environment;

namespace SpaceTestBench.Simulation.Tests.Physics;

/// <summary>
/// The error detector's bit count: the tester reads it as whole bits (floor), so a floating-point sum of the world's
/// steps a hair short of rate × gate would read one bit short — 0.9999999999 Gbps against "at least 1 Gbps".
/// </summary>
public sealed class BitErrorCounterTests
{
    [Test]
    public void A_gate_with_the_clock_throughout_counts_exactly_rate_times_gate_when_its_steps_end_it_within_rounding()
    {
        var counter = new BitErrorCounter { GatingSeconds = 10 };
        counter.Start();
        // The world's steps end the gate within its rounding tolerance of 10 s: their sum is 5e-12 s short.
        foreach (var step in Enumerable.Repeat(1.0, 9).Append(1.0 - 5e-12))
        {
            counter.Clock(1e9, step);
            counter.AdvanceGate(step);
        }

        Assert.That(counter.Measuring, Is.False, "the gate ended");
        Assert.That(Math.Floor(counter.Bits), Is.EqualTo(1e10), "every bit of 1 Gbps over 10 s, not 9,999,999,999");
    }

    [Test]
    public void A_gate_that_lost_the_clock_counts_only_the_bits_clocked_in()
    {
        var counter = new BitErrorCounter { GatingSeconds = 10 };
        counter.Start();
        counter.Clock(1e9, 4);
        counter.AdvanceGate(4);
        counter.NoClock(2);
        counter.AdvanceGate(2);
        counter.Clock(1e9, 4);
        counter.AdvanceGate(4);

        Assert.That(counter.Bits, Is.EqualTo(8e9));
    }
}
