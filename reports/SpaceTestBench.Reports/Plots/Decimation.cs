namespace SpaceTestBench.Reports.Plots;

/// <summary>
/// Thins a long trace for display without losing its extrema: the x range is cut into one bucket per
/// pixel column and each bucket keeps its lowest and highest point, in the order they occur. A latch-up
/// spike one sample wide still reaches its full height on the plot; a million points become at most
/// two per column. The full-resolution data stay in the store and the series CSV.
/// </summary>
public static class Decimation
{
    /// <summary>
    /// The points to draw for <paramref name="xs"/>/<paramref name="ys"/> (x ascending) across
    /// <paramref name="columns"/> pixel columns. NaN values are skipped. Short traces come back unchanged.
    /// </summary>
    public static (double[] Xs, double[] Ys) MinMaxPerColumn(ReadOnlySpan<double> xs, ReadOnlySpan<double> ys, int columns)
    {
        if (xs.Length != ys.Length)
        {
            throw new ArgumentException($"{xs.Length} x values but {ys.Length} y values.", nameof(ys));
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(columns);
        if (xs.Length <= 2 * columns)
        {
            return Finite(xs, ys);
        }

        double first = xs[0], last = xs[^1];
        var width = (last - first) / columns;
        if (!(width > 0))
        {
            return Finite(xs, ys);
        }

        var outX = new List<double>(2 * columns);
        var outY = new List<double>(2 * columns);
        var bucket = -1;
        int minAt = -1, maxAt = -1;
        for (var i = 0; i < xs.Length; i++)
        {
            if (double.IsNaN(ys[i]) || double.IsNaN(xs[i]))
            {
                continue;
            }

            var column = Math.Min(columns - 1, (int)((xs[i] - first) / width));
            if (column != bucket)
            {
                Flush(xs, ys, minAt, maxAt, outX, outY);
                (bucket, minAt, maxAt) = (column, i, i);
                continue;
            }

            if (ys[i] < ys[minAt])
            {
                minAt = i;
            }

            if (ys[i] > ys[maxAt])
            {
                maxAt = i;
            }
        }

        Flush(xs, ys, minAt, maxAt, outX, outY);
        return (outX.ToArray(), outY.ToArray());
    }

    private static void Flush(ReadOnlySpan<double> xs, ReadOnlySpan<double> ys, int minAt, int maxAt, List<double> outX, List<double> outY)
    {
        if (minAt < 0)
        {
            return;
        }

        var (a, b) = minAt <= maxAt ? (minAt, maxAt) : (maxAt, minAt);
        outX.Add(xs[a]);
        outY.Add(ys[a]);
        if (b != a)
        {
            outX.Add(xs[b]);
            outY.Add(ys[b]);
        }
    }

    private static (double[] Xs, double[] Ys) Finite(ReadOnlySpan<double> xs, ReadOnlySpan<double> ys)
    {
        var outX = new List<double>(xs.Length);
        var outY = new List<double>(xs.Length);
        for (var i = 0; i < xs.Length; i++)
        {
            if (!double.IsNaN(xs[i]) && !double.IsNaN(ys[i]))
            {
                outX.Add(xs[i]);
                outY.Add(ys[i]);
            }
        }

        return (outX.ToArray(), outY.ToArray());
    }
}
