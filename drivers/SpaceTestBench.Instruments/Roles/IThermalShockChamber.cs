namespace SpaceTestBench.Instruments.Roles;

/// <summary>A zone of a two-zone (air-to-air) thermal shock chamber.</summary>
public enum ShockZone
{
    /// <summary>The hot zone.</summary>
    Hot,

    /// <summary>The cold zone.</summary>
    Cold,
}

/// <summary>Where the basket of a two-zone chamber is.</summary>
public enum BasketPosition
{
    /// <summary>At rest in the hot zone.</summary>
    Hot,

    /// <summary>At rest in the cold zone.</summary>
    Cold,

    /// <summary>Travelling between the zones.</summary>
    Moving,
}

/// <summary>
/// The thermal shock chamber role (MIL-STD-883 TM 1010, air to air): a hot zone and a cold zone held at their
/// setpoints, a basket (elevator) that carries the load from one to the other, and a thermocouple on the
/// worst-case load. Temperatures are in kelvin.
/// </summary>
public interface IThermalShockChamber : IInstrument
{
    /// <summary>Programs the hot zone's air setpoint.</summary>
    Task SetHotZoneSetpointAsync(double kelvin, CancellationToken cancellationToken = default);

    /// <summary>Programs the cold zone's air setpoint.</summary>
    Task SetColdZoneSetpointAsync(double kelvin, CancellationToken cancellationToken = default);

    /// <summary>The programmed setpoint of <paramref name="zone"/>.</summary>
    [IdempotentQuery]
    Task<double> GetZoneSetpointAsync(ShockZone zone, CancellationToken cancellationToken = default);

    /// <summary>Measures the air temperature of <paramref name="zone"/>.</summary>
    [IdempotentQuery]
    Task<double> MeasureZoneTemperatureAsync(ShockZone zone, CancellationToken cancellationToken = default);

    /// <summary>Starts moving the basket into <paramref name="zone"/>; <see cref="GetBasketPositionAsync"/> says when it is there.</summary>
    Task MoveBasketAsync(ShockZone zone, CancellationToken cancellationToken = default);

    /// <summary>Where the basket is.</summary>
    [IdempotentQuery]
    Task<BasketPosition> GetBasketPositionAsync(CancellationToken cancellationToken = default);

    /// <summary>Measures the worst-case load's temperature (its thermocouple).</summary>
    [IdempotentQuery]
    Task<double> MeasureLoadTemperatureAsync(CancellationToken cancellationToken = default);
}
