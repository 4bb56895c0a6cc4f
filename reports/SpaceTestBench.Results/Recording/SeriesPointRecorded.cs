namespace SpaceTestBench.Results.Recording;

/// <summary>One point appended to a series, in the series' units.</summary>
/// <param name="BenchTime">When it was appended.</param>
/// <param name="SeriesId">The series.</param>
/// <param name="X">x in the series' x unit (seconds since the origin for a time series).</param>
/// <param name="Y">y in the series' y unit.</param>
public sealed record SeriesPointRecorded(DateTimeOffset BenchTime, int SeriesId, double X, double Y) : ResultEvent(BenchTime);
