namespace SpaceTestBench.Bench.Procedures;

/// <summary>One segment of a thermal profile: go to a temperature at a rate and settle there, then soak.</summary>
/// <param name="SetpointKelvin">Where to go, K.</param>
/// <param name="RampKelvinPerSecond">How fast; null: as fast as the chamber can.</param>
/// <param name="Soak">How long to hold once settled (the dwell).</param>
public sealed record ThermalProfileSegment(double SetpointKelvin, double? RampKelvinPerSecond, TimeSpan Soak);

/// <summary>
/// A thermal profile run from the bench rather than stored in the chamber's controller: vendor-neutral, and
/// the bench can act at every segment (a functional test at the extremes). Settled means the air within
/// <see cref="SettleToleranceKelvin"/> of the setpoint and the DUT changing less than
/// <see cref="SteadyKelvin"/> over one <see cref="SettleInterval"/> (after MIL-DTL-87104C §4.3.1.3). The DUT is
/// not required to reach the setpoint: a powered DUT settles above the air by its self-heating.
/// </summary>
/// <param name="Segments">The segments, in order.</param>
public sealed record ThermalProfile(IReadOnlyList<ThermalProfileSegment> Segments)
{
    /// <summary>Air settle tolerance, K.</summary>
    public double SettleToleranceKelvin { get; init; } = 2;

    /// <summary>Largest DUT temperature change over one settle interval for it to count as steady, K.</summary>
    public double SteadyKelvin { get; init; } = 0.5;

    /// <summary>How often settling is checked, and the window over which the DUT must be steady.</summary>
    public TimeSpan SettleInterval { get; init; } = TimeSpan.FromMinutes(4);

    /// <summary>Longest wait for a segment to settle before the profile fails.</summary>
    public TimeSpan SettleTimeout { get; init; } = TimeSpan.FromHours(6);

    /// <summary>
    /// <paramref name="cycles"/> cycles hot then cold (e.g. TM 1010 condition B, or the −34/+71 °C qualification
    /// cycles of SMC-S-016), each extreme held for <paramref name="dwell"/>.
    /// </summary>
    public static ThermalProfile Cycles(double coldKelvin, double hotKelvin, double rampKelvinPerSecond, TimeSpan dwell, int cycles)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(cycles);
        var segments = new List<ThermalProfileSegment>();
        for (var i = 0; i < cycles; i++)
        {
            segments.Add(new ThermalProfileSegment(hotKelvin, rampKelvinPerSecond, dwell));
            segments.Add(new ThermalProfileSegment(coldKelvin, rampKelvinPerSecond, dwell));
        }

        return new ThermalProfile(segments);
    }
}
