namespace SpaceTestBench.Simulation.Physics;

/// <summary>
/// Reproducible random numbers derived from one bench seed. Two kinds:
/// <list type="bullet">
/// <item><see cref="For"/>: a sequential stream for what is drawn once, when the world is built (a dosimeter's
/// calibration factor, a fading law's quantile table) — a function of the seed alone.</item>
/// <item>Counter-based draws (<see cref="Uniform"/>, <see cref="ReadingNoise"/>): a draw is a pure function of the
/// seed, the stream's name and a key — the bench instant of a reading and the draw's index within that instant, or a
/// process's event number — not of how many draws came before. A reading taken at the same bench instant gets the
/// same noise whatever happened earlier in the run, so a run resumed from its checkpointed physics draws what the
/// uninterrupted run drew (docs/simulators.md, "Randomness and determinism").</item>
/// </list>
/// </summary>
internal static class RandomStreams
{
    private const ulong Golden = 0x9E3779B97F4A7C15UL;

    /// <summary>A sequential stream for <paramref name="purpose"/> under <paramref name="seed"/>, for draws made once when the world is built.</summary>
    public static Random For(int seed, string purpose) => new(unchecked((int)Key(seed, purpose)));

    /// <summary>
    /// The 64-bit key of the stream named <paramref name="purpose"/> under <paramref name="seed"/>: SplitMix64's
    /// finaliser over the seed and a stable (FNV-1a) hash of the name; string.GetHashCode is randomised per process
    /// and would break reproducibility.
    /// </summary>
    public static ulong Key(int seed, string purpose)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in purpose)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return Mix(unchecked((ulong)(uint)seed + (hash * Golden)));
    }

    /// <summary>
    /// A uniform deviate on [0, 1) that is a pure function of the stream <paramref name="key"/> and the counters
    /// <paramref name="first"/>, <paramref name="second"/>: each counter is folded in through a SplitMix64 round
    /// (a bijective avalanche mix), and the top 53 bits of the result are the mantissa. Distinct counters give
    /// independent-looking, uniformly distributed draws, as SplitMix64 does over its own counter.
    /// </summary>
    public static double Uniform(ulong key, long first, long second)
    {
        var h = Mix(unchecked(key + Golden + Mix(unchecked((ulong)first))));
        h = Mix(unchecked(h + Golden + Mix(unchecked((ulong)second ^ 0xD1B54A32D192ED03UL))));
        return (h >> 11) * (1.0 / (1UL << 53));
    }

    /// <summary>A standard normal deviate keyed like <see cref="Uniform"/>: Box–Muller over the draws 2·<paramref name="second"/> and 2·<paramref name="second"/> + 1.</summary>
    public static double Gaussian(ulong key, long first, long second)
    {
        var u1 = 1.0 - Uniform(key, first, 2 * second);
        var u2 = Uniform(key, first, (2 * second) + 1);
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    /// <summary>An exponential deviate with mean 1 keyed like <see cref="Uniform"/>.</summary>
    public static double Exponential(ulong key, long first, long second) => -Math.Log(1.0 - Uniform(key, first, second));

    /// <summary>
    /// Noise for an instrument's readings (or any process drawn when it is looked at): each draw is keyed by the bench
    /// instant of the draw (<paramref name="world"/>'s bench time since its run's origin, in ticks) and its index among
    /// the stream's draws at that instant (<see cref="InstantNoise"/>).
    /// </summary>
    public static Random ReadingNoise(int seed, string purpose, SimulatedFacility world) => new InstantNoise(Key(seed, purpose), () => world.TicksSinceOrigin);

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

    private static ulong Mix(ulong z)
    {
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return z ^ (z >> 31);
    }
}
