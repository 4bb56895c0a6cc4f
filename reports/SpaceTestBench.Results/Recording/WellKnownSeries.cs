using SpaceTestBench.Results.Quantities;

namespace SpaceTestBench.Results.Recording;

/// <summary>
/// Series names the analyses and the report understand. A scenario's temperature time series under
/// these names make its temperature profile and dwell verification; any current time series in a
/// scenario with latch-up events makes its latch-up current traces.
/// </summary>
public static class WellKnownSeries
{
    /// <summary>The thermal chamber's setpoint (temperature).</summary>
    public const string ChamberSetpoint = "chamber setpoint";

    /// <summary>The chamber air (or TVAC shroud/baseplate) temperature.</summary>
    public const string ChamberAirTemperature = "chamber air temperature";

    /// <summary>The DUT (case or load) temperature, which JESD22-A104 requires to reach the extremes.</summary>
    public const string DutTemperature = "DUT temperature";

    /// <summary>Air-to-air thermal shock: the extreme the load is to reach (a step at each transfer).</summary>
    public const string ShockSpecifiedTemperature = "specified load temperature";

    /// <summary>Air-to-air thermal shock: the air of the zone the basket is in.</summary>
    public const string ShockZoneAirTemperature = "air temperature around the basket";

    /// <summary>Air-to-air thermal shock: the worst-case load's thermocouple.</summary>
    public const string ShockLoadTemperature = "load temperature";

    /// <summary>The DUT supply current monitored for latch-up.</summary>
    public const string DutSupplyCurrent = "DUT supply current";

    private static readonly Dictionary<string, Dimension> Dimensions = new(StringComparer.Ordinal)
    {
        [ChamberSetpoint] = Dimension.TemperatureDim,
        [ChamberAirTemperature] = Dimension.TemperatureDim,
        [DutTemperature] = Dimension.TemperatureDim,
        [DutSupplyCurrent] = Dimension.CurrentDim,
        [ShockSpecifiedTemperature] = Dimension.TemperatureDim,
        [ShockZoneAirTemperature] = Dimension.TemperatureDim,
        [ShockLoadTemperature] = Dimension.TemperatureDim,
    };

    /// <summary>The dimension a well-known series must have, or null for any other name.</summary>
    public static Dimension? DimensionOf(string name) => Dimensions.TryGetValue(name, out var dimension) ? dimension : null;
}
