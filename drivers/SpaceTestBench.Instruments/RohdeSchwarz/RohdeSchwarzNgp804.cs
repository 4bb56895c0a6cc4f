using SpaceTestBench.Instruments.Roles;
using SpaceTestBench.Visa.Sessions;

namespace SpaceTestBench.Instruments.RohdeSchwarz;

/// <summary>
/// R&amp;S NGP804 four-channel DC supply (32 V / 20 A, 200 W per channel). The NGP800 addresses one channel
/// at a time (INSTrument:NSELect), so every command selects its channel in the same program message
/// ("INST:NSEL 2;:VOLT 3.3"): no other client's selection can slip in between. An output delivers power
/// when it is selected on and the master switch (OUTPut:GENeral) is on.
/// </summary>
public sealed class RohdeSchwarzNgp804(IMessageBasedSession session) : ScpiInstrument(session), IDcPowerSupply
{
    /// <summary>The model name bench files use.</summary>
    public const string ModelName = "R&S NGP804";

    /// <inheritdoc />
    public override string Model => ModelName;

    /// <inheritdoc />
    public int ChannelCount => 4;

    /// <inheritdoc />
    protected override string ExpectedModelField => "NGP804";

    /// <inheritdoc />
    public Task SetVoltageAsync(int channel, double volts, CancellationToken cancellationToken = default) =>
        WriteAsync($"INST:NSEL {Checked(channel)};:VOLT {volts:G9}", cancellationToken);

    /// <inheritdoc />
    public Task SetCurrentLimitAsync(int channel, double amperes, CancellationToken cancellationToken = default) =>
        WriteAsync($"INST:NSEL {Checked(channel)};:CURR {amperes:G9}", cancellationToken);

    /// <inheritdoc />
    public Task SetOutputAsync(int channel, bool enabled, CancellationToken cancellationToken = default) =>
        enabled
            ? WriteAsync($"INST:NSEL {Checked(channel)};:OUTP:SEL ON;:OUTP:GEN ON", cancellationToken)
            : WriteAsync($"INST:NSEL {Checked(channel)};:OUTP:SEL OFF", cancellationToken);

    /// <inheritdoc />
    public Task<bool> IsOutputOnAsync(int channel, CancellationToken cancellationToken = default) =>
        QueryBooleanAsync($"INST:NSEL {Checked(channel)};:OUTP?", cancellationToken);

    /// <inheritdoc />
    public Task<double> MeasureVoltageAsync(int channel, CancellationToken cancellationToken = default) =>
        QueryDoubleAsync($"INST:NSEL {Checked(channel)};:MEAS:VOLT?", cancellationToken);

    /// <inheritdoc />
    public Task<double> MeasureCurrentAsync(int channel, CancellationToken cancellationToken = default) =>
        QueryDoubleAsync($"INST:NSEL {Checked(channel)};:MEAS:CURR?", cancellationToken);

    /// <inheritdoc />
    public Task SetOverVoltageProtectionAsync(int channel, double volts, CancellationToken cancellationToken = default) =>
        WriteAsync($"INST:NSEL {Checked(channel)};:VOLT:PROT {volts:G9}", cancellationToken);

    /// <inheritdoc />
    public Task SetOverCurrentProtectionAsync(int channel, bool enabled, CancellationToken cancellationToken = default) =>
        WriteAsync($"INST:NSEL {Checked(channel)};:FUSE {(enabled ? "ON" : "OFF")}", cancellationToken);

    /// <inheritdoc />
    public Task SetOverCurrentProtectionDelayAsync(int channel, double seconds, CancellationToken cancellationToken = default) =>
        WriteAsync($"INST:NSEL {Checked(channel)};:FUSE:DEL:INIT {seconds:G9}", cancellationToken);

    /// <inheritdoc />
    public async Task<SupplyProtection> GetTrippedProtectionAsync(int channel, CancellationToken cancellationToken = default)
    {
        var overVoltage = await QueryBooleanAsync($"INST:NSEL {Checked(channel)};:VOLT:PROT:TRIP?", cancellationToken);
        var fuse = await QueryBooleanAsync($"INST:NSEL {channel};:FUSE:TRIP?", cancellationToken);
        return (overVoltage ? SupplyProtection.OverVoltage : SupplyProtection.None) | (fuse ? SupplyProtection.OverCurrent : SupplyProtection.None);
    }

    /// <inheritdoc />
    public Task ClearProtectionAsync(int channel, CancellationToken cancellationToken = default) =>
        WriteAsync($"INST:NSEL {Checked(channel)};:VOLT:PROT:CLE;:FUSE:TRIP:CLE", cancellationToken);

    /// <inheritdoc />
    public override Task SafeStateAsync(CancellationToken cancellationToken = default) =>
        WriteAsync($"OUTP:GEN OFF", cancellationToken);

    private int Checked(int channel) =>
        channel >= 1 && channel <= ChannelCount
            ? channel
            : throw new ArgumentOutOfRangeException(nameof(channel), channel, $"The {Model} has channels 1 to {ChannelCount}.");
}
