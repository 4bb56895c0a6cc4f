namespace SpaceTestBench.Instruments.Roles;

/// <summary>
/// The thermal chamber role: setpoint, ramp rate, and the air (or shroud) and DUT temperatures.
/// Temperatures are in kelvin and rates in K/s, the SI units a parsed quantity gives.
/// </summary>
public interface IThermalChamber : IInstrument
{
    /// <summary>Programs the setpoint; the chamber ramps to it at the programmed ramp rate.</summary>
    Task SetSetpointAsync(double kelvin, CancellationToken cancellationToken = default);

    /// <summary>The programmed setpoint.</summary>
    [IdempotentQuery]
    Task<double> GetSetpointAsync(CancellationToken cancellationToken = default);

    /// <summary>Limits how fast the setpoint moves (K/s); null: as fast as the chamber can.</summary>
    Task SetRampRateAsync(double? kelvinPerSecond, CancellationToken cancellationToken = default);

    /// <summary>Measures the chamber air (or shroud/platen) temperature.</summary>
    [IdempotentQuery]
    Task<double> MeasureAirTemperatureAsync(CancellationToken cancellationToken = default);

    /// <summary>Measures the DUT temperature (the product thermocouple).</summary>
    [IdempotentQuery]
    Task<double> MeasureDutTemperatureAsync(CancellationToken cancellationToken = default);
}
