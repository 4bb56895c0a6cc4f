namespace SpaceTestBench.Reports.Plots;

/// <summary>Bench time on a plot's x axis: seconds, minutes or hours since a zero, whichever reads best.</summary>
internal sealed record TimeAxis(DateTimeOffset Zero, double SecondsPerUnit, string Unit)
{
    public static TimeAxis For(DateTimeOffset zero, double spanSeconds) => spanSeconds switch
    {
        > 3 * 3600 => new TimeAxis(zero, 3600, "h"),
        > 3 * 60 => new TimeAxis(zero, 60, "min"),
        > 3 => new TimeAxis(zero, 1, "s"),
        _ => new TimeAxis(zero, 1e-3, "ms"),
    };

    /// <summary>x on this axis of a point <paramref name="seconds"/> after <paramref name="origin"/>.</summary>
    public double X(DateTimeOffset origin, double seconds) => ((origin - Zero).TotalSeconds + seconds) / SecondsPerUnit;

    /// <summary>The axis label.</summary>
    public string Label(string what) => $"{what} ({Unit} of bench time since {Zero.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC)";
}
