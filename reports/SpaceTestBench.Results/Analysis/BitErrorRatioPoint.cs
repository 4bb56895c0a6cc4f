using SpaceTestBench.Results.Quantities;

namespace SpaceTestBench.Results.Analysis;

/// <summary>A measured bit error ratio with its Poisson confidence interval.</summary>
/// <param name="Count">The count it comes from.</param>
/// <param name="ReceivedPower">Received power in dBm.</param>
/// <param name="Ratio">Errors / bits.</param>
/// <param name="Lower">Lower bound (0 without errors).</param>
/// <param name="Upper">Upper bound (the error-free bound, e.g. 3.69/n at 95 % two-sided, without errors).</param>
public sealed record BitErrorRatioPoint(BitErrorCount Count, Quantity ReceivedPower, double Ratio, double Lower, double Upper)
{
    /// <summary>True if no error was seen: the BER is only bounded from above.</summary>
    public bool ErrorFree => Count.Errors == 0;
}
