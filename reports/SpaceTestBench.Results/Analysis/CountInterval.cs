namespace SpaceTestBench.Results.Analysis;

/// <summary>Confidence bounds on a Poisson mean (the expected number of events behind an observed count).</summary>
/// <param name="Count">The observed count.</param>
/// <param name="Lower">Lower bound on the mean (0 for a one-sided bound or a zero count).</param>
/// <param name="Upper">Upper bound on the mean.</param>
/// <param name="Confidence">The confidence level (0.95).</param>
/// <param name="OneSided">True for an upper bound only.</param>
public readonly record struct CountInterval(long Count, double Lower, double Upper, double Confidence, bool OneSided)
{
    /// <summary>
    /// The convention, as every printed interval or bound must state it: "two-sided 95 % (Garwood)" — whose upper end is a
    /// one-sided 97.5 % bound — or "one-sided 95 % upper bound (Garwood)".
    /// </summary>
    public string Convention => Describe(Confidence, OneSided);

    /// <summary>The convention of a Garwood interval (<paramref name="oneSided"/> false) or bound at <paramref name="confidence"/>.</summary>
    public static string Describe(double confidence, bool oneSided) => oneSided
        ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"one-sided {confidence * 100:0.##} % upper bound (Garwood)")
        : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"two-sided {confidence * 100:0.##} % (Garwood)");
}
