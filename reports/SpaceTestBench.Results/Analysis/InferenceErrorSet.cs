using SpaceTestBench.Results.Store;

namespace SpaceTestBench.Results.Analysis;

/// <summary>Inference error counts of one kind in a run, as rates with intervals.</summary>
/// <param name="Name">The measurement name.</param>
/// <param name="ConditionName">The condition the rates are plotted against, if all share one.</param>
/// <param name="Measurements">The counts.</param>
/// <param name="Points">The rates.</param>
public sealed record InferenceErrorSet(string Name, string? ConditionName, IReadOnlyList<MeasurementResult> Measurements, IReadOnlyList<InferenceErrorPoint> Points);
