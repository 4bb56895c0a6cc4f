namespace SpaceTestBench.Simulation.Environment;

/// <summary>
/// A Co-60 irradiation cell: the dose rate its source gives in silicon at 1 m at the start of the
/// simulation, how close and how far the DUT table can go (inverse-square law sets the rate), and the
/// dosimeter's calibration uncertainty.
/// </summary>
/// <param name="RateAtOneMetreRadPerHour">Dose rate in Si at 1 m, rad(Si)/h.</param>
/// <param name="MinimumDistanceMetres">Closest table position, m.</param>
/// <param name="MaximumDistanceMetres">Farthest table position, m.</param>
/// <param name="CalibrationUncertainty">Relative standard uncertainty of the dosimeter calibration (k = 1).</param>
/// <param name="ReadingNoise">Relative standard deviation of one dosimeter reading.</param>
public sealed record GammaCellSpec(
    double RateAtOneMetreRadPerHour,
    double MinimumDistanceMetres,
    double MaximumDistanceMetres,
    double CalibrationUncertainty,
    double ReadingNoise)
{
    /// <summary>Co-60 half-life: 5.2714 years.</summary>
    public const double HalfLifeSeconds = 5.2714 * 365.25 * 86400;

    /// <summary>
    /// A 2000 Ci (74 TBq) source: with the Co-60 air-kerma rate constant of 0.309 mGy·m²/(GBq·h) that is
    /// 22.9 Gy/h in air at 1 m, ≈ 2.0 krad(Si)/h in silicon behind a Pb/Al filter box. Positions from 5 cm
    /// to 10 m give 800 krad(Si)/h (≈ 220 rad(Si)/s) down to 20 rad(Si)/h (≈ 5.6 mrad(Si)/s): both ESCC 22900
    /// windows, MIL-STD-883 TM 1019 condition A (50–300 rad(Si)/s) up to about 200 rad(Si)/s after a year of
    /// decay, and its low-dose-rate test (≤ 10 mrad(Si)/s). The dosimeter
    /// (ion chamber) is calibrated to 2.5 % (k = 1), inside the "better than ±10 %" of Co-60 dosimetry.
    /// </summary>
    public static GammaCellSpec Default { get; } = new(2000, 0.05, 10, 0.025, 0.002);
}
