namespace SpaceTestBench.Simulation.Environment;

/// <summary>
/// The error detector of a bit-error tester: while a gating period runs it counts the bits clocked in and
/// the errors among them. The expected errors of each stretch of time are accumulated from the BER
/// trajectory and drawn as a Poisson count (the binomial of a huge bit count with small p).
/// </summary>
internal sealed class BitErrorCounter
{
    public int GeneratorPrbsLength { get; set; } = 31;

    public int DetectorPrbsLength { get; set; } = 31;

    /// <summary>Gating period; null: untimed (runs until stopped).</summary>
    public double? GatingSeconds { get; set; } = 1;

    public bool Measuring { get; private set; }

    public double ElapsedSeconds { get; private set; }

    public double Bits { get; private set; }

    public long Errors { get; private set; }

    public bool PatternsMatch => GeneratorPrbsLength == DetectorPrbsLength;

    public double TimeToGateEnd => Measuring && GatingSeconds is { } gate ? Math.Max(0, gate - ElapsedSeconds) : double.PositiveInfinity;

    /// <summary>The line rate of the clock recovered throughout the gate so far, bit/s (null: none yet, or it was lost or changed).</summary>
    private double? _steadyClock;
    private bool _clockLost;

    public void Start()
    {
        Measuring = true;
        ElapsedSeconds = 0;
        Bits = 0;
        Errors = 0;
        _steadyClock = null;
        _clockLost = false;
    }

    public void Stop() => Measuring = false;

    /// <summary>The bits clocked in over <paramref name="seconds"/> at <paramref name="bitsPerSecond"/>.</summary>
    public void Clock(double bitsPerSecond, double seconds)
    {
        Bits += bitsPerSecond * seconds;
        _clockLost |= _steadyClock is { } rate && rate != bitsPerSecond;
        _steadyClock = bitsPerSecond;
    }

    /// <summary>A stretch of the gate with no recovered clock: nothing was clocked in.</summary>
    public void NoClock(double seconds)
    {
        if (seconds > 0)
        {
            _clockLost = true;
        }
    }

    public void AddErrors(long errors) => Errors += errors;

    public void AdvanceGate(double seconds)
    {
        if (!Measuring)
        {
            return;
        }

        ElapsedSeconds += seconds;
        if (GatingSeconds is { } gate && ElapsedSeconds >= gate * (1 - 1e-12))
        {
            Measuring = false;
            // A real detector counts the clock's edges within the gate: with the clock recovered throughout a gate of whole
            // seconds at a whole number of bits per second, that is exactly rate × gate, not a sum of the simulation's
            // floating-point steps, which falls a bit short or over depending on how the gate was cut into steps (a resumed
            // wait cuts it differently).
            if (!_clockLost && _steadyClock is { } rate)
            {
                Bits = rate * gate;
            }
        }
    }
}
