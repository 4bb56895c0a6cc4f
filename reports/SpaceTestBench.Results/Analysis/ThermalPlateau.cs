namespace SpaceTestBench.Results.Analysis;

/// <summary>One setpoint plateau of a temperature profile and what the DUT did on it.</summary>
/// <param name="Setpoint">The setpoint in kelvin.</param>
/// <param name="Start">When the setpoint took this value (since the setpoint trace's origin).</param>
/// <param name="End">When it changed again, or the end of the data.</param>
/// <param name="InToleranceFrom">From when on the DUT stayed within tolerance to the end, if it did.</param>
/// <param name="StabilisedAt">When the DUT first met both tolerance and rate over a full window, if it did.</param>
/// <param name="Dwell">Time stable, from <paramref name="StabilisedAt"/> to the last sample of the plateau.</param>
/// <param name="MaximumRateAfterStable">Largest |dT/dt| (K/h) over windows after stabilising; the plateau counts only if stable throughout (ECSS-E-ST-10-03C 5.5.4).</param>
/// <param name="Overshoot">How far (K) the DUT went past the setpoint in the direction of approach.</param>
/// <param name="Judged">False for plateaus shorter than the required dwell: transitions, not dwells.</param>
/// <param name="Verdict">Pass if stabilised and stable for the required dwell; Fail if not; NotSet if not judged; Inconclusive without DUT data.</param>
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
    string? Reason);
