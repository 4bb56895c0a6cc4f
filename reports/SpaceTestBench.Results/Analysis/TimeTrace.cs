using SpaceTestBench.Results.Quantities;

namespace SpaceTestBench.Results.Analysis;

/// <summary>A monitored quantity against bench time, as analyses take it.</summary>
/// <param name="Origin">Bench time of t = 0.</param>
/// <param name="Seconds">Sample times in seconds since <paramref name="Origin"/>, ascending.</param>
/// <param name="Values">Sample values in <paramref name="Unit"/>.</param>
/// <param name="Unit">Unit of the values.</param>
public sealed record TimeTrace(DateTimeOffset Origin, ReadOnlyMemory<double> Seconds, ReadOnlyMemory<double> Values, Unit Unit)
{
    /// <summary>Number of samples.</summary>
    public int Count => Seconds.Length;
}
