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
    /// <summary>φ = deviance/dof when above 1 (over-dispersion), else 1: the factor the covariance was scaled by (quasi-likelihood).</summary>
    public double Dispersion { get; init; } = 1;

    /// <summary>The relative fluence uncertainty (k = 1) combined into σsat, if the exposures stated one.</summary>
    public double? FluenceUncertainty { get; init; }

    /// <summary>The lowest effective LET tested.</summary>
    public Quantity LowestLetTested { get; init; }

    /// <summary>True if the fitted onset lies below the lowest LET tested: the onset is not measured, only bounded ("&lt; L_min").</summary>
    public bool OnsetBelowLowestTested => Threshold.Value.Value < LowestLetTested.In(CrossSectionAnalysis.LetUnit);

    /// <summary>The onset as the report states it: "&lt; 1.0 MeV·cm²/mg (below the lowest LET tested)" or the fitted value with its interval.</summary>
    public string OnsetStatement => OnsetBelowLowestTested
        ? $"< {LowestLetTested.ToString("0.###")} (below the lowest LET tested; the data do not measure the onset)"
        : Threshold.ToString().Replace(Threshold.Name + " = ", "", StringComparison.Ordinal);

    /// <summary>How the intervals were made: profile likelihood, over-dispersion and fluence uncertainty.</summary>
    public string Convention => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"two-sided {Threshold.Confidence * 100:0.#} % profile-likelihood intervals")
        + (Dispersion > 1 ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $", widened for over-dispersion (deviance/dof = {Dispersion:0.##}, quasi-likelihood)") : ", no over-dispersion (deviance/dof ≤ 1)")
        + (FluenceUncertainty is { } u ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"; σsat includes the fluence uncertainty ±{u * 100:0.#} % (k = 1) in quadrature on the log scale") : "; counting only (no fluence uncertainty stated)");

    /// <summary>The parameters in report order.</summary>
    public IReadOnlyList<FittedParameter> Parameters => [SaturatedCrossSection, Threshold, Width, Shape];

    /// <summary>σ at an effective LET, from the fitted curve.</summary>
    public Quantity CrossSectionAt(Quantity effectiveLet) =>
        new(Evaluate(effectiveLet.In(CrossSectionAnalysis.LetUnit), SaturatedCrossSection.Value.Value, Threshold.Value.Value, Width.Value.Value, Shape.Value.Value), CrossSectionAnalysis.AreaUnit);

    /// <summary>The Weibull curve in cm² at LET <paramref name="let"/> in MeV·cm²/mg.</summary>
    public static double Evaluate(double let, double saturated, double threshold, double width, double shape) =>
        let <= threshold ? 0 : saturated * -SpecialFunctions.Expm1(-Math.Pow((let - threshold) / width, shape));
}
