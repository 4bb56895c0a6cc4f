using SpaceTestBench.Results.Quantities;

namespace SpaceTestBench.Results.Recording;

/// <summary>A measured value with its limits and verdict.</summary>
/// <param name="BenchTime">When it was measured.</param>
/// <param name="ScenarioId">The scenario that measured it.</param>
/// <param name="StepIndex">Index of the step within the scenario.</param>
/// <param name="Name">What was measured ("DUT supply current").</param>
/// <param name="Value">The measured quantity.</param>
/// <param name="Limit">The limits it was judged against, if any.</param>
/// <param name="Verdict">Pass/Fail from the limits (Inconclusive for a counted rate its data cannot decide), NotSet if it has none.</param>
/// <param name="Role">The bench role that measured it.</param>
/// <param name="Instrument">The instrument's identity (model and serial).</param>
/// <param name="Conditions">The conditions it was measured under ("DUT supply voltage" = 1.71 V); see <see cref="WellKnownConditions"/>.</param>
public sealed record MeasurementRecorded(
    DateTimeOffset BenchTime,
    string ScenarioId,
    int StepIndex,
    string Name,
    Quantity Value,
    Limit? Limit,
    Verdict Verdict,
    string? Role,
    string? Instrument,
    IReadOnlyDictionary<string, Quantity> Conditions) : ResultEvent(BenchTime)
{
    /// <summary>
    /// How the verdict was decided when not by simple acceptance of the value against the limit (a counted rate
    /// judged on its confidence bounds, a default limit and its source), with every bound's convention; null
    /// for simple acceptance.
    /// </summary>
    public string? Decision { get; init; }
}
