using SpaceTestBench.Instruments.Roles;
using SpaceTestBench.Visa.Sessions;

namespace SpaceTestBench.Instruments.Keysight;

/// <summary>
/// Keysight N7764A four-channel variable optical attenuator with integrated power meters. Channels are the
/// numeric suffix of INPut/OUTPut/READ (N77xx programming guide). At open each channel's meter is set to
/// report dBm, which the driver converts to watts.
/// </summary>
public sealed class KeysightN7764A(IMessageBasedSession session) : ScpiInstrument(session), IOpticalAttenuator
{
    /// <summary>The model name bench files use.</summary>
    public const string ModelName = "Keysight N7764A";

    /// <inheritdoc />
    public override string Model => ModelName;

    /// <inheritdoc />
    public int ChannelCount => 4;

    /// <inheritdoc />
    protected override string ExpectedModelField => "N7764A";

    /// <inheritdoc />
    public override async Task OpenAsync(CancellationToken cancellationToken = default)
    {
        await base.OpenAsync(cancellationToken);
        for (var channel = 1; channel <= ChannelCount; channel++)
        {
            await WriteAsync($":OUTP{channel}:POW:UN DBM", cancellationToken);
        }
    }

    /// <inheritdoc />
    public Task SetAttenuationAsync(int channel, double decibels, CancellationToken cancellationToken = default) =>
        WriteAsync($":INP{Checked(channel)}:ATT {decibels:G9}DB", cancellationToken);

    /// <inheritdoc />
    public Task<double> GetAttenuationAsync(int channel, CancellationToken cancellationToken = default) =>
        QueryDoubleAsync($":INP{Checked(channel)}:ATT?", cancellationToken);

    /// <inheritdoc />
    public Task SetWavelengthAsync(int channel, double metres, CancellationToken cancellationToken = default) =>
        WriteAsync($":INP{Checked(channel)}:WAV {Math.Round(metres * 1e9, 4):G9}NM", cancellationToken);

    /// <inheritdoc />
    public async Task SetOutputPowerAsync(int channel, double? watts, CancellationToken cancellationToken = default)
    {
        if (watts is not { } power)
        {
            await WriteAsync($":OUTP{Checked(channel)}:POW:CONTR OFF", cancellationToken);
            return;
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(power, nameof(watts));
        var dbm = 10 * Math.Log10(power / 1e-3);
        await WriteAsync($":OUTP{Checked(channel)}:POW {Math.Round(dbm, 3):G9}DBM", cancellationToken);
        await WriteAsync($":OUTP{channel}:POW:CONTR ON", cancellationToken);
    }

    /// <inheritdoc />
    public Task SetShutterOpenAsync(int channel, bool open, CancellationToken cancellationToken = default) =>
        WriteAsync($":OUTP{Checked(channel)}:STAT {(open ? "ON" : "OFF")}", cancellationToken);

    /// <inheritdoc />
    public async Task<double> MeasureOutputPowerAsync(int channel, CancellationToken cancellationToken = default)
    {
        var dbm = await QueryDoubleAsync($":READ{Checked(channel)}:POW?", cancellationToken);
        return 1e-3 * Math.Pow(10, dbm / 10);
    }

    /// <summary>Closes every shutter: no light reaches a receiver that may not be ready for it.</summary>
    public override async Task SafeStateAsync(CancellationToken cancellationToken = default)
    {
        for (var channel = 1; channel <= ChannelCount; channel++)
        {
            await WriteAsync($":OUTP{channel}:STAT OFF", cancellationToken);
        }
    }

    private int Checked(int channel) =>
        channel >= 1 && channel <= ChannelCount
            ? channel
            : throw new ArgumentOutOfRangeException(nameof(channel), channel, $"The {Model} has channels 1 to {ChannelCount}.");
}
