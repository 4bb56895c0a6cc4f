using SpaceTestBench.Simulation.Physics;
using SpaceTestBench.Visa.Scpi;

namespace SpaceTestBench.Simulation.Instruments;

/// <summary>
/// Simulates a Keysight E36312A triple-output supply (CH1 6 V/5 A, CH2–3 25 V/1 A) and the DUT rails
/// wired to it. Serves its programming guide's commands with channel lists or the selected channel:
/// levels, over-voltage and over-current protection (OCP trips the output after its delay in CC), output
/// state, measurement. Range errors are the instrument's -222, not clamps. Readings carry a small, seeded
/// measurement noise.
/// </summary>
public sealed class KeysightE36312ASimulator : SimulatedScpiInstrument, ISimulatedSupply
{
    /// <summary>Model name bench files use.</summary>
    public const string ModelName = "Keysight E36312A";

    // Readback accuracy class of the E36312A: noise well below its ±(0.04 % + 2 mV) spec.
    private const double VoltageNoise = 2e-4;
    private const double CurrentNoise = 5e-5;

    // Default OCP delay: the E36300 series starts the delay on a CC transition (50 ms at *RST).
    private const double DefaultOcpDelay = 0.05;

    private readonly Random _noise;
    private int _selected = 1;

    /// <summary>A simulator acting on <paramref name="facility"/>, answering *IDN? with <paramref name="serialNumber"/>.</summary>
    public KeysightE36312ASimulator(SimulatedFacility facility, string serialNumber, int seed)
        : base(new InstrumentIdentity("Keysight Technologies", "E36312A", serialNumber, "2.1.0-1.0.4-1.12"), facility)
    {
        _noise = RandomStreams.ReadingNoise(seed, "E36312A:readback", facility);
        Channels = [new SimulatedSupplyChannel(6.18, 5.15), new SimulatedSupplyChannel(25.75, 1.03), new SimulatedSupplyChannel(25.75, 1.03)];
        foreach (var channel in Channels)
        {
            channel.OverCurrentDelaySeconds = DefaultOcpDelay;
        }
    }

    /// <inheritdoc />
    public override string Model => ModelName;

    /// <summary>The three outputs (index 0 = CH1).</summary>
    public IReadOnlyList<SimulatedSupplyChannel> Channels { get; }

    /// <inheritdoc />
    public IReadOnlyList<SimulatedSupplyChannel> Outputs => Channels;

