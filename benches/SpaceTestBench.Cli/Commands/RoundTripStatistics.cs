using System.Globalization;

namespace SpaceTestBench.Cli.Commands;

/// <summary>Summary of measured round trips: minimum, median, 99th percentile (nearest rank), mean, maximum.</summary>
public sealed record RoundTripStatistics(int Count, TimeSpan Minimum, TimeSpan Median, TimeSpan Percentile99, TimeSpan Mean, TimeSpan Maximum)
{
    /// <summary>Summarizes <paramref name="samples"/> (at least one).</summary>
    public static RoundTripStatistics From(IReadOnlyList<TimeSpan> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (samples.Count == 0)
        {
            throw new ArgumentException("At least one round trip is needed.", nameof(samples));
        }

        var sorted = samples.Order().ToArray();
        return new RoundTripStatistics(
            sorted.Length,
            sorted[0],
            NearestRank(sorted, 0.50),
            NearestRank(sorted, 0.99),
            TimeSpan.FromTicks((long)sorted.Average(s => s.Ticks)),
            sorted[^1]);
    }

    /// <summary>"min 41.2 µs, median 55.0 µs, p99 120.3 µs (mean 60.1 µs, max 400.2 µs)".</summary>
    public string Describe() =>
        $"min {Format(Minimum)}, median {Format(Median)}, p99 {Format(Percentile99)} (mean {Format(Mean)}, max {Format(Maximum)})";

    /// <summary>A duration in µs below 10 ms, in ms above.</summary>
    public static string Format(TimeSpan duration) => duration.TotalMilliseconds < 10
        ? string.Create(CultureInfo.InvariantCulture, $"{duration.TotalMicroseconds:0.0} µs")
        : string.Create(CultureInfo.InvariantCulture, $"{duration.TotalMilliseconds:0.00} ms");

    // The smallest sample at or above the fraction of all samples (nearest-rank percentile).
    private static TimeSpan NearestRank(TimeSpan[] sorted, double fraction) =>
        sorted[Math.Clamp((int)Math.Ceiling(fraction * sorted.Length) - 1, 0, sorted.Length - 1)];
}
