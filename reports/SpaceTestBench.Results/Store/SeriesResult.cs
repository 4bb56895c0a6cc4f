using SpaceTestBench.Results.Recording;

namespace SpaceTestBench.Results.Store;

/// <summary>A series with all its points, in the order they were appended.</summary>
/// <param name="Info">The series and its axes.</param>
/// <param name="X">x values in <see cref="SeriesInfo.XUnit"/> (seconds since <see cref="SeriesInfo.Origin"/> for a time series).</param>
/// <param name="Y">y values in <see cref="SeriesInfo.YUnit"/>.</param>
public sealed record SeriesResult(SeriesInfo Info, ReadOnlyMemory<double> X, ReadOnlyMemory<double> Y)
{
    /// <summary>Number of points.</summary>
    public int Count => X.Length;

    /// <summary>Bench time of a time series' point <paramref name="index"/>.</summary>
    public DateTimeOffset BenchTimeAt(int index) => Info.Origin + TimeSpan.FromSeconds(X.Span[index]);
}
