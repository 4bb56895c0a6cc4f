namespace SpaceTestBench.Simulation.Environment;

/// <summary>
/// What a two-zone (air-to-air) thermal shock chamber can do: each zone's setpoint range, its thermal mass (air,
/// walls and the heat-storage block that gives a shock chamber its recovery), its heating and refrigeration
/// power and its loss to the room; how strongly the zone air couples to the load in the basket; and how long the
/// elevator takes between the zones.
/// </summary>
/// <param name="HotMinimumKelvin">Lowest hot-zone setpoint, K.</param>
/// <param name="HotMaximumKelvin">Highest hot-zone setpoint, K.</param>
/// <param name="ColdMinimumKelvin">Lowest cold-zone setpoint, K.</param>
/// <param name="ColdMaximumKelvin">Highest cold-zone setpoint, K.</param>
/// <param name="ZoneHeatCapacity">Heat capacity of each zone (air, walls, storage block), J/K.</param>
/// <param name="HotHeatingWatts">The hot zone's heater power, W.</param>
/// <param name="HotCoolingWatts">How fast the hot zone can shed heat besides its loss (a vent damper), W.</param>
/// <param name="ColdCoolingWatts">The cold zone's refrigeration capacity at its working temperatures, W.</param>
/// <param name="ColdHeatingWatts">The cold zone's (defrost) heater power, W.</param>
/// <param name="ZoneLossWattsPerKelvin">Each zone's heat leak to the room, W/K.</param>
/// <param name="ControlTimeConstantSeconds">How fast a zone's loop pulls its air to the setpoint when its power suffices, s.</param>
/// <param name="BasketConductanceWattsPerKelvin">h·A between a zone's circulated air and the load in the basket, W/K.</param>
/// <param name="ShaftConductanceWattsPerKelvin">h·A between the load and the still air of the shaft during a transfer, W/K.</param>
/// <param name="TransferSeconds">How long the elevator takes from one zone to the other, s.</param>
public sealed record ThermalShockChamberSpec(
    double HotMinimumKelvin,
    double HotMaximumKelvin,
    double ColdMinimumKelvin,
    double ColdMaximumKelvin,
    double ZoneHeatCapacity,
    double HotHeatingWatts,
    double HotCoolingWatts,
    double ColdCoolingWatts,
    double ColdHeatingWatts,
    double ZoneLossWattsPerKelvin,
    double ControlTimeConstantSeconds,
    double BasketConductanceWattsPerKelvin,
    double ShaftConductanceWattsPerKelvin,
    double TransferSeconds)
{
    /// <summary>
    /// A two-zone chamber of the 100 l class (hot zone to +200 °C, cold zone to −75 °C, a storage block of some
    /// 60 kJ/K per zone, 6 kW of heat, 4.5 kW of cascade refrigeration), its basket in 4–5 m/s of circulated air,
    /// the elevator 10 s between the zones: the catalogue figures of such chambers (transfer within 10 s, recovery
    /// within 5 min for the rated load).
    /// </summary>
    public static ThermalShockChamberSpec Default { get; } = new(
        HotMinimumKelvin: 273.15, HotMaximumKelvin: 473.15, ColdMinimumKelvin: 198.15, ColdMaximumKelvin: 333.15,
        ZoneHeatCapacity: 60_000, HotHeatingWatts: 6_000, HotCoolingWatts: 1_000, ColdCoolingWatts: 4_500, ColdHeatingWatts: 1_000,
        ZoneLossWattsPerKelvin: 5, ControlTimeConstantSeconds: 60, BasketConductanceWattsPerKelvin: 20, ShaftConductanceWattsPerKelvin: 4,
        TransferSeconds: 10);
}
