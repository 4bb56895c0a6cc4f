namespace SpaceTestBench.Results.Analysis;

/// <summary>A drift law tried on a parametric: its fit, or why the data cannot identify it.</summary>
/// <param name="Model">The law.</param>
/// <param name="Fit">The fit, if the data identify the law.</param>
/// <param name="Refusal">Why the law was not fitted or not accepted (too few points, a parameter running to the edge of its range, parameters that trade off perfectly).</param>
public sealed record DriftCandidate(DriftModel Model, DriftModelFit? Fit, string? Refusal);
