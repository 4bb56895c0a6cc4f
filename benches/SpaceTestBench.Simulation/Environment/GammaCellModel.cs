namespace SpaceTestBench.Simulation.Environment;

/// <summary>
/// Dose at the DUT in a Co-60 cell: rate(t) = R₁·2^(−t/T½)/d² while the source is up, dose = ∫ rate dt.
/// The dosimeter reads the true dose times its calibration factor k (drawn once, seeded) plus reading
/// noise; a dose target lowers the source when the dosimeter reaches it, as the facility's controller would.
/// Like a facility controller's log, the cell keeps the bench time its source was last raised and last lowered: a
/// run cut after an exposure ended asks it when that was, rather than taking its own resume for the end.
/// </summary>
internal sealed class GammaCellModel
{
    private readonly Random _noise;
    private double _elapsed;

    /// <param name="spec">The cell and its dosimeter.</param>
    /// <param name="calibration">Where the calibration factor is drawn from, once: a function of the seed alone, so a resumed run's dosimeter is the one it had.</param>
    /// <param name="readingNoise">Each reading's noise (counter-based: keyed by the reading's bench instant).</param>
    public GammaCellModel(GammaCellSpec spec, Random calibration, Random readingNoise)
    {
        Spec = spec;
        _noise = readingNoise;
        CalibrationFactor = 1 + (spec.CalibrationUncertainty * Physics.RandomStreams.NextGaussian(calibration));
        Distance = 1;
    }

    public GammaCellSpec Spec { get; }

    /// <summary>k: dosimeter reading / true dose.</summary>
    public double CalibrationFactor { get; }

    public double Distance { get; private set; }

    public bool SourceUp { get; private set; }

    /// <summary>When the source last went up (an exposure began), bench time; null: never on record.</summary>
    public DateTimeOffset? RaisedAt { get; set; }

    /// <summary>
    /// When the source last went down (an exposure ended: at its dose target, by command or by the controller's own
    /// safe state), bench time; null: never on record. Lowering a source that is already down changes nothing.
    /// </summary>
    public DateTimeOffset? LoweredAt { get; set; }

    /// <summary>True dose at the DUT since the last reset, rad(Si).</summary>
    public double DoseRad { get; private set; }

    /// <summary>Dosimeter target at which the source goes down, rad(Si); null: none.</summary>
    public double? TargetRad { get; set; }

    /// <summary>The rate at the DUT position now if the source is up, rad(Si)/s.</summary>
    public double RateAtDut => RateAtOneMetre(_elapsed) / (Distance * Distance);

    /// <summary>The rate the source delivers into the DUT now, rad(Si)/s (0 with the source down).</summary>
    public double DeliveredRate => SourceUp ? RateAtDut : 0;

    public double MeasuredDose => CalibrationFactor * DoseRad;

    /// <summary>
    /// The table position at which the dosimeter will read <paramref name="radPerSecond"/> now (inverse-square
    /// law): the facility positions by its dosimetry, so the true rate there is the requested one divided by
    /// the dosimeter's calibration factor.
    /// </summary>
    public double DistanceFor(double radPerSecond) => Math.Sqrt(CalibrationFactor * RateAtOneMetre(_elapsed) / radPerSecond);

    /// <summary>The dose the source delivers into the DUT over the next <paramref name="seconds"/>, rad(Si).</summary>
    public double DoseOver(double seconds) =>
        // 1 − e^(−λt) with λt ~ 1e-5 over hours: ExpM1 keeps the digits a plain subtraction would cancel.
        SourceUp ? RateAtDut * -double.ExpM1(-Lambda * seconds) / Lambda : 0;

    /// <summary>Positions the table for <paramref name="radPerSecond"/>; false if out of the table's travel.</summary>
    public bool TrySetRate(double radPerSecond)
    {
        if (radPerSecond <= 0)
        {
            return false;
        }

        var distance = DistanceFor(radPerSecond);
        if (distance < Spec.MinimumDistanceMetres || distance > Spec.MaximumDistanceMetres)
        {
            return false;
        }

        Distance = distance;
        return true;
    }

    public void ResetDose() => DoseRad = 0;

    /// <summary>Raises or lowers the source at bench time <paramref name="at"/>; only a move is logged, so a source lowered again stays lowered since its first lowering.</summary>
    public void MoveSource(bool up, DateTimeOffset at)
    {
        if (up == SourceUp)
        {
            return;
        }

        SourceUp = up;
        if (up)
        {
            RaisedAt = at;
        }
        else
        {
            LoweredAt = at;
        }
    }

    /// <summary>Seconds until the dosimeter reaches its target with the source up; +∞ if never or not up.</summary>
    public double TimeToTarget()
    {
        if (!SourceUp || TargetRad is not { } target)
        {
            return double.PositiveInfinity;
        }

        if (TargetReached)
        {
            return 0;
        }

        // ∫₀ᵗ r₀·e^(−λs) ds = r₀·(1 − e^(−λt))/λ, solved for t with LogP1 for the same reason as DoseOver.
        var needed = (target / CalibrationFactor) - DoseRad;
        var y = -needed * Lambda / RateAtDut;
        var time = y <= -1 ? double.PositiveInfinity : -double.LogP1(y) / Lambda;
        // Never zero while the target is not reached: the caller would ask again at the same instant for ever. And
        // never below what the world's clock can add to its elapsed seconds (1e-9 s is lost in rounding once a
        // campaign is past 10^7 s, about four months): 1 µs resolves up to 10^10 s, and overshoots by a microsecond's dose.
        return Math.Max(time, 1e-6);
    }

    private static double Lambda => Math.Log(2) / GammaCellSpec.HalfLifeSeconds;

    private bool TargetReached => TargetRad is { } t && MeasuredDose >= t * (1 - 1e-9);

    /// <summary>Integrates <paramref name="seconds"/>, ending at bench time <paramref name="end"/>; a target reached lowers the source then.</summary>
    public void Advance(double seconds, DateTimeOffset end)
    {
        DoseRad += DoseOver(seconds);

        _elapsed += seconds;
        if (SourceUp && TargetReached)
        {
            MoveSource(false, end);
        }
    }

    /// <summary>One dosimeter reading of the accumulated dose, rad(Si).</summary>
    public double ReadDose() => MeasuredDose * (1 + (Spec.ReadingNoise * Physics.RandomStreams.NextGaussian(_noise)));

    /// <summary>One dosimeter reading of the dose rate at the DUT position, rad(Si)/s.</summary>
    public double ReadRate() => CalibrationFactor * RateAtDut * (1 + (Spec.ReadingNoise * Physics.RandomStreams.NextGaussian(_noise)));

    private double RateAtOneMetre(double elapsed) =>
        Spec.RateAtOneMetreRadPerHour / 3600 * Math.Pow(2, -elapsed / GammaCellSpec.HalfLifeSeconds);
}
