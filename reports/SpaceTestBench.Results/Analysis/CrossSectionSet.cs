using SpaceTestBench.Results.Store;

namespace SpaceTestBench.Results.Analysis;

/// <summary>The single-event exposures of one effect in a run, their cross-sections and Weibull fit.</summary>
/// <param name="Name">The measurement name ("SEU events").</param>
/// <param name="Measurements">The exposure measurements.</param>
/// <param name="Points">Their cross-sections.</param>
/// <param name="Fit">The Weibull fit, if the data support one.</param>
/// <param name="Problem">Why there is no fit (or no cross-sections), if there is none.</param>
public sealed record CrossSectionSet(
    string Name,
    IReadOnlyList<MeasurementResult> Measurements,
    IReadOnlyList<CrossSectionPoint> Points,
    WeibullFitResult? Fit,
    string? Problem)
{
    /// <summary>The scenario a finding about the whole set is filed under: the one of its last exposure.</summary>
    public string ScenarioId => Measurements.Count > 0 ? Measurements[^1].ScenarioId : "";
}
