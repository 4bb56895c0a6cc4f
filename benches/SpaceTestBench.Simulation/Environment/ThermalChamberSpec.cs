namespace SpaceTestBench.Simulation.Environment;

/// <summary>
/// What a chamber can do: its setpoint range, how fast it can heat and cool, how its air (or shroud)
/// loop responds, and its vacuum system if it has one.
/// </summary>
/// <param name="MinimumKelvin">Lowest setpoint, K.</param>
/// <param name="MaximumKelvin">Highest setpoint, K.</param>
/// <param name="MaximumHeatingRate">Fastest heating, K/s.</param>
/// <param name="MaximumCoolingRate">Fastest cooling, K/s.</param>
/// <param name="NaturalFrequency">ω_n of the closed air loop, rad/s.</param>
/// <param name="DampingRatio">ζ of the closed air loop (below 1: it overshoots).</param>
/// <param name="PassiveTimeConstantSeconds">How fast the air drifts to ambient with control off, s.</param>
/// <param name="HasVacuum">True for a thermal-vacuum chamber.</param>
/// <param name="PumpTimeConstantSeconds">Pump-down time constant, s.</param>
/// <param name="BasePressurePascal">Ultimate pressure, Pa.</param>
/// <param name="VentTimeConstantSeconds">Venting time constant, s.</param>
public sealed record ThermalChamberSpec(
    double MinimumKelvin,
    double MaximumKelvin,
    double MaximumHeatingRate,
    double MaximumCoolingRate,
    double NaturalFrequency,
    double DampingRatio,
    double PassiveTimeConstantSeconds,
    bool HasVacuum,
    double PumpTimeConstantSeconds,
    double BasePressurePascal,
    double VentTimeConstantSeconds)
{
    /// <summary>Laboratory ambient the chamber starts at and drifts to, K (23 °C).</summary>
    public const double AmbientKelvin = 296.15;
}
