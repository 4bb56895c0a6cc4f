using SpaceTestBench.Results.Quantities;

namespace SpaceTestBench.Results.Analysis;

/// <summary>
/// A fitted BER waterfall: BER(P) = f(x) for the receiver's <see cref="Modulation"/>, with ln x = ln x_ref + b·(P − P_ref),
/// P in dBm. x grows as received power to the k-th power with k = 10·b/ln 10: k ≈ 1 for the textbook receiver of each
/// law (OOK thermal-noise-limited; DPSK, BPSK and PPM photons per bit).
/// </summary>
/// <param name="Points">The measured points with their intervals.</param>
/// <param name="ReferencePower">P_ref, the mean power of the points with errors (dBm); the intercept is quoted there to decorrelate it from the slope.</param>
/// <param name="QualityAtReference">Q at P_ref.</param>
/// <param name="Slope">b, d ln Q / dP (per dB).</param>
/// <param name="Exponent">k, the power law of Q in received power.</param>
/// <param name="TargetRatio">The target BER the sensitivity is quoted at.</param>
/// <param name="Sensitivity">The received power at which the fit reaches the target BER (dBm).</param>
/// <param name="Converged">True if the likelihood maximisation converged.</param>
/// <param name="Deviance">Binomial deviance; about <paramref name="DegreesOfFreedom"/> if counting statistics explain the scatter.</param>
/// <param name="DegreesOfFreedom">Power levels minus 2.</param>
public sealed record BitErrorRatioWaterfall(
    IReadOnlyList<BitErrorRatioPoint> Points,
    Quantity ReferencePower,
    FittedParameter QualityAtReference,
    FittedParameter Slope,
    FittedParameter Exponent,
    double TargetRatio,
    FittedParameter Sensitivity,
    bool Converged,
    double Deviance,
    int DegreesOfFreedom)
{
    /// <summary>The receiver law fitted.</summary>
    public ReceiverModulation Modulation { get; init; }

    /// <summary>φ = deviance/dof when above 1 (lack of fit), else 1: the factor the covariance was scaled by.</summary>
    public double Dispersion { get; init; } = 1;

    /// <summary>The power meter's standard uncertainty (dB, k = 1) added in quadrature to the sensitivity's.</summary>
    public double PowerUncertaintyDecibels { get; init; }

    /// <summary>How the sensitivity interval was made.</summary>
    public string Convention => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"two-sided {Sensitivity.Confidence * 100:0.#} % (normal, delta method)")
        + (Dispersion > 1 ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $", widened for lack of fit (deviance/dof = {Dispersion:0.##}, quasi-likelihood)") : ", no lack of fit (deviance/dof ≤ 1)")
        + (PowerUncertaintyDecibels > 0 ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $", power meter ±{PowerUncertaintyDecibels:0.###} dB (k = 1) in quadrature") : ", no power-meter uncertainty stated");

    /// <summary>The fitted BER at a received power in dBm.</summary>
    public double RatioAt(double dbm) =>
        Modulation.Ratio(QualityAtReference.Value.Value * Math.Exp(Slope.Value.Value * (dbm - ReferencePower.Value)));
}
