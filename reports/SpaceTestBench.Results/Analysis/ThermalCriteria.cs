using SpaceTestBench.Results.Quantities;

namespace SpaceTestBench.Results.Analysis;

/// <summary>When a temperature plateau counts as stable, and how long it must then dwell.</summary>
/// <param name="Tolerance">Largest allowed |T_DUT − setpoint| (a temperature difference).</param>
/// <param name="MaximumRate">Largest allowed |dT/dt| of the DUT, from a straight-line fit over <paramref name="RateWindow"/>.</param>
/// <param name="RateWindow">The trailing window the rate is fitted over.</param>
/// <param name="RequiredDwell">How long the DUT must stay stable at each plateau.</param>
public sealed record ThermalCriteria(Quantity Tolerance, Quantity MaximumRate, TimeSpan RateWindow, TimeSpan RequiredDwell)
{
    /// <summary>Where the criteria come from, as the report states it ("the scenario's criteria", "defaults: the scenario recorded none").</summary>
    public string Source { get; init; } = "defaults";

    /// <summary>
    /// The criteria a scenario recorded (a <see cref="Recording.BenchEventKind.Criteria"/> event's values under
    /// <see cref="Recording.WellKnownCriteria"/> names), each missing one taken from <paramref name="fallback"/>; <see cref="Source"/>
    /// says which were the scenario's and which defaults.
    /// </summary>
    public static ThermalCriteria From(IReadOnlyDictionary<string, Quantity>? values, ThermalCriteria fallback)
    {
        ArgumentNullException.ThrowIfNull(fallback);
        if (values is null || values.Count == 0)
        {
            return fallback with { Source = "defaults: the scenario recorded no stability criteria" };
        }

        var missing = new List<string>();
        Quantity Take(string name, Quantity otherwise)
        {
            if (values.TryGetValue(name, out var q))
            {
                return q;
            }

            missing.Add(name);
            return otherwise;
        }

        TimeSpan Time(string name, TimeSpan otherwise) => TimeSpan.FromSeconds(Take(name, new Quantity(otherwise.TotalSeconds, Units.Second)).In(Units.Second));
        var criteria = new ThermalCriteria(
            Take(Recording.WellKnownCriteria.StabilityTolerance, fallback.Tolerance),
            Take(Recording.WellKnownCriteria.StabilityRate, fallback.MaximumRate),
            Time(Recording.WellKnownCriteria.StabilityWindow, fallback.RateWindow),
            Time(Recording.WellKnownCriteria.Dwell, fallback.RequiredDwell));
        return criteria with
        {
            Source = missing.Count == 0 ? "the scenario's criteria" : $"the scenario's criteria; defaults for {string.Join(", ", missing)} (not recorded)",
        };
    }

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
