using MathNet.Numerics;
using SpaceTestBench.Results.Quantities;

namespace SpaceTestBench.Results.Analysis;

/// <summary>
/// The fitted Weibull cross-section curve σ(L) = σsat · (1 − exp(−((L − L0)/W)^s)) for L &gt; L0, 0 below
/// (ECSS-E-ST-10-12C §9.5.2), with standard errors from the inverse Fisher information.
/// </summary>
/// <param name="SaturatedCrossSection">σsat (cm²).</param>
/// <param name="Threshold">L0, the onset LET (MeV·cm²/mg).</param>
/// <param name="Width">W (MeV·cm²/mg).</param>
/// <param name="Shape">s (dimensionless).</param>
/// <param name="Converged">True if the likelihood maximisation converged.</param>
/// <param name="Deviance">Poisson deviance of the fit; about <paramref name="DegreesOfFreedom"/> if the model and counting statistics explain the data.</param>
/// <param name="DegreesOfFreedom">Exposures minus 4.</param>
/// <param name="ThresholdAtDataEdge">True if L0 sits against the lowest LET with events: the data do not bracket the onset.</param>
public sealed record WeibullFitResult(
    FittedParameter SaturatedCrossSection,
    FittedParameter Threshold,
    FittedParameter Width,
    FittedParameter Shape,
    bool Converged,
    double Deviance,
    int DegreesOfFreedom,
    bool ThresholdAtDataEdge)
{
    /// <summary>The parameters in report order.</summary>
    public IReadOnlyList<FittedParameter> Parameters => [SaturatedCrossSection, Threshold, Width, Shape];

    /// <summary>σ at an effective LET, from the fitted curve.</summary>
    public Quantity CrossSectionAt(Quantity effectiveLet) =>
        new(Evaluate(effectiveLet.In(CrossSectionAnalysis.LetUnit), SaturatedCrossSection.Value.Value, Threshold.Value.Value, Width.Value.Value, Shape.Value.Value), CrossSectionAnalysis.AreaUnit);

    /// <summary>The Weibull curve in cm² at LET <paramref name="let"/> in MeV·cm²/mg.</summary>
    public static double Evaluate(double let, double saturated, double threshold, double width, double shape) =>
        let <= threshold ? 0 : saturated * -SpecialFunctions.Expm1(-Math.Pow((let - threshold) / width, shape));
}
