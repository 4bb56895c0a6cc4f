using SpaceTestBench.Results.Quantities;

namespace SpaceTestBench.Results.Analysis;

/// <summary>
/// A fitted BER waterfall: BER(P) = ½ erfc(Q/√2) with ln Q = ln Q_ref + b·(P − P_ref), P in dBm. Q grows
/// as received power to the k-th power with k = 10·b/ln 10: k ≈ 1 for a thermal-noise-limited receiver,
/// k ≈ ½ for one limited by signal shot noise.
/// </summary>
/// <param name="Points">The measured points with their intervals.</param>
/// <param name="ReferencePower">P_ref, the mean measured power (dBm); the intercept is quoted there to decorrelate it from the slope.</param>
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
    /// <summary>The fitted BER at a received power in dBm.</summary>
    public double RatioAt(double dbm) =>
        BitErrorRatioAnalysis.Ratio(QualityAtReference.Value.Value * Math.Exp(Slope.Value.Value * (dbm - ReferencePower.Value)));
}
