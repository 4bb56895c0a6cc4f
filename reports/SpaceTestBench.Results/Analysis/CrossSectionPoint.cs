using SpaceTestBench.Results.Quantities;

namespace SpaceTestBench.Results.Analysis;

/// <summary>The cross-section of one exposure with its confidence interval (counting, combined with the fluence dosimetry if stated).</summary>
/// <param name="Exposure">The exposure it comes from.</param>
/// <param name="EffectiveLet">LET / cos θ (MeV·cm²/mg).</param>
/// <param name="EffectiveFluence">Φ · cos θ, the fluence through the die plane (ions/cm²).</param>
/// <param name="CrossSection">σ = N / (Φ · cos θ), per bit if bits were given (cm²).</param>
/// <param name="Lower">Lower confidence bound on σ (0 for no events).</param>
/// <param name="Upper">Upper confidence bound on σ (the zero-event bound for no events).</param>
/// <param name="Interval">The Poisson (Garwood) interval on the count behind the bounds.</param>
public sealed record CrossSectionPoint(
    SingleEventExposure Exposure,
    Quantity EffectiveLet,
    Quantity EffectiveFluence,
    Quantity CrossSection,
    Quantity Lower,
    Quantity Upper,
    CountInterval Interval)
{
    /// <summary>True if no event was seen: σ is then only bounded from above.</summary>
    public bool ZeroEvents => Exposure.Events == 0;

    /// <summary>The interval's convention: "two-sided 95 % (Garwood), fluence ±10 % (k = 1) combined in quadrature on the log scale" or "… counting only".</summary>
    public string Convention => CrossSectionAnalysis.Convention(Interval.Confidence, Exposure.FluenceUncertainty);
}
