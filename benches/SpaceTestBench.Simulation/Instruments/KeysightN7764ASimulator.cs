using SpaceTestBench.Simulation.Environment;
using SpaceTestBench.Simulation.Physics;
using SpaceTestBench.Visa.Scpi;

namespace SpaceTestBench.Simulation.Instruments;

/// <summary>
/// Simulates a Keysight N7764A four-channel variable optical attenuator with built-in power meters.
/// Channel n is addressed by the numeric suffix (<c>:INP2:ATT 10DB</c>). Attenuation moves at the programmed
/// transition speed; power-control mode holds an output power by re-aiming the attenuation as the input
/// changes; the shutter (<c>:OUTP:STAT</c>) blocks the light; the meter reads the output power in dBm or W.
/// The channel in the DUT's optical path is the one its role names; the others see no light.
/// </summary>
public sealed class KeysightN7764ASimulator : SimulatedScpiInstrument
{
    /// <summary>Model name bench files use.</summary>
    public const string ModelName = "Keysight N7764A";

    /// <summary>Largest attenuation setting, dB.</summary>
    public const double MaximumAttenuation = 45;

    /// <summary>Insertion loss at 0 dB setting (an engineering value for the simulator), dB.</summary>
    public const double InsertionLoss = 1.5;

    /// <summary>Meter noise floor, dBm.</summary>
    public const double NoiseFloorDbm = -80;

    private const int ChannelCount = 4;
    private readonly AttenuatorModel[] _channels = new AttenuatorModel[ChannelCount];
    private readonly bool[] _wattUnits = new bool[ChannelCount];
    private readonly double[] _powerSetpointDbm = new double[ChannelCount];
    private readonly Random _noise;

    /// <summary>A simulator acting on <paramref name="facility"/>; <paramref name="dutChannel"/> is the channel in the DUT's path, if any.</summary>
    public KeysightN7764ASimulator(SimulatedFacility facility, string serialNumber, int seed, int? dutChannel)
        : base(new InstrumentIdentity("Keysight Technologies", "N7764A", serialNumber, "V1.32"), facility)
    {
        ArgumentNullException.ThrowIfNull(facility);
        for (var i = 0; i < ChannelCount; i++)
        {
            _channels[i] = facility.AttachAttenuator(InsertionLoss, dutChannel == i + 1);
            _powerSetpointDbm[i] = -10;
        }

        _noise = RandomStreams.ReadingNoise(seed, "N7764A:meter", facility);
    }

    /// <inheritdoc />
    public override string Model => ModelName;

