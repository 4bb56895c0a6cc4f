using SpaceTestBench.Results.Quantities;

namespace SpaceTestBench.Results.Analysis;

/// <summary>
/// A parametric's drift with total ionising dose, fitted as P(D) = P0 + a·D^n, and the dose at which it
/// leaves its limit.
/// </summary>
/// <param name="Name">The parametric ("DUT supply current").</param>
/// <param name="DoseUnit">Unit of dose in the fit.</param>
/// <param name="ValueUnit">Unit of the parametric in the fit.</param>
/// <param name="PreIrradiation">P0, the fitted pre-irradiation value.</param>
/// <param name="Coefficient">a, the drift coefficient (value unit per dose unit^n).</param>
/// <param name="Exponent">n: 1 is linear drift, below 1 saturating (trapped-charge build-up), above 1 accelerating (leakage onset).</param>
/// <param name="ResidualStandardDeviation">Scatter of the points about the fit, in the value unit.</param>
/// <param name="DegreesOfFreedom">Irradiation points minus 3.</param>
/// <param name="Limit">The limit the failure dose refers to, if any.</param>
/// <param name="FailureDose">Dose at which the fitted drift reaches the limit; null if it never does (or there is no limit).</param>
/// <param name="FailsBeforeIrradiation">True if the parametric is outside its limit before any dose.</param>
/// <param name="LastPassingDose">Highest dose step, below the first failing one, at which every point met the limit.</param>
/// <param name="FirstFailingDose">Lowest dose step at which a point missed the limit; null if none did.</param>
/// <param name="HighestDose">Highest dose tested.</param>
public sealed record ParametricDriftResult(
    string Name,
    Unit DoseUnit,
    Unit ValueUnit,
    FittedParameter PreIrradiation,
    FittedParameter Coefficient,
    FittedParameter Exponent,
    double ResidualStandardDeviation,
    int DegreesOfFreedom,
    Limit? Limit,
    FittedParameter? FailureDose,
    bool FailsBeforeIrradiation,
    Quantity? LastPassingDose,
    Quantity? FirstFailingDose,
    Quantity HighestDose)
{
    /// <summary>True if the fitted failure dose lies beyond the highest dose tested: an extrapolation, not a finding.</summary>
    public bool FailureDoseExtrapolated => FailureDose is { } dose && dose.Value.Value > HighestDose.In(DoseUnit);

    /// <summary>The fitted parametric at <paramref name="dose"/> (in <see cref="DoseUnit"/>).</summary>
    public double ValueAt(double dose) => PreIrradiation.Value.Value + (Coefficient.Value.Value * Math.Pow(Math.Max(dose, 0), Exponent.Value.Value));
}
