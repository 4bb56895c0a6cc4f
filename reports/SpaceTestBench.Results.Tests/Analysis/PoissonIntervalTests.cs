using MathNet.Numerics.Distributions;
using SpaceTestBench.Results.Analysis;

namespace SpaceTestBench.Results.Tests.Analysis;

public class PoissonIntervalTests
{
    [Test]
    public void Zero_events_give_the_quoted_zero_event_bounds()
    {
        Assert.That(PoissonInterval.TwoSided(0).Upper, Is.EqualTo(3.689).Within(0.001), "95 % two-sided: σ < 3.69/Φ");
        Assert.That(PoissonInterval.TwoSided(0).Lower, Is.Zero);
        Assert.That(PoissonInterval.UpperBound(0).Upper, Is.EqualTo(-Math.Log(0.05)).Within(1e-9), "95 % one-sided: 3.00");
    }

    [TestCase(1, 0.0253, 5.572)]
    [TestCase(10, 4.795, 18.390)]
    [TestCase(100, 81.36, 121.63)]
    public void Match_the_published_Garwood_table(int count, double lower, double upper)
    {
        var interval = PoissonInterval.TwoSided(count);

        Assert.That(interval.Lower, Is.EqualTo(lower).Within(0.002 * Math.Max(1, lower)));
        Assert.That(interval.Upper, Is.EqualTo(upper).Within(0.002 * upper));
    }

    [TestCase(0.5)]
    [TestCase(3)]
    [TestCase(20)]
    public void Cover_the_true_mean_at_least_as_often_as_their_confidence(double mean)
    {
        // Exact intervals are conservative: coverage is never below the nominal level.
        var random = new Random(42);
        const int trials = 4000;
        var covered = 0;
        for (var i = 0; i < trials; i++)
        {
            var interval = PoissonInterval.TwoSided(Poisson.Sample(random, mean));
            covered += interval.Lower <= mean && mean <= interval.Upper ? 1 : 0;
        }

        Assert.That(covered / (double)trials, Is.GreaterThanOrEqualTo(0.945));
    }

    [Test]
    public void Refuse_a_negative_count_or_a_confidence_outside_zero_to_one()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PoissonInterval.TwoSided(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => PoissonInterval.TwoSided(3, 1.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => PoissonInterval.UpperBound(3, 0));
    }

    [TestCase(99_000)]
    [TestCase(9_200_000)]
    public void Millions_of_counted_errors_get_an_interval_of_about_two_root_N(long count)
    {
        // Where MathNet's incomplete-gamma inversion gives up, the Wilson–Hilferty quantile takes over: N ± 1.96·√N.
        var interval = PoissonInterval.TwoSided(count);

        Assert.That(interval.Lower, Is.EqualTo(count - (1.96 * Math.Sqrt(count))).Within(0.01).Percent);
        Assert.That(interval.Upper, Is.EqualTo(count + 1 + (1.96 * Math.Sqrt(count))).Within(0.01).Percent);
    }
}
