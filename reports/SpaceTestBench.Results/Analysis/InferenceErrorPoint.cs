using SpaceTestBench.Results.Quantities;

namespace SpaceTestBench.Results.Analysis;

/// <summary>An inference error rate with its Poisson confidence interval.</summary>
/// <param name="Condition">The condition it was measured under (fluence, dose), if any.</param>
/// <param name="Errors">Inferences that differed from the golden model.</param>
/// <param name="Inferences">Inferences checked.</param>
/// <param name="Rate">Errors / inferences.</param>
/// <param name="Lower">Lower bound of the rate.</param>
/// <param name="Upper">Upper bound of the rate (the zero-error bound without errors).</param>
public sealed record InferenceErrorPoint(Quantity? Condition, long Errors, long Inferences, double Rate, double Lower, double Upper);
