using SpaceTestBench.Results.Store;

namespace SpaceTestBench.Results.Analysis;

/// <summary>Bit-error counts at several received powers in one scenario, and the waterfall fit.</summary>
/// <param name="ScenarioId">The scenario.</param>
/// <param name="Name">The measurement name ("bit errors").</param>
/// <param name="Measurements">The counts.</param>
/// <param name="Points">BER per power with Poisson intervals.</param>
/// <param name="TargetRatio">The target BER the sensitivity is quoted at.</param>
/// <param name="Waterfall">The fit, if the data support one.</param>
/// <param name="Problem">Why there is no fit, if there is none.</param>
public sealed record WaterfallSet(
    string ScenarioId,
    string Name,
    IReadOnlyList<MeasurementResult> Measurements,
    IReadOnlyList<BitErrorRatioPoint> Points,
    double TargetRatio,
    BitErrorRatioWaterfall? Waterfall,
    string? Problem)
{
    /// <summary>Where the receiver law came from ("DUT profile: DPSK", or why it was chosen otherwise).</summary>
    public string ModulationSource { get; init; } = "";
}
