using SpaceTestBench.Results.Quantities;

namespace SpaceTestBench.Results.Recording;

/// <summary>
/// Names of the values of a <see cref="BenchEventKind.Criteria"/> event that the analyses understand. A scenario
/// that states its thermal stability criteria records them under these names; the thermal analysis of that
/// scenario uses them, and the report shows them as the scenario's.
/// </summary>
public static class WellKnownCriteria
{
    /// <summary>How close to the setpoint the DUT must be to count as at temperature (temperature difference).</summary>
    public const string StabilityTolerance = "stability tolerance";

    /// <summary>The largest rate of change that counts as stable (temperature per time, e.g. K/h).</summary>
    public const string StabilityRate = "stability rate";

    /// <summary>The window over which the rate of change is estimated (time).</summary>
    public const string StabilityWindow = "stability window";

    /// <summary>How long the DUT must dwell at temperature once stable (time).</summary>
    public const string Dwell = "dwell";

    private static readonly Dictionary<string, Dimension> Dimensions = new(StringComparer.Ordinal)
    {
        [StabilityTolerance] = Dimension.TemperatureDim,
        [StabilityRate] = Dimension.TemperatureDim / Dimension.TimeDim,
        [StabilityWindow] = Dimension.TimeDim,
        [Dwell] = Dimension.TimeDim,
    };

    /// <summary>The dimension a well-known criterion must have, or null for any other name.</summary>
    public static Dimension? DimensionOf(string name) => Dimensions.TryGetValue(name, out var dimension) ? dimension : null;
}
