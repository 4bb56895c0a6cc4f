namespace SpaceTestBench.Results.Analysis;

/// <summary>Confidence bounds on a Poisson mean (the expected number of events behind an observed count).</summary>
/// <param name="Count">The observed count.</param>
/// <param name="Lower">Lower bound on the mean (0 for a one-sided bound or a zero count).</param>
/// <param name="Upper">Upper bound on the mean.</param>
/// <param name="Confidence">The confidence level (0.95).</param>
/// <param name="OneSided">True for an upper bound only.</param>
public readonly record struct CountInterval(long Count, double Lower, double Upper, double Confidence, bool OneSided);
