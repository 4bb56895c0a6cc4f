namespace SpaceTestBench.Results.Recording;

/// <summary>What the x axis of a series is.</summary>
public enum SeriesKind
{
    /// <summary>x is bench time, in seconds since the series began.</summary>
    Time,

    /// <summary>x is a swept quantity (received power, voltage, dose).</summary>
    Sweep,
}
