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
}
