namespace SpaceTestBench.Simulation.Physics;

/// <summary>
/// A <see cref="Random"/> whose every draw is a pure function of its stream's key, the bench instant of the draw (ticks since
/// the run's origin) and the draw's index among this stream's draws at that instant (<see cref="RandomStreams.Uniform"/>): counter-based
/// noise. Its law is that of independent uniforms, as a sequential generator's; what differs is that a draw does not
/// depend on the draws before the instant, so a resumed run that reads an instrument at the bench instant the
/// uninterrupted run read it gets the same noise. It is a <see cref="Random"/> so that samplers written against one
/// (MathNet's Poisson, the extensions of <see cref="RandomStreams"/>) draw from it unchanged.
/// </summary>
internal sealed class InstantNoise(ulong key, Func<long> instant) : Random
{
    private readonly Lock _gate = new();
    private long _instant = long.MinValue;
    private long _index;

    /// <inheritdoc/>
    public override double NextDouble() => Sample();

    /// <inheritdoc/>
    public override float NextSingle() => (float)(Sample() * (1 - float.Epsilon));

    /// <inheritdoc/>
    public override int Next() => (int)(Sample() * int.MaxValue);

    /// <inheritdoc/>
    public override int Next(int maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxValue);
        return (int)(Sample() * maxValue);
    }

    /// <inheritdoc/>
    public override int Next(int minValue, int maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minValue, maxValue);
        return (int)(minValue + (long)(Sample() * ((long)maxValue - minValue)));
    }

    /// <inheritdoc/>
    public override long NextInt64() => (long)(Sample() * long.MaxValue);

    /// <inheritdoc/>
    public override long NextInt64(long maxValue) => NextInt64(0, maxValue);

    /// <inheritdoc/>
    public override long NextInt64(long minValue, long maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minValue, maxValue);
        return minValue + (long)(Sample() * (double)(ulong)(maxValue - minValue));
    }

    /// <inheritdoc/>
    public override void NextBytes(byte[] buffer) => NextBytes(buffer.AsSpan());

    /// <inheritdoc/>
    public override void NextBytes(Span<byte> buffer)
    {
        for (var i = 0; i < buffer.Length; i++)
        {
            buffer[i] = (byte)(Sample() * 256);
        }
    }

    /// <inheritdoc/>
    protected override double Sample()
    {
        var now = instant();
        long index;
        lock (_gate)
        {
            if (now != _instant)
            {
                (_instant, _index) = (now, 0);
            }

            index = _index++;
        }

        return RandomStreams.Uniform(key, now, index);
    }
}
