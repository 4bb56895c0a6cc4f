using MathNet.Numerics.Distributions;

namespace SpaceTestBench.Results.Analysis;

/// <summary>
/// Exact (Garwood, 1936) confidence intervals for a Poisson mean from an observed count, through the
/// χ² quantiles: lower = χ²(α/2; 2N)/2, upper = χ²(1 − α/2; 2N + 2)/2. For N = 0 the two-sided 95 %
/// upper bound is 3.69 and the one-sided 95 % bound is 3.00 (−ln 0.05), the zero-event bounds quoted
/// for cross-sections (σ &lt; 3.69/Φ) and bit error ratios (BER &lt; 3.0/n).
/// </summary>
public static class PoissonInterval
{
    /// <summary>Two-sided interval at <paramref name="confidence"/>.</summary>
    public static CountInterval TwoSided(long count, double confidence = 0.95)
    {
        Check(count, confidence);
        var alpha = 1 - confidence;
        var lower = count == 0 ? 0 : ChiSquaredQuantile(2.0 * count, alpha / 2) / 2;
        var upper = ChiSquaredQuantile((2.0 * count) + 2, 1 - (alpha / 2)) / 2;
        return new CountInterval(count, lower, upper, confidence, OneSided: false);
    }

    /// <summary>
    /// <see cref="TwoSided"/> remembered per count, for one table of many points: 200,000 exposures repeat a few hundred counts,
    /// and each χ² inversion costs tens of microseconds.
    /// </summary>
    internal static Func<long, CountInterval> TwoSidedMemo(double confidence)
    {
        var cache = new Dictionary<long, CountInterval>();
        return count => cache.TryGetValue(count, out var interval) ? interval : cache[count] = TwoSided(count, confidence);
    }

    /// <summary>One-sided upper bound at <paramref name="confidence"/>.</summary>
    public static CountInterval UpperBound(long count, double confidence = 0.95)
    {
        Check(count, confidence);
        var upper = ChiSquaredQuantile((2.0 * count) + 2, confidence) / 2;
        return new CountInterval(count, 0, upper, confidence, OneSided: true);
    }

    /// <summary>
    /// The χ² quantile: MathNet's inverse CDF up to 1e5 degrees of freedom; above (millions of bit errors, where MathNet's
    /// incomplete-gamma inversion fails) the Wilson–Hilferty cube-root normal approximation, whose relative error there is
    /// below 1e-7.
    /// </summary>
    internal static double ChiSquaredQuantile(double freedom, double probability)
    {
        if (freedom <= 1e5)
        {
            return ChiSquared.InvCDF(freedom, probability);
        }

        var z = Normal.InvCDF(0, 1, probability);
        var v = 2 / (9 * freedom);
        return freedom * Math.Pow(1 - v + (z * Math.Sqrt(v)), 3);
    }

    private static void Check(long count, double confidence)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (!(confidence > 0 && confidence < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(confidence), confidence, "A confidence level lies strictly between 0 and 1.");
        }
    }
}
