using Microsoft.Extensions.Time.Testing;
using SpaceTestBench.Simulation.Clock;

namespace SpaceTestBench.Simulation.Tests.Clock;

public sealed class ScaledClockTests
{
    [Test]
    public void Bench_time_runs_at_the_scale_times_real_time()
    {
        var wall = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero));
        var clock = new ScaledClock(3600, wall);
        var start = clock.GetUtcNow();

        wall.Advance(TimeSpan.FromSeconds(2));

        Assert.That(clock.GetUtcNow() - start, Is.EqualTo(TimeSpan.FromHours(2)));
    }

    [Test]
    public void A_timer_due_in_bench_time_fires_after_the_scaled_real_time()
    {
        var wall = new FakeTimeProvider();
        var clock = new ScaledClock(60, wall);
        var fired = 0;
        using var timer = clock.CreateTimer(_ => fired++, null, TimeSpan.FromMinutes(10), Timeout.InfiniteTimeSpan);

        wall.Advance(TimeSpan.FromSeconds(9.9));
        var early = fired;
        wall.Advance(TimeSpan.FromSeconds(0.2));

        Assert.That(early, Is.Zero);
        Assert.That(fired, Is.EqualTo(1), "10 bench minutes at 60× are 10 real seconds");
    }

    [TestCase(0)]
    [TestCase(-1)]
    [TestCase(double.NaN)]
    [TestCase(double.PositiveInfinity)]
    public void A_scale_that_is_not_a_positive_number_is_refused(double scale)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new ScaledClock(scale));
    }
}
