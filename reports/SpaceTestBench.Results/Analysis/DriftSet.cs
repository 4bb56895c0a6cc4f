using System.Globalization;
using SpaceTestBench.Results.Quantities;
using SpaceTestBench.Results.Store;

namespace SpaceTestBench.Results.Analysis;

/// <summary>
/// One parametric of one sample at one dose rate in one scenario, measured at dose steps (and anneal steps), with its
/// drift analysis. Groups the procedure keeps apart (scenarios, samples, dose rates) are never pooled.
/// </summary>
/// <param name="ScenarioId">The scenario it was measured in.</param>
/// <param name="Name">The parametric ("core supply current").</param>
/// <param name="Sample">The sample's number (condition <c>sample</c>), if recorded.</param>
/// <param name="DoseRate">The dose rate (condition <c>dose rate</c>), if recorded.</param>
/// <param name="Measurements">Its measurements, in recording order.</param>
/// <param name="Points">Dose, value and anneal of each (same order).</param>
/// <param name="Limit">The limit they were judged against (the first measurement's).</param>
/// <param name="Result">The drift analysis, if the data support one.</param>
/// <param name="Problem">Why there is no drift analysis, if there is none.</param>
public sealed record DriftSet(
    string ScenarioId,
    string Name,
    double? Sample,
    Quantity? DoseRate,
    IReadOnlyList<MeasurementResult> Measurements,
    IReadOnlyList<DosePoint> Points,
    Limit? Limit,
    ParametricDriftResult? Result,
    string? Problem)
{
    /// <summary>"core supply current, sample 2, 50 rad(Si)/h": what the findings and the report call it.</summary>
    public string Subject => Name
        + (Sample is { } s ? string.Create(CultureInfo.InvariantCulture, $", sample {s:0.##}") : "")
        + (DoseRate is { } r && !Name.Contains(r.ToString(), StringComparison.Ordinal) ? $", {r}" : "");
}
