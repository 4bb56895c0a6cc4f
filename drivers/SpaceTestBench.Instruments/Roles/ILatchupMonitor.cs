namespace SpaceTestBench.Instruments.Roles;

/// <summary>
/// The latch-up monitor role: a source-measure unit biasing a DUT rail at a voltage with a current limit.
/// When the DUT latches up the current runs into the limit (the SMU's trip flag); the bench then
/// power-cycles the rail. Values are SI (V, A).
/// </summary>
public interface ILatchupMonitor : IInstrument
{
    /// <summary>Programs the source voltage.</summary>
    Task SetVoltageAsync(double volts, CancellationToken cancellationToken = default);

    /// <summary>Programs the current limit (compliance).</summary>
    Task SetCurrentLimitAsync(double amperes, CancellationToken cancellationToken = default);

    /// <summary>Switches the output on or off.</summary>
    Task SetOutputAsync(bool enabled, CancellationToken cancellationToken = default);

    /// <summary>Whether the output is on.</summary>
    [IdempotentQuery]
    Task<bool> IsOutputOnAsync(CancellationToken cancellationToken = default);

    /// <summary>Measures the current into the DUT.</summary>
    [IdempotentQuery]
    Task<double> MeasureCurrentAsync(CancellationToken cancellationToken = default);

    /// <summary>Measures the voltage at the DUT.</summary>
    [IdempotentQuery]
    Task<double> MeasureVoltageAsync(CancellationToken cancellationToken = default);

    /// <summary>True while the output is held at its current limit (the latch-up trip condition).</summary>
    [IdempotentQuery]
    Task<bool> IsCurrentLimitTrippedAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Measures the current into the DUT and whether the output is held at its current limit, in one exchange: a
    /// latch-up watch asks both at every look.
    /// </summary>
    [IdempotentQuery]
    Task<(double Amperes, bool CurrentLimitTripped)> MeasureCurrentAndTripAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Whether the instrument's own watch is armed as <see cref="ArmOverCurrentRequestAsync"/> leaves it for
    /// <paramref name="amperes"/>: read back in one exchange, so an instrument that still has it is not armed again, and
    /// one that forgot it (a reset, a reboot) is. It only reads, so a transient fault may retry it.
    /// </summary>
    [IdempotentQuery]
    [InstrumentWatch]
    Task<bool> IsOverCurrentRequestArmedAsync(double amperes, CancellationToken cancellationToken = default);

    /// <summary>
    /// Arms the instrument's own watch on its rail: it requests service (IEEE 488.2 SRQ, status byte MSS through
    /// *SRE) as soon as the current it delivers rises above <paramref name="amperes"/>, so the bench need not poll
    /// the current to catch a latch-up. Read <see cref="ReadOverCurrentEventAsync"/> after each request to re-arm it.
    /// </summary>
    [InstrumentWatch]
    Task ArmOverCurrentRequestAsync(double amperes, CancellationToken cancellationToken = default);

    /// <summary>
    /// Whether the current rose above the armed level since the last call (reads and clears the instrument's event
    /// register, so it is not an idempotent query).
    /// </summary>
    [InstrumentWatch]
    Task<bool> ReadOverCurrentEventAsync(CancellationToken cancellationToken = default);
}
