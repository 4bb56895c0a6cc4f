using SpaceTestBench.Simulation.Physics;
using SpaceTestBench.Visa.Scpi;

namespace SpaceTestBench.Simulation.Instruments;

/// <summary>
/// Simulates a Keithley 2450 source-measure unit in its SCPI command set: sourcing voltage with a current
/// limit (the latch-up monitor's configuration) or current with a voltage limit; measuring current or
/// voltage; the limit-tripped flags. Its operating boxes are 21 V × 1.05 A and 210 V × 105 mA: a level
/// and limit outside both is refused with -221, a value outside every range with -222.
/// </summary>
public sealed class Keithley2450Simulator : SimulatedScpiInstrument
{
    /// <summary>Model name bench files use.</summary>
    public const string ModelName = "Keithley 2450";

    private const double LowRangeVolts = 21;
    private const double HighRangeAmperes = 0.105;
    private readonly Random _noise;
    private string _senseFunction = "CURR";

    /// <summary>A simulator acting on <paramref name="facility"/>, answering *IDN? with <paramref name="serialNumber"/>.</summary>
    public Keithley2450Simulator(SimulatedFacility facility, string serialNumber, int seed)
        : base(new InstrumentIdentity("KEITHLEY INSTRUMENTS", "MODEL 2450", serialNumber, "1.7.12b"), facility)
    {
        _noise = RandomStreams.For(seed, "2450:readback");
        Channel = new SimulatedSupplyChannel(210, 1.05);
        Channel.Reset();
        Channel.CurrentLimit = 1.05e-4;
    }

    /// <inheritdoc />
    public override string Model => ModelName;

    /// <summary>The source-measure channel.</summary>
    public SimulatedSupplyChannel Channel { get; }

    /// <inheritdoc />
    protected override void DeclareCommands(ScpiCommandTree tree)
    {
        tree.Query("*LANG?", _ => "SCPI")
            .Command("[SOURce#:]FUNCtion[:MODE]", ctx => World(() =>
                Channel.SourcesCurrent = ctx.Parameter(0).AsChoice("VOLTage", "CURRent") == "CURRENT"))
            .Query("[SOURce#:]FUNCtion[:MODE]?", _ => World(() => Channel.SourcesCurrent ? "CURR" : "VOLT"))
            .Command("[SOURce#:]VOLTage[:LEVel][:IMMediate][:AMPLitude]", ctx => World(() =>
            {
                var volts = ctx.Parameter(0).AsNumber(new ScpiNumericRange("V", -210, 210, 0));
                RequireBox(volts, Channel.CurrentLimit);
                Channel.VoltageSetting = volts;
            }))
            .Query("[SOURce#:]VOLTage[:LEVel][:IMMediate][:AMPLitude]?", _ => World(() => ScpiFormat.Nr3(Channel.VoltageSetting)))
            .Command("[SOURce#:]VOLTage:ILIMit[:LEVel]", ctx => World(() =>
            {
                var amperes = ctx.Parameter(0).AsNumber(new ScpiNumericRange("A", 1e-9, 1.05, 1.05e-4));
                RequireBox(Channel.VoltageSetting, amperes);
                Channel.CurrentLimit = amperes;
            }))
            .Query("[SOURce#:]VOLTage:ILIMit[:LEVel]?", _ => World(() => ScpiFormat.Nr3(Channel.CurrentLimit)))
            .Query("[SOURce#:]VOLTage:ILIMit[:LEVel]:TRIPped?", _ => World(() =>
                ScpiFormat.Boolean(!Channel.SourcesCurrent && Channel.OperatingPoint(Facility.Clock.GetUtcNow()).InLimit)))
            .Command("[SOURce#:]VOLTage:READ:BACK", ctx => ctx.Parameter(0).AsBoolean())
            .Command("[SOURce#:]CURRent[:LEVel][:IMMediate][:AMPLitude]", ctx => World(() =>
                Channel.CurrentSetting = ctx.Parameter(0).AsNumber(new ScpiNumericRange("A", -1.05, 1.05, 0))))
            .Query("[SOURce#:]CURRent[:LEVel][:IMMediate][:AMPLitude]?", _ => World(() => ScpiFormat.Nr3(Channel.CurrentSetting)))
            .Command("[SOURce#:]CURRent:VLIMit[:LEVel]", ctx => World(() =>
                Channel.VoltageLimit = ctx.Parameter(0).AsNumber(new ScpiNumericRange("V", 0.02, 210, 21))))
            .Query("[SOURce#:]CURRent:VLIMit[:LEVel]?", _ => World(() => ScpiFormat.Nr3(Channel.VoltageLimit)))
            .Query("[SOURce#:]CURRent:VLIMit[:LEVel]:TRIPped?", _ => World(() =>
                ScpiFormat.Boolean(Channel.SourcesCurrent && Channel.OperatingPoint(Facility.Clock.GetUtcNow()).InLimit)))
            .Command("[SENSe#:]FUNCtion[:ON]", ctx => World(() => _senseFunction = SenseFunction(ctx.Parameter(0).AsString())))
            .Query("[SENSe#:]FUNCtion[:ON]?", _ => World(() => $"\"{_senseFunction}:DC\""))
            .Command("[SENSe#:]CURRent[:DC]:NPLCycles", ctx => ctx.Parameter(0).AsNumber(new ScpiNumericRange("", 0.01, 10, 1)))
            .Command("[SENSe#:]VOLTage[:DC]:NPLCycles", ctx => ctx.Parameter(0).AsNumber(new ScpiNumericRange("", 0.01, 10, 1)))
            .Command("[SENSe#:]CURRent[:DC]:RSENse", ctx => ctx.Parameter(0).AsBoolean())
            .Command("[SENSe#:]VOLTage[:DC]:RSENse", ctx => ctx.Parameter(0).AsBoolean())
            .Command("OUTPut#[:STATe]", ctx => World(() => Channel.OutputOn = ctx.Parameter(0).AsBoolean()))
            .Query("OUTPut#[:STATe]?", _ => World(() => ScpiFormat.Boolean(Channel.OutputOn)))
            .Query("READ?", ctx => World(() => Read(ctx)))
            .Query("MEASure[:SCALar]:CURRent[:DC]?", _ => World(() => ScpiFormat.Nr3(Measure().Amperes)))
            .Query("MEASure[:SCALar]:VOLTage[:DC]?", _ => World(() => ScpiFormat.Nr3(Measure().Volts)));
    }

