using SpaceTestBench.Instruments.Roles;
using SpaceTestBench.Visa.Sessions;

namespace SpaceTestBench.Instruments.Keysight;

/// <summary>
/// Keysight E36312A triple-output DC supply (CH1 6 V/5 A, CH2–3 25 V/1 A). Commands address a channel
/// with a channel list, so no instrument-side channel selection state is relied on.
/// </summary>
public sealed class KeysightE36312A(IMessageBasedSession session) : ScpiInstrument(session), IDcPowerSupply
{
    /// <summary>The model name bench files use.</summary>
    public const string ModelName = "Keysight E36312A";

    /// <inheritdoc />
    public override string Model => ModelName;

    /// <inheritdoc />
    public int ChannelCount => 3;

    /// <inheritdoc />
    protected override string ExpectedModelField => "E36312A";

    /// <inheritdoc />
    public Task SetVoltageAsync(int channel, double volts, CancellationToken cancellationToken = default) =>
        WriteAsync($"VOLT {volts:G9},(@{Checked(channel)})", cancellationToken);

    /// <inheritdoc />
    public Task SetCurrentLimitAsync(int channel, double amperes, CancellationToken cancellationToken = default) =>
        WriteAsync($"CURR {amperes:G9},(@{Checked(channel)})", cancellationToken);

    /// <inheritdoc />
    public Task SetOutputAsync(int channel, bool enabled, CancellationToken cancellationToken = default) =>
        WriteAsync($"OUTP {(enabled ? "ON" : "OFF")},(@{Checked(channel)})", cancellationToken);

    /// <inheritdoc />
    public Task<bool> IsOutputOnAsync(int channel, CancellationToken cancellationToken = default) =>
        QueryBooleanAsync($"OUTP? (@{Checked(channel)})", cancellationToken);

    /// <inheritdoc />
    public Task<double> MeasureVoltageAsync(int channel, CancellationToken cancellationToken = default) =>
        QueryDoubleAsync($"MEAS:VOLT? (@{Checked(channel)})", cancellationToken);

    /// <inheritdoc />
    public Task<double> MeasureCurrentAsync(int channel, CancellationToken cancellationToken = default) =>
        QueryDoubleAsync($"MEAS:CURR? (@{Checked(channel)})", cancellationToken);

    /// <inheritdoc />
    public Task SetOverVoltageProtectionAsync(int channel, double volts, CancellationToken cancellationToken = default) =>
        WriteAsync($"VOLT:PROT {volts:G9},(@{Checked(channel)})", cancellationToken);

    /// <inheritdoc />
    public Task SetOverCurrentProtectionAsync(int channel, bool enabled, CancellationToken cancellationToken = default) =>
        WriteAsync($"CURR:PROT:STAT {(enabled ? "ON" : "OFF")},(@{Checked(channel)})", cancellationToken);

    /// <inheritdoc />
    public Task SetOverCurrentProtectionDelayAsync(int channel, double seconds, CancellationToken cancellationToken = default) =>
        WriteAsync($"CURR:PROT:DEL {seconds:G9},(@{Checked(channel)})", cancellationToken);

    /// <inheritdoc />
    public async Task<SupplyProtection> GetTrippedProtectionAsync(int channel, CancellationToken cancellationToken = default)
    {
        var overVoltage = await QueryBooleanAsync($"VOLT:PROT:TRIP? (@{Checked(channel)})", cancellationToken);
        var overCurrent = await QueryBooleanAsync($"CURR:PROT:TRIP? (@{channel})", cancellationToken);
        return (overVoltage ? SupplyProtection.OverVoltage : SupplyProtection.None) | (overCurrent ? SupplyProtection.OverCurrent : SupplyProtection.None);
    }

    /// <inheritdoc />
    public Task ClearProtectionAsync(int channel, CancellationToken cancellationToken = default) =>
        WriteAsync($"OUTP:PROT:CLE (@{Checked(channel)})", cancellationToken);

    /// <inheritdoc />
    public override Task SafeStateAsync(CancellationToken cancellationToken = default) =>
        WriteAsync($"OUTP OFF,(@1:{ChannelCount})", cancellationToken);

    private int Checked(int channel) =>
        channel >= 1 && channel <= ChannelCount
            ? channel
            : throw new ArgumentOutOfRangeException(nameof(channel), channel, $"The {Model} has channels 1 to {ChannelCount}.");
}
