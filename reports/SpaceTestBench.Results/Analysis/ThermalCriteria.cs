using SpaceTestBench.Results.Quantities;

namespace SpaceTestBench.Results.Analysis;

/// <summary>When a temperature plateau counts as stable, and how long it must then dwell.</summary>
/// <param name="Tolerance">Largest allowed |T_DUT − setpoint| (a temperature difference).</param>
/// <param name="MaximumRate">Largest allowed |dT/dt| of the DUT, from a straight-line fit over <paramref name="RateWindow"/>.</param>
/// <param name="RateWindow">The trailing window the rate is fitted over.</param>
/// <param name="RequiredDwell">How long the DUT must stay stable at each plateau.</param>
public sealed record ThermalCriteria(Quantity Tolerance, Quantity MaximumRate, TimeSpan RateWindow, TimeSpan RequiredDwell)
{
    /// <summary>
    /// The defaults: within 2 K of setpoint and changing less than 3 K/h over 10 min (the settling rule
    /// of MIL-DTL-87104C §4.3.1.3 and the SMC-S-016 stabilisation rate), dwelling at least 10 min
    /// (MIL-STD-883 TM 1010). Procedures with other numbers give their own.
    /// </summary>
    public static ThermalCriteria Default { get; } = new(
        new Quantity(2, Units.Kelvin), new Quantity(3, Units.Parse("K/h")), TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(10));

    /// <summary>The tolerance in kelvin (as a difference: "2 °C" is 2 K).</summary>
    public double ToleranceKelvin => Difference(Tolerance, Dimension.TemperatureDim, "tolerance");

    /// <summary>The maximum rate in kelvin per second.</summary>
    public double MaximumRateKelvinPerSecond => Difference(MaximumRate, Dimension.TemperatureDim / Dimension.TimeDim, "maximum rate");

    private static double Difference(Quantity quantity, Dimension dimension, string what)
    {
        quantity.RequireSameDimension(dimension, $"use {quantity} as the thermal {what}");
        return Math.Abs(quantity.Value * quantity.Unit.Scale);
    }
}
