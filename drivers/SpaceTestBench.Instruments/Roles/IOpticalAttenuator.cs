namespace SpaceTestBench.Instruments.Roles;

/// <summary>
/// The optical attenuator role: a multi-channel variable optical attenuator with power meters; the bench
/// role names the channel in the DUT's path. Attenuation is in dB (a ratio, named so); power in W,
/// wavelength in m.
/// </summary>
public interface IOpticalAttenuator : IInstrument
{
    /// <summary>Number of channels (numbered from 1).</summary>
    int ChannelCount { get; }

    /// <summary>Sets the attenuation of <paramref name="channel"/> (power control must be off).</summary>
    Task SetAttenuationAsync(int channel, double decibels, CancellationToken cancellationToken = default);

    /// <summary>The programmed attenuation, dB.</summary>
    [IdempotentQuery]
    Task<double> GetAttenuationAsync(int channel, CancellationToken cancellationToken = default);

    /// <summary>Sets the wavelength the attenuation and meter are calibrated for.</summary>
    Task SetWavelengthAsync(int channel, double metres, CancellationToken cancellationToken = default);

    /// <summary>Holds this output power by adjusting the attenuation (power control); null turns power control off.</summary>
    Task SetOutputPowerAsync(int channel, double? watts, CancellationToken cancellationToken = default);

    /// <summary>Opens (<paramref name="open"/>) or closes the shutter.</summary>
    Task SetShutterOpenAsync(int channel, bool open, CancellationToken cancellationToken = default);

    /// <summary>Measures the output power.</summary>
    [IdempotentQuery]
    Task<double> MeasureOutputPowerAsync(int channel, CancellationToken cancellationToken = default);
}