    /// <inheritdoc />
    protected override void DeclareCommands(ScpiCommandTree tree)
    {
        tree.Command("INPut#[:CHANnel#]:ATTenuation", ctx => World(() =>
            {
                var channel = Channel(ctx);
                if (channel.PowerControlWatts is not null)
                {
                    throw new ScpiErrorException(ScpiError.SettingsConflict.WithInfo("power control is on"));
                }

                channel.Set(ctx.Parameter(0).AsNumber(new ScpiNumericRange("DB", 0, MaximumAttenuation, 0)));
            }))
            .Query("INPut#[:CHANnel#]:ATTenuation?", ctx => World(() => ScpiFormat.Nr3(Channel(ctx).Setting)))
            .Command("INPut#[:CHANnel#]:ATTenuation:SPEed", ctx => World(() =>
                Channel(ctx).SpeedDecibelsPerSecond = ctx.Parameter(0).AsNumber(new ScpiNumericRange("DB/S", 0.1, 1000, 100))))
            .Query("INPut#[:CHANnel#]:ATTenuation:SPEed?", ctx => World(() => ScpiFormat.Nr3(Channel(ctx).SpeedDecibelsPerSecond)))
            .Command("INPut#[:CHANnel#]:WAVelength", ctx => World(() =>
                Channel(ctx).WavelengthMetres = ctx.Parameter(0).AsNumber(new ScpiNumericRange("M", 1260e-9, 1640e-9, 1550e-9))))
            .Query("INPut#[:CHANnel#]:WAVelength?", ctx => World(() => ScpiFormat.Nr3(Channel(ctx).WavelengthMetres)))
            .Command("OUTPut#[:CHANnel#]:POWer", ctx => World(() =>
            {
                var index = Index(ctx);
                _powerSetpointDbm[index] = ctx.Parameter(0).AsNumber(new ScpiNumericRange("DBM", -80, 20, -10));
                if (_channels[index].PowerControlWatts is not null)
                {
                    _channels[index].PowerControlWatts = Watts(_powerSetpointDbm[index]);
                }
            }))
            .Query("OUTPut#[:CHANnel#]:POWer?", ctx => World(() => ScpiFormat.Nr3(_powerSetpointDbm[Index(ctx)])))
            .Command("OUTPut#[:CHANnel#]:POWer:CONTRol", ctx => World(() =>
            {
                var index = Index(ctx);
                _channels[index].PowerControlWatts = ctx.Parameter(0).AsBoolean() ? Watts(_powerSetpointDbm[index]) : null;
            }))
            .Query("OUTPut#[:CHANnel#]:POWer:CONTRol?", ctx => World(() => ScpiFormat.Boolean(Channel(ctx).PowerControlWatts is not null)))
            .Command("OUTPut#[:CHANnel#]:POWer:UNit", ctx => World(() =>
                _wattUnits[Index(ctx)] = ctx.Parameter(0).AsChoice("DBM", "Watt", "0", "1") is "WATT" or "1"))
            .Query("OUTPut#[:CHANnel#]:POWer:UNit?", ctx => World(() => _wattUnits[Index(ctx)] ? "1" : "0"))
            .Command("OUTPut#[:CHANnel#][:STATe]", ctx => World(() => Channel(ctx).ShutterOpen = ctx.Parameter(0).AsBoolean()))
            .Query("OUTPut#[:CHANnel#][:STATe]?", ctx => World(() => ScpiFormat.Boolean(Channel(ctx).ShutterOpen)))
            .Query("READ#[:CHANnel#]:POWer?", ctx => World(() => Meter(ctx)))
            .Query("FETCh#[:CHANnel#]:POWer?", ctx => World(() => Meter(ctx)));
    }

    /// <inheritdoc />
    protected override void Reset() => World(() =>
    {
        for (var i = 0; i < ChannelCount; i++)
        {
            _channels[i].Set(0);
            _channels[i].SpeedDecibelsPerSecond = 100;
            _channels[i].ShutterOpen = false;
            _channels[i].PowerControlWatts = null;
            _wattUnits[i] = false;
            _powerSetpointDbm[i] = -10;
        }
    });

    private static double Watts(double dbm) => 1e-3 * Math.Pow(10, dbm / 10);

    private static int Index(ScpiCommandContext ctx)
    {
        if (ctx.Suffix(0) is < 1 or > ChannelCount || ctx.Suffix(1) != 1)
        {
            throw new ScpiErrorException(ScpiError.HeaderSuffixOutOfRange.WithInfo(ctx.Unit.Text));
        }

        return ctx.Suffix(0) - 1;
    }

    private AttenuatorModel Channel(ScpiCommandContext ctx) => _channels[Index(ctx)];

    private string Meter(ScpiCommandContext ctx)
    {
        var index = Index(ctx);
        var input = ReferenceEquals(_channels[index], DutPathChannel) ? Facility.AttenuatorInputWatts : 0;
        var dbm = Math.Max(NoiseFloorDbm, 10 * Math.Log10(Math.Max(input * _channels[index].Transmission, 1e-30) / 1e-3));
        dbm += 0.01 * _noise.NextGaussian();
        return ScpiFormat.Nr3(_wattUnits[index] ? Watts(dbm) : dbm);
    }

    private AttenuatorModel? DutPathChannel => Facility.DutAttenuator;
}
