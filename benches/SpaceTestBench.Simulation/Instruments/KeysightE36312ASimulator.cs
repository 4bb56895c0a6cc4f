using SpaceTestBench.Visa.Scpi;

namespace SpaceTestBench.Simulation.Instruments;

/// <summary>
/// Simulates a Keysight E36312A triple-output supply (CH1 6 V/5 A, CH2–3 25 V/1 A) and the loads wired
/// to it. Serves the commands of its programming guide used by the driver, with range errors (-222) as
/// the real instrument gives them. Readings carry a small, seeded measurement noise.
/// </summary>
public sealed class KeysightE36312ASimulator : ScpiDevice
{
    /// <summary>Model name bench files use.</summary>
    public const string ModelName = "Keysight E36312A";

    // Readback accuracy class of the E36312A: noise well below its ±(0.04 % + 2 mV) spec.
    private const double VoltageNoise = 2e-4;
    private const double CurrentNoise = 5e-5;

    private readonly TimeProvider _clock;
    private readonly Random _noise;
    private int _selected = 1;

    /// <summary>A simulator on <paramref name="clock"/> answering *IDN? with <paramref name="serialNumber"/>.</summary>
    public KeysightE36312ASimulator(TimeProvider clock, string serialNumber, int seed)
        : base(new InstrumentIdentity("Keysight Technologies", "E36312A", serialNumber, "2.1.0-1.0.4-1.12"))
    {
        _clock = clock;
        _noise = new Random(seed);
        Channels = [new SimulatedSupplyChannel(6.18, 5.15), new SimulatedSupplyChannel(25.75, 1.03), new SimulatedSupplyChannel(25.75, 1.03)];
    }

    /// <summary>The three outputs (index 0 = CH1).</summary>
    public IReadOnlyList<SimulatedSupplyChannel> Channels { get; }

    /// <inheritdoc />
    protected override void DeclareCommands(ScpiCommandTree tree)
    {
        tree.Command("[SOURce:]VOLTage[:LEVel][:IMMediate][:AMPLitude]", ctx =>
            {
                foreach (var channel in Addressed(ctx, 1))
                {
                    channel.VoltageSetting = ctx.Parameter(0).AsNumber(new ScpiNumericRange("V", 0, channel.MaxVolts, 0));
                }
            })
            .Query("[SOURce:]VOLTage[:LEVel][:IMMediate][:AMPLitude]?", ctx =>
                string.Join(",", Addressed(ctx, 0).Select(c => ScpiFormat.Nr3(c.VoltageSetting))))
            .Command("[SOURce:]CURRent[:LEVel][:IMMediate][:AMPLitude]", ctx =>
            {
                foreach (var channel in Addressed(ctx, 1))
                {
                    channel.CurrentLimit = ctx.Parameter(0).AsNumber(new ScpiNumericRange("A", 0.002, channel.MaxAmperes, channel.MaxAmperes));
                }
            })
            .Query("[SOURce:]CURRent[:LEVel][:IMMediate][:AMPLitude]?", ctx =>
                string.Join(",", Addressed(ctx, 0).Select(c => ScpiFormat.Nr3(c.CurrentLimit))))
            .Command("OUTPut[:STATe]", ctx =>
            {
                foreach (var channel in Addressed(ctx, 1))
                {
                    channel.OutputOn = ctx.Parameter(0).AsBoolean();
                }
            })
            .Query("OUTPut[:STATe]?", ctx => string.Join(",", Addressed(ctx, 0).Select(c => ScpiFormat.Boolean(c.OutputOn))))
            .Query("MEASure[:SCALar]:VOLTage[:DC]?", ctx =>
                string.Join(",", Addressed(ctx, 0).Select(c => ScpiFormat.Nr3(Noisy(c.OperatingPoint(_clock.GetUtcNow()).Volts, VoltageNoise)))))
            .Query("MEASure[:SCALar]:CURRent[:DC]?", ctx =>
                string.Join(",", Addressed(ctx, 0).Select(c => ScpiFormat.Nr3(Noisy(c.OperatingPoint(_clock.GetUtcNow()).Amperes, CurrentNoise)))))
            .Command("INSTrument:NSELect", ctx => _selected = ctx.Parameter(0).AsInteger(1, 3))
            .Query("INSTrument:NSELect?", _ => ScpiFormat.Nr1(_selected));
    }

    /// <inheritdoc />
    protected override void Reset()
    {
        foreach (var channel in Channels)
        {
            channel.Reset();
        }

        _selected = 1;
    }

    private double Noisy(double value, double sigma)
    {
        // Box–Muller: a Gaussian reading error with the given standard deviation.
        var u1 = 1.0 - _noise.NextDouble();
        var u2 = _noise.NextDouble();
        return value + (sigma * Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2));
    }

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
