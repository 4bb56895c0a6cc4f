namespace SpaceTestBench.Instruments.Roles;

/// <summary>
/// A thermal chamber whose controller watches its own air temperature: armed with a low and a high limit, it
/// requests service (IEEE 488.2 SRQ, status byte MSS through *SRE) the moment the air leaves them, so the bench
/// need not poll the air to catch a deviation. Temperatures are in kelvin.
/// </summary>
public interface IThermalChamberAlarm : IThermalChamber
{
    /// <summary>
    /// Arms the controller's air alarm between <paramref name="lowKelvin"/> and <paramref name="highKelvin"/>; read
    /// <see cref="ReadAirAlarmEventAsync"/> after each request.
    /// </summary>
    [InstrumentWatch]
    Task ArmAirAlarmAsync(double lowKelvin, double highKelvin, CancellationToken cancellationToken = default);

    /// <summary>
    /// Whether the air alarm is on: a controller that was reset or rebooted has it off (and its request enables cleared),
    /// so a bench that armed it asks this instead of arming it again to be sure it is still watched.
    /// </summary>
    [IdempotentQuery]
    Task<bool> IsAirAlarmOnAsync(CancellationToken cancellationToken = default);

    /// <summary>Switches the air alarm off (the chamber then never requests service for the air).</summary>
    [InstrumentWatch]
    Task DisarmAirAlarmAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Whether the air left the armed limits since the last call (reads and clears the controller's event register,
    /// so it is not an idempotent query).
    /// </summary>
    [InstrumentWatch]
    Task<bool> ReadAirAlarmEventAsync(CancellationToken cancellationToken = default);
}
