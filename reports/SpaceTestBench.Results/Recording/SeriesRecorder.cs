using SpaceTestBench.Results.Quantities;

namespace SpaceTestBench.Results.Recording;

/// <summary>
/// Appends points to one series. Every point passes through the recorder's sinks; the store batches
/// points into transactions (see <see cref="Store.StoreOptions"/>), so appending at a high rate is cheap.
/// </summary>
public sealed class SeriesRecorder
{
    private readonly ResultRecorder _run;
    private long _count;

    internal SeriesRecorder(ResultRecorder run, SeriesInfo info)
    {
        _run = run;
        Info = info;
    }

    /// <summary>The series.</summary>
    public SeriesInfo Info { get; }

    /// <summary>Points appended so far.</summary>
    public long PointCount => Interlocked.Read(ref _count);

    /// <summary>Appends a reading taken now (time series).</summary>
    public void Append(Quantity y) => AppendAt(_run.Clock.GetUtcNow(), y);

    /// <summary>Appends a reading taken at <paramref name="benchTime"/> (time series; for instruments that buffer timestamped readings).</summary>
    public void AppendAt(DateTimeOffset benchTime, Quantity y)
    {
        if (Info.Kind != SeriesKind.Time)
        {
            throw new InvalidOperationException($"'{Info.Name}' is a sweep over {Info.XName}; append (x, y) pairs to it.");
        }

        Emit(benchTime, (benchTime - Info.Origin).TotalSeconds, In(y, Info.YUnit, Info.Name));
    }

    /// <summary>Appends a point of a sweep.</summary>
    public void Append(Quantity x, Quantity y)
    {
        if (Info.Kind != SeriesKind.Sweep)
        {
            throw new InvalidOperationException($"'{Info.Name}' is a time series; append readings to it, x is bench time.");
        }

        Emit(_run.Clock.GetUtcNow(), In(x, Info.XUnit, Info.XName), In(y, Info.YUnit, Info.Name));
    }

    private void Emit(DateTimeOffset benchTime, double x, double y)
    {
        _run.Emit(new SeriesPointRecorded(benchTime, Info.SeriesId, x, y));
        Interlocked.Increment(ref _count);
    }

    // The hot path of a high-rate monitor: no conversion when the unit already matches, and no message
    // text built unless the dimension is wrong.
    private static double In(Quantity value, Unit unit, string what)
    {
        if (value.Unit.Equals(unit))
        {
            return value.Value;
        }

        if (value.Dimension != unit.Dimension)
        {
            value.RequireSameDimension(unit.Dimension, $"append {value} to '{what}' in {unit.Symbol}");
        }

        return unit.FromSi(value.SiValue);
    }
}
