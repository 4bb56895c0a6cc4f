using SpaceTestBench.Reports.Plots;

namespace SpaceTestBench.Reports.Tests.Plots;

public class DecimationTests
{
    [Test]
    public void A_one_sample_spike_in_a_million_points_survives_at_full_height()
    {
        var xs = Enumerable.Range(0, 1_000_000).Select(i => i * 1e-4).ToArray();
        var ys = xs.Select((_, i) => i == 654_321 ? 900.0 : i == 123_456 ? -5.0 : 300 + Math.Sin(i / 1000.0)).ToArray();

        var (dx, dy) = Decimation.MinMaxPerColumn(xs, ys, 900);

        Assert.That(dx.Length, Is.LessThanOrEqualTo(2 * 900));
        Assert.That(dy.Max(), Is.EqualTo(900));
        Assert.That(dy.Min(), Is.EqualTo(-5));
        Assert.That(dx[Array.IndexOf(dy, 900.0)], Is.EqualTo(xs[654_321]));
    }

    [Test]
    public void Keeps_the_extremes_of_every_column_in_time_order()
    {
        var random = new Random(3);
        var xs = Enumerable.Range(0, 50_000).Select(i => (double)i).ToArray();
        var ys = xs.Select(_ => random.NextDouble()).ToArray();
        const int columns = 100;

        var (dx, dy) = Decimation.MinMaxPerColumn(xs, ys, columns);

        Assert.That(dx, Is.Ordered);
        for (var c = 0; c < columns; c++)
        {
            var slice = Enumerable.Range(c * 500, 500).ToList();
            var kept = dx.Select((x, i) => (x, y: dy[i])).Where(p => p.x >= c * 500 && p.x < (c + 1) * 500).Select(p => p.y).ToList();
            Assert.That(kept, Does.Contain(slice.Max(i => ys[i])).And.Contain(slice.Min(i => ys[i])), $"column {c}");
        }
    }

    [Test]
    public void A_short_trace_comes_back_unchanged_without_its_gaps()
    {
        var (dx, dy) = Decimation.MinMaxPerColumn([1.0, 2, 3, 4], [5.0, double.NaN, 7, 8], 100);

        Assert.That(dx, Is.EqualTo(new[] { 1.0, 3, 4 }));
        Assert.That(dy, Is.EqualTo(new[] { 5.0, 7, 8 }));
    }

    [Test]
    public void Mismatched_lengths_are_refused()
    {
        Assert.Throws<ArgumentException>(() => Decimation.MinMaxPerColumn([1.0, 2], [1.0], 10));
    }
}
