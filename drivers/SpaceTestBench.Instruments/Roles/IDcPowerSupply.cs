namespace SpaceTestBench.Instruments.Roles;

/// <summary>The DUT supply role: a programmable multi-channel DC power supply. Values are SI (V, A).</summary>
public interface IDcPowerSupply : IInstrument
{
    /// <summary>Number of output channels (numbered from 1).</summary>
    int ChannelCount { get; }

    /// <summary>Programs the output voltage of <paramref name="channel"/>.</summary>
    Task SetVoltageAsync(int channel, double volts, CancellationToken cancellationToken = default);

    /// <summary>Programs the current limit of <paramref name="channel"/>.</summary>
    Task SetCurrentLimitAsync(int channel, double amperes, CancellationToken cancellationToken = default);

    /// <summary>Switches the output of <paramref name="channel"/> on (<paramref name="enabled"/>) or off.</summary>
    Task SetOutputAsync(int channel, bool enabled, CancellationToken cancellationToken = default);

    /// <summary>Whether the output of <paramref name="channel"/> is delivering power (off after a protection trip).</summary>
    [IdempotentQuery]
    Task<bool> IsOutputOnAsync(int channel, CancellationToken cancellationToken = default);

    /// <summary>Measures the output voltage at the terminals.</summary>
    [IdempotentQuery]
    Task<double> MeasureVoltageAsync(int channel, CancellationToken cancellationToken = default);

    /// <summary>Measures the output current.</summary>
    [IdempotentQuery]
    Task<double> MeasureCurrentAsync(int channel, CancellationToken cancellationToken = default);

    /// <summary>Sets the over-voltage protection level: the output trips off if it would exceed it.</summary>
    Task SetOverVoltageProtectionAsync(int channel, double volts, CancellationToken cancellationToken = default);

    /// <summary>Arms (or disarms) over-current protection: the output trips off when it reaches its current limit.</summary>
    Task SetOverCurrentProtectionAsync(int channel, bool enabled, CancellationToken cancellationToken = default);

    /// <summary>
    /// How long the output may sit in its current limit before over-current protection trips it, s: the
    /// trip-off time of the latching current limiter the supply stands in for.
    /// </summary>
    Task SetOverCurrentProtectionDelayAsync(int channel, double seconds, CancellationToken cancellationToken = default);

    /// <summary>Which protections have tripped the output of <paramref name="channel"/>.</summary>
    [IdempotentQuery]
    Task<SupplyProtection> GetTrippedProtectionAsync(int channel, CancellationToken cancellationToken = default);

    /// <summary>Clears tripped protections; the output stays off until switched on again.</summary>
    Task ClearProtectionAsync(int channel, CancellationToken cancellationToken = default);
}