    /// <inheritdoc />
    protected override void Reset() => World(() =>
    {
        Channel.Reset();
        Channel.CurrentLimit = 1.05e-4;
        _senseFunction = "CURR";
    });

    private static string SenseFunction(string text) => text.ToUpperInvariant() switch
    {
        "CURR" or "CURR:DC" or "CURRENT" or "CURRENT:DC" => "CURR",
        "VOLT" or "VOLT:DC" or "VOLTAGE" or "VOLTAGE:DC" => "VOLT",
        _ => throw new ScpiErrorException(ScpiError.IllegalParameterValue.WithInfo(text)),
    };

    private static void RequireBox(double volts, double amperes)
    {
        if (Math.Abs(volts) > LowRangeVolts && amperes > HighRangeAmperes)
        {
            throw new ScpiErrorException(ScpiError.SettingsConflict.WithInfo("above 21 V the current limit is at most 105 mA"));
        }
    }

    private (double Volts, double Amperes) Measure()
    {
        var point = Channel.OperatingPoint(Facility.Clock.GetUtcNow());
        // 2450 accuracy class: 0.012 % of reading + offset on the 1 A range; noise well inside it.
        return (point.Volts + (1e-4 * _noise.NextGaussian()), point.Amperes * (1 + (5e-5 * _noise.NextGaussian())) + (1e-7 * _noise.NextGaussian()));
    }

    /// <summary>READ? ["buffer"[, READing|SOURce|RELative…]]: the sense reading, or the listed elements.</summary>
    private string Read(ScpiCommandContext ctx)
    {
        var (volts, amperes) = Measure();
        var reading = _senseFunction == "CURR" ? amperes : volts;
        var source = Channel.SourcesCurrent ? Channel.CurrentSetting : Channel.VoltageSetting;
        if (ctx.Parameters.Count <= 1)
        {
            if (ctx.Parameters.Count == 1)
            {
                ctx.Parameter(0).AsString();
            }

            return ScpiFormat.Nr3(reading);
        }

        ctx.Parameter(0).AsString();
        return string.Join(",", ctx.Parameters.Skip(1).Select(p => p.AsChoice("READing", "SOURce") switch
        {
            "READING" => ScpiFormat.Nr3(reading),
            _ => ScpiFormat.Nr3(source),
        }));
    }
}