    /// <inheritdoc />
    protected override void DeclareCommands(ScpiCommandTree tree)
    {
        tree.Command("[SOURce:]VOLTage[:LEVel][:IMMediate][:AMPLitude]", ctx => ForEach(ctx, 1, c =>
                c.VoltageSetting = ctx.Parameter(0).AsNumber(new ScpiNumericRange("V", 0, c.MaxVolts, 0))))
            .Query("[SOURce:]VOLTage[:LEVel][:IMMediate][:AMPLitude]?", ctx => Join(ctx, 0, c => ScpiFormat.Nr3(c.VoltageSetting)))
            .Command("[SOURce:]CURRent[:LEVel][:IMMediate][:AMPLitude]", ctx => ForEach(ctx, 1, c =>
                c.CurrentLimit = ctx.Parameter(0).AsNumber(new ScpiNumericRange("A", 0.002, c.MaxAmperes, c.MaxAmperes))))
            .Query("[SOURce:]CURRent[:LEVel][:IMMediate][:AMPLitude]?", ctx => Join(ctx, 0, c => ScpiFormat.Nr3(c.CurrentLimit)))
            .Command("[SOURce:]VOLTage:PROTection[:LEVel]", ctx => ForEach(ctx, 1, c =>
                c.OverVoltageLevel = ctx.Parameter(0).AsNumber(new ScpiNumericRange("V", 0, c.MaxVolts * 1.1, c.MaxVolts * 1.1))))
            .Query("[SOURce:]VOLTage:PROTection[:LEVel]?", ctx => Join(ctx, 0, c => ScpiFormat.Nr3(c.OverVoltageLevel)))
            .Query("[SOURce:]VOLTage:PROTection:TRIPped?", ctx => Join(ctx, 0, c => ScpiFormat.Boolean(c.Tripped.HasFlag(SupplyTrip.OverVoltage))))
            .Command("[SOURce:]CURRent:PROTection:STATe", ctx => ForEach(ctx, 1, c => c.OverCurrentProtection = ctx.Parameter(0).AsBoolean()))
            .Query("[SOURce:]CURRent:PROTection:STATe?", ctx => Join(ctx, 0, c => ScpiFormat.Boolean(c.OverCurrentProtection)))
            .Command("[SOURce:]CURRent:PROTection:DELay[:TIME]", ctx => ForEach(ctx, 1, c =>
                c.OverCurrentDelaySeconds = ctx.Parameter(0).AsNumber(new ScpiNumericRange("S", 0, 0.255, DefaultOcpDelay))))
            .Query("[SOURce:]CURRent:PROTection:TRIPped?", ctx => Join(ctx, 0, c => ScpiFormat.Boolean(c.Tripped.HasFlag(SupplyTrip.OverCurrent))))
            .Command("OUTPut:PROTection:CLEar", ctx => ForEach(ctx, 0, c => c.ClearProtection()))
            .Command("OUTPut[:STATe]", ctx => ForEach(ctx, 1, c =>
            {
                var on = ctx.Parameter(0).AsBoolean();
                if (on && c.Tripped != SupplyTrip.None)
                {
                    throw new ScpiErrorException(ScpiError.SettingsConflict.WithInfo("output protection tripped; OUTP:PROT:CLE first"));
                }

                c.OutputOn = on;
            }))
            .Query("OUTPut[:STATe]?", ctx => Join(ctx, 0, c => ScpiFormat.Boolean(c.OutputOn)))
            .Query("MEASure[:SCALar]:VOLTage[:DC]?", ctx => Join(ctx, 0, c => ScpiFormat.Nr3(Noisy(c.OperatingPoint(Facility.Clock.GetUtcNow()).Volts, VoltageNoise))))
            .Query("MEASure[:SCALar]:CURRent[:DC]?", ctx => Join(ctx, 0, c => ScpiFormat.Nr3(Noisy(c.ReadCurrent(Facility.Clock.GetUtcNow()), CurrentNoise))))
            .Command("INSTrument:NSELect", ctx => World(() => _selected = ctx.Parameter(0).AsInteger(1, 3)))
            .Query("INSTrument:NSELect?", _ => World(() => ScpiFormat.Nr1(_selected)));
    }

    /// <inheritdoc />
    protected override void Reset() => World(() =>
    {
        foreach (var channel in Channels)
        {
            channel.Reset();
            channel.OverCurrentDelaySeconds = DefaultOcpDelay;
        }

        _selected = 1;
    });

    private void ForEach(ScpiCommandContext ctx, int channelListIndex, Action<SimulatedSupplyChannel> action) => World(() =>
    {
        foreach (var channel in Addressed(ctx, channelListIndex))
        {
            action(channel);
        }
    });

    private string Join(ScpiCommandContext ctx, int channelListIndex, Func<SimulatedSupplyChannel, string> read) =>
        World(() => string.Join(",", Addressed(ctx, channelListIndex).Select(read)));

    private double Noisy(double value, double sigma) => value + (sigma * _noise.NextGaussian());

    /// <summary>The channels a command addresses: its channel list parameter if present, else the selected channel.</summary>
    private List<SimulatedSupplyChannel> Addressed(ScpiCommandContext ctx, int channelListIndex)
    {
        ctx.AllowParameters(channelListIndex + 1);
        var list = ctx.OptionalParameter(channelListIndex);
        if (list is null)
        {
            return [Channels[_selected - 1]];
        }

        var channels = new List<SimulatedSupplyChannel>();
        foreach (var number in list.AsChannelList())
        {
            if (number is < 1 or > 3)
            {
                throw new ScpiErrorException(ScpiError.IllegalParameterValue.WithInfo($"channel {number}"));
            }

            channels.Add(Channels[number - 1]);
        }

        return channels;
    }
}
