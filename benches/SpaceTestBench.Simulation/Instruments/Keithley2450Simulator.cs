using SpaceTestBench.Simulation.Physics;
using SpaceTestBench.Visa.Scpi;

namespace SpaceTestBench.Simulation.Instruments;

/// <summary>
/// Simulates a Keithley 2450 source-measure unit in its SCPI command set: sourcing voltage with a current
/// limit (the latch-up monitor's configuration) or current with a voltage limit; measuring current or
/// voltage; the limit-tripped flags; an upper limit test on the current (CALC2:CURR:LIM1) whose failure is
/// the questionable register's CURRent condition, so with STAT:QUES:ENAB and *SRE the instrument requests
/// service the instant its rail's current rises above the limit (judged continuously here, where a real 2450
/// judges each reading its trigger model takes). Its operating boxes are 21 V × 1.05 A and 210 V × 105 mA: a level
/// and limit outside both is refused with -221, a value outside every range with -222.
/// </summary>
public sealed class Keithley2450Simulator : SimulatedScpiInstrument, ISimulatedSupply
{
    /// <summary>Model name bench files use.</summary>
    public const string ModelName = "Keithley 2450";

    private const double LowRangeVolts = 21;
    private const double HighRangeAmperes = 0.105;

    /// <summary>SCPI-99 QUEStionable bit 1 (CURRent): here, the current limit test failing.</summary>
    public const ushort CurrentLimitTestBit = 0x0002;

    private readonly Random _noise;
    private string _senseFunction = "CURR";
    private double _limitTestUpper = 1.05;
    private bool _limitTestOn;
    private bool _limitTestFailing;
    private volatile bool _limitTestPassedSince;

    /// <summary>A simulator acting on <paramref name="facility"/>, answering *IDN? with <paramref name="serialNumber"/>.</summary>
    public Keithley2450Simulator(SimulatedFacility facility, string serialNumber, int seed)
        : base(new InstrumentIdentity("KEITHLEY INSTRUMENTS", "MODEL 2450", serialNumber, "1.7.12b"), facility)
    {
        _noise = RandomStreams.ReadingNoise(seed, "2450:readback", facility);
        Channel = new SimulatedSupplyChannel(210, 1.05);
        Channel.Reset();
        Channel.CurrentLimit = 1.05e-4;
        // Evaluated ahead by the clock only while the limit test can request service and someone listens.
        facility.WatchServiceRequest(
            armed: () => _limitTestOn && (Questionable.Enable & CurrentLimitTestBit) != 0 && (ServiceRequestEnable & 0x08) != 0 && Watched,
            arises: LimitTestFailsAnew,
            deliver: () => WithLock(RefreshConditions));
    }

    /// <inheritdoc />
    public override string Model => ModelName;

    /// <summary>The source-measure channel.</summary>
    public SimulatedSupplyChannel Channel { get; }

    /// <inheritdoc />
    public IReadOnlyList<SimulatedSupplyChannel> Outputs => [Channel];

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
            .Command("CALCulate#:CURRent[:DC]:LIMit#:UPPer[:DATA]", ctx => World(() =>
                _limitTestUpper = ctx.Parameter(0).AsNumber(new ScpiNumericRange("A", -1.05, 1.05, 1.05))))
            .Query("CALCulate#:CURRent[:DC]:LIMit#:UPPer[:DATA]?", _ => World(() => ScpiFormat.Nr3(_limitTestUpper)))
            .Command("CALCulate#:CURRent[:DC]:LIMit#:STATe", ctx => World(() => _limitTestOn = ctx.Parameter(0).AsBoolean()))
            .Query("CALCulate#:CURRent[:DC]:LIMit#:STATe?", _ => World(() => ScpiFormat.Boolean(_limitTestOn)))
            .Query("CALCulate#:CURRent[:DC]:LIMit#:FAIL?", _ => World(() => ScpiFormat.Boolean(_limitTestOn && LimitTestFails(Facility.Clock.GetUtcNow()))))
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
        _limitTestUpper = 1.05;
        _limitTestOn = false;
    });

    /// <inheritdoc />
    /// <remarks>
    /// The limit test's result is a condition of the questionable register, brought up to date before and after
    /// every message and at the instant the clock finds it arising; its rising edge latches the event that, enabled
    /// into the status byte and by *SRE, makes the device request service.
    /// </remarks>
    protected override void RefreshConditions()
    {
        var fails = _limitTestOn && World(() => LimitTestFails(Facility.Clock.GetUtcNow()));
        if (_limitTestPassedSince)
        {
            // The test passed in between (seen by the clock's evaluation ahead): a new failure is a new transition.
            _limitTestPassedSince = false;
            Questionable.SetCondition(CurrentLimitTestBit, false);
        }

        _limitTestFailing = fails;
        Questionable.SetCondition(CurrentLimitTestBit, fails);
    }

    /// <summary>
    /// For the clock's evaluation ahead (under the world's lock): whether the limit test fails at
    /// <paramref name="now"/> where the condition register last had it passing, or had it failing but the test
    /// has passed since (an inrush that decayed, a rail power-cycled), so each new failure is reported.
    /// </summary>
    private bool LimitTestFailsAnew(DateTimeOffset now)
    {
        if (!LimitTestFails(now))
        {
            if (_limitTestFailing)
            {
                _limitTestPassedSince = true;
            }

            return false;
        }

        return !_limitTestFailing || _limitTestPassedSince;
    }

    /// <summary>The limit test fails while the current the output carries is above its upper limit.</summary>
    private bool LimitTestFails(DateTimeOffset now) =>
        Channel.OutputOn && !Channel.SourcesCurrent && Channel.OperatingPoint(now).Amperes > _limitTestUpper;

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
        return (point.Volts + (1e-4 * _noise.NextGaussian()), point.Amperes * (1 + (5e-5 * _noise.NextGaussian())) + (1e-7 * _noise.NextGaussian()) + Channel.CurrentReadingOffset);
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
