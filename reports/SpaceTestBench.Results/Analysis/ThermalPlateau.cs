namespace SpaceTestBench.Results.Analysis;

/// <summary>One setpoint plateau of a temperature profile and what the DUT did on it.</summary>
/// <param name="Setpoint">The setpoint in kelvin.</param>
/// <param name="Start">When the setpoint took this value (since the setpoint trace's origin).</param>
/// <param name="End">When it changed again, or the end of the data.</param>
/// <param name="InToleranceFrom">From when on the DUT stayed within tolerance to the end, if it did.</param>
/// <param name="StabilisedAt">When the DUT first met both tolerance and rate over a full window, if it did.</param>
/// <param name="Dwell">The one dwell of the plateau: time stable, from <paramref name="StabilisedAt"/> to the last sample of the plateau (or to the window that showed it unstable).</param>
/// <param name="MaximumRateAfterStable">Largest |dT/dt| (K/h) over windows after stabilising; the plateau counts only if stable throughout (ECSS-E-ST-10-03C 5.5.4).</param>
/// <param name="Overshoot">How far (K) the DUT went past the setpoint in the direction of approach.</param>
/// <param name="Judged">False for plateaus shorter than the required dwell: transitions, not dwells.</param>
/// <param name="Verdict">Pass if stabilised and stable for the required dwell; Fail if not; NotSet if not judged; Inconclusive without DUT data or when the window cannot resolve the rate.</param>
/// <param name="Reason">Why it did not pass, if it did not.</param>
public sealed record ThermalPlateau(
    double Setpoint,
    TimeSpan Start,
    TimeSpan End,
    TimeSpan? InToleranceFrom,
    TimeSpan? StabilisedAt,
    TimeSpan Dwell,
    double MaximumRateAfterStable,
    double Overshoot,
    bool Judged,
    Verdict Verdict,
    string? Reason)
{
    /// <summary>The 95 % half-width of the rate of the window with <see cref="MaximumRateAfterStable"/> (K/h): that window fails the plateau only if its rate exceeds the limit by more than this.</summary>
    public double? MaximumRateHalfWidth { get; init; }

    /// <summary>The rate over the plateau's last full window (K/h, signed), if one was estimated.</summary>
    public double? FinalRate { get; init; }

    /// <summary>The 95 % half-width of <see cref="FinalRate"/> (K/h).</summary>
    public double? FinalRateHalfWidth { get; init; }

    /// <summary>The smallest 95 % half-width of the rate over any window of the plateau (K/h): how well the window resolves a rate.</summary>
    public double? RateResolution { get; init; }

    /// <summary>The sensor's resolution inferred from the readings (K); 0 if they are not quantised.</summary>
    public double SensorResolution { get; init; }
}
