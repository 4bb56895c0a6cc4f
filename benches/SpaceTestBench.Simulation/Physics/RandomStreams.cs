namespace SpaceTestBench.Simulation.Physics;

/// <summary>
/// Independent, reproducible random streams derived from one bench seed: each physical process draws from
/// its own stream, so adding a query or a process elsewhere does not shift another process's numbers.
/// </summary>
internal static class RandomStreams
{
    /// <summary>The stream for <paramref name="purpose"/> under <paramref name="seed"/>.</summary>
    public static Random For(int seed, string purpose)
    {
        // SplitMix64 finaliser over the seed and a stable (FNV-1a) hash of the purpose; string.GetHashCode
        // is randomised per process and would break reproducibility.
        var hash = 14695981039346656037UL;
        foreach (var c in purpose)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        var z = unchecked((ulong)(uint)seed + (hash * 0x9E3779B97F4A7C15UL));
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return new Random(unchecked((int)z));
    }

    /// <summary>A standard normal deviate (Box–Muller).</summary>
    public static double NextGaussian(this Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    /// <summary>An exponential deviate with mean 1: the hazard a Poisson process must accumulate before its next event.</summary>
    public static double NextExponential(this Random random) => -Math.Log(1.0 - random.NextDouble());

    /// <summary>A Poisson count with mean <paramref name="mean"/>.</summary>
    public static long NextPoisson(this Random random, double mean)
    {
        if (mean <= 0)
        {
            return 0;
        }

        // Beyond ~1e9 the normal approximation is exact to far better than the counting statistics.
        return mean < 1e9
            ? MathNet.Numerics.Distributions.Poisson.Sample(random, mean)
            : Math.Max(0, (long)Math.Round(mean + (Math.Sqrt(mean) * random.NextGaussian())));
    }
}
