using SpaceTestBench.Results.Quantities;

namespace SpaceTestBench.Results.Analysis;

/// <summary>
/// What the drift analysis of one parametric (one scenario, sample and dose rate) found: whether it drifts at all,
/// the drift laws tried and the one chosen by AICc, and where the chosen law reaches the limit.
/// </summary>
/// <param name="Name">The parametric ("core supply current").</param>
/// <param name="DoseUnit">Unit of dose in the fit.</param>
/// <param name="ValueUnit">Unit of the parametric in the fit.</param>
/// <param name="MeasuredPreIrradiation">The mean of the measured D = 0 values (the pre-irradiation reference), if any; the D = 0 point of the fit.</param>
/// <param name="PreIrradiationPoints">How many D = 0 measurements there are.</param>
/// <param name="Significance">The F-test of a drift against a constant.</param>
/// <param name="Candidates">Every law tried, with its fit or the reason it was refused.</param>
/// <param name="Model">The chosen law (lowest AICc among those identified); null if the drift is not significant or no law is identifiable.</param>
/// <param name="NoFitReason">Why there is no chosen law, if there is none.</param>
/// <param name="Limit">The limit the failure dose refers to, if any.</param>
/// <param name="FailureDose">Where the chosen law reaches the limit the drift heads towards, stated only within 2× the highest dose tested.</param>
/// <param name="FailureDoseStatement">The failure dose as the report states it ("beyond 2× the highest dose tested (150 krad(Si))", "no significant drift: no failure dose").</param>
/// <param name="FailsBeforeIrradiation">True if a measured pre-irradiation value is outside the limit.</param>
/// <param name="LastPassingDose">Highest dose step, below the first failing one, at which every measured value met the limit.</param>
/// <param name="FirstFailingDose">Lowest dose step at which a measured value missed the limit; null if none did.</param>
/// <param name="HighestDose">Highest dose tested.</param>
public sealed record ParametricDriftResult(
    string Name,
    Unit DoseUnit,
    Unit ValueUnit,
    Quantity? MeasuredPreIrradiation,
    int PreIrradiationPoints,
    DriftSignificance Significance,
    IReadOnlyList<DriftCandidate> Candidates,
    DriftModelFit? Model,
    string? NoFitReason,
    Limit? Limit,
    FittedParameter? FailureDose,
    string FailureDoseStatement,
    bool FailsBeforeIrradiation,
    Quantity? LastPassingDose,
    Quantity? FirstFailingDose,
    Quantity HighestDose)
{
    /// <summary>How far beyond the highest dose tested a failure dose is still stated (ISO practice: extrapolation beyond ~1.5–2× is not a finding).</summary>
    public const double ExtrapolationFactor = 2;

    /// <summary>True if the chosen law reaches the limit within the dose tested: a judged failure.</summary>
    public bool FailsWithinTestedDose => FailureDose is { } dose && dose.Value.Value <= HighestDose.In(DoseUnit);

    /// <summary>True if the stated failure dose lies beyond the highest dose tested (but within 2× it): an extrapolation.</summary>
    public bool FailureDoseExtrapolated => FailureDose is { } dose && dose.Value.Value > HighestDose.In(DoseUnit);

    /// <summary>The fitted parametric at <paramref name="dose"/> (in <see cref="DoseUnit"/>); NaN without a chosen law.</summary>
    public double ValueAt(double dose) => Model?.ValueAt(dose) ?? double.NaN;
}
