using SpaceTestBench.Results.Quantities;

namespace SpaceTestBench.Results.Analysis;

/// <summary>An inference error count with its Poisson (Garwood) confidence interval on the rate.</summary>
/// <param name="Condition">The condition it was measured under (fluence, dose), if any.</param>
/// <param name="Errors">Inferences that differed from the golden model: the count as counted, never a ratio rounded to a count.</param>
/// <param name="Inferences">Inferences checked.</param>
/// <param name="Rate">Errors / inferences.</param>
/// <param name="Lower">Lower bound of the rate (two-sided, Garwood).</param>
/// <param name="Upper">Upper bound of the rate (two-sided, Garwood; the zero-error bound 3.69/n at 95 % without errors).</param>
public sealed record InferenceErrorPoint(Quantity? Condition, long Errors, long Inferences, double Rate, double Lower, double Upper)
{
    /// <summary>The convention of <see cref="Lower"/> and <see cref="Upper"/>.</summary>
    public string Convention { get; init; } = CountInterval.Describe(0.95, oneSided: false);

    /// <summary>The rate limit judged on its one-sided bound, if the measurement carried an upper limit on the rate.</summary>
    public RateDemonstration? Demonstration { get; init; }
}
