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

    public void Start()
    {
        Measuring = true;
        ElapsedSeconds = 0;
        Bits = 0;
        Errors = 0;
    }

    public void Stop() => Measuring = false;

    public void AddBits(double bits) => Bits += bits;

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
        }
    }
}
