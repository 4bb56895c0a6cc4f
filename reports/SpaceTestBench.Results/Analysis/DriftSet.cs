using SpaceTestBench.Results.Store;

namespace SpaceTestBench.Results.Analysis;

/// <summary>A parametric measured at dose steps (and anneal steps) in a run, with its drift fit.</summary>
/// <param name="Name">The parametric ("DUT supply current").</param>
/// <param name="Measurements">Its measurements.</param>
/// <param name="Points">Dose, value and anneal time of each.</param>
/// <param name="Limit">The limit they were judged against (the first measurement's).</param>
/// <param name="Result">The drift fit, if the data support one.</param>
/// <param name="Problem">Why there is no fit, if there is none.</param>
public sealed record DriftSet(
    string Name,
    IReadOnlyList<MeasurementResult> Measurements,
    IReadOnlyList<DosePoint> Points,
    Limit? Limit,
    ParametricDriftResult? Result,
    string? Problem);
