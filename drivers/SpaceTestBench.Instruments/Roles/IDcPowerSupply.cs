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

    /// <summary>Measures the output voltage at the terminals.</summary>
    Task<double> MeasureVoltageAsync(int channel, CancellationToken cancellationToken = default);

    /// <summary>Measures the output current.</summary>
    Task<double> MeasureCurrentAsync(int channel, CancellationToken cancellationToken = default);
}
