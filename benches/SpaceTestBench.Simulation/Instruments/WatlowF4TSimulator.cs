using System.Globalization;
using SpaceTestBench.Simulation.Environment;
using SpaceTestBench.Simulation.Physics;
using SpaceTestBench.Visa.Scpi;

namespace SpaceTestBench.Simulation.Instruments;

/// <summary>
/// Simulates a thermal-vacuum chamber run by a Watlow F4T controller over its SCPI interface. Loop 1
/// controls the shroud/platen temperature (setpoint, ramp action and ramp rate in degrees per minute of the
/// display unit); loop 2 monitors the product thermocouple on the DUT; loop 3 reads the vacuum gauge in Torr;
/// digital output 1 starts the pump-down sequence (off vents). This wiring is the facility's TVAC
/// configuration, documented in docs/simulators.md. Temperatures are in the controller's display unit,
/// °F until :UNIT:TEMPerature C is sent, as on a controller configured for a US site.
/// </summary>
public sealed class WatlowF4TSimulator : SimulatedScpiInstrument
{
    /// <summary>Model name bench files use.</summary>
    public const string ModelName = "Watlow F4T";

    /// <summary>
    /// An LN2-cooled TVAC shroud: 6 K/min heating, 5 K/min cooling, a loop with ~15 min natural period and
    /// ζ = 0.55 (about 1 K overshoot after a 3 K/min ramp), −70…+180 °C; a turbo-pumped chamber reaching
    /// 1e-4 Torr in a little over an hour.
    /// </summary>
    public static ThermalChamberSpec ChamberSpec { get; } = new(
        MinimumKelvin: 203.15, MaximumKelvin: 453.15, MaximumHeatingRate: 0.1, MaximumCoolingRate: 5.0 / 60,
        NaturalFrequency: 2 * Math.PI / 900, DampingRatio: 0.55, PassiveTimeConstantSeconds: 3600,
        HasVacuum: true, PumpTimeConstantSeconds: 300, BasePressurePascal: 1e-5, VentTimeConstantSeconds: 120);

    private const double TorrPerPascal = 760.0 / 101325;

    // SCPI-99 vol. 2 §20: QUEStionable bit 4 is TEMPerature; its summary is status byte bit 3 (IEEE 488.2 §11.2).
    private const int QuestionableTemperatureBit = 1 << 4;
    private const int QuestionableSummaryBit = 1 << 3;
    private readonly ThermalChamberModel _chamber;
    private readonly Random _noise;
    private bool _fahrenheit = true;
    private string _rampAction = "OFF";
    private double _rampRateKelvinPerMinute = 1;
    private bool _alarmOn;
    private double _alarmLowKelvin = ChamberSpec.MinimumKelvin;
    private double _alarmHighKelvin = ChamberSpec.MaximumKelvin;
    private bool _alarmActive;
    private volatile bool _alarmClearedSince;

    /// <summary>A simulator acting on <paramref name="facility"/>; <paramref name="hostsDut"/> if the DUT sits in it.</summary>
    public WatlowF4TSimulator(SimulatedFacility facility, string serialNumber, int seed, bool hostsDut)
        : base(new InstrumentIdentity("WATLOW", "F4T", serialNumber, "03.05.0001"), facility)
    {
        ArgumentNullException.ThrowIfNull(facility);
        _chamber = facility.AttachChamber(ChamberSpec, hostsDut);
        _noise = RandomStreams.ReadingNoise(seed, "F4T:process-values", facility);
        // Evaluated ahead by the clock only while the alarm can request service and someone listens.
        facility.WatchServiceRequest(
            armed: () => _alarmOn && (Questionable.Enable & QuestionableTemperatureBit) != 0 && (ServiceRequestEnable & QuestionableSummaryBit) != 0 && Watched,
            arises: AlarmActiveAnew,
            deliver: () => WithLock(RefreshConditions));
    }

    /// <inheritdoc />
    public override string Model => ModelName;

    /// <inheritdoc />
    protected override void DeclareCommands(ScpiCommandTree tree)
    {
        tree.Command("[SOURce:]CLOop#:SPOint", ctx => World(() =>
            {
                RequireLoop(ctx, 1);
                var display = ctx.Parameter(0).AsNumber(new ScpiNumericRange("", ToDisplay(ChamberSpec.MinimumKelvin), ToDisplay(ChamberSpec.MaximumKelvin), ToDisplay(ThermalChamberSpec.AmbientKelvin)));
                _chamber.RampRate = _rampAction is "SETPOINT" or "BOTH" ? _rampRateKelvinPerMinute / 60 : double.PositiveInfinity;
                _chamber.SetSetpoint(FromDisplay(display));
            }))
            .Query("[SOURce:]CLOop#:SPOint?", ctx => World(() =>
            {
                RequireLoop(ctx, 1);
                return Format(ToDisplay(_chamber.Setpoint));
            }))
            .Query("[SOURce:]CLOop#:PVALue?", ctx => World(() => ctx.Suffix(1) switch
            {
                1 => Format(ToDisplay(_chamber.Air + (0.05 * _noise.NextGaussian()))),
                2 => Format(ToDisplay(Facility.Dut.CaseKelvin + (0.05 * _noise.NextGaussian()))),
                3 => ScpiFormat.Nr3(_chamber.Pressure * TorrPerPascal),
                _ => throw new ScpiErrorException(ScpiError.HeaderSuffixOutOfRange.WithInfo(ctx.Unit.Text)),
            }))
            .Command("[SOURce:]CLOop#:RACTion", ctx => World(() =>
            {
                RequireLoop(ctx, 1);
                _rampAction = ctx.Parameter(0).AsChoice("OFF", "STARTup", "SETPoint", "BOTH");
            }))
            .Query("[SOURce:]CLOop#:RACTion?", ctx => World(() =>
            {
                RequireLoop(ctx, 1);
                return _rampAction;
            }))
            .Command("[SOURce:]CLOop#:RRATe", ctx => World(() =>
            {
                RequireLoop(ctx, 1);
                var perMinute = ctx.Parameter(0).AsNumber(new ScpiNumericRange("", 0.01, _fahrenheit ? 90 : 50, 1));
                _rampRateKelvinPerMinute = _fahrenheit ? perMinute * 5 / 9 : perMinute;
            }))
            .Query("[SOURce:]CLOop#:RRATe?", ctx => World(() =>
            {
                RequireLoop(ctx, 1);
                return Format(_fahrenheit ? _rampRateKelvinPerMinute * 9 / 5 : _rampRateKelvinPerMinute);
            }))
            // The facility's wiring of the controller's alarm 1: a process alarm on loop 1's input (the shroud air)
            // with a low and a high set point, latched into QUEStionable bit 4 (TEMPerature) while active.
            .Command("[SOURce:]CLOop#:ALARm:LOWer", ctx => World(() =>
            {
                RequireLoop(ctx, 1);
                _alarmLowKelvin = FromDisplay(ctx.Parameter(0).AsNumber(new ScpiNumericRange("", ToDisplay(ChamberSpec.MinimumKelvin - 50), ToDisplay(ChamberSpec.MaximumKelvin + 50), ToDisplay(ChamberSpec.MinimumKelvin))));
            }))
            .Query("[SOURce:]CLOop#:ALARm:LOWer?", ctx => World(() =>
            {
                RequireLoop(ctx, 1);
                return Format(ToDisplay(_alarmLowKelvin));
            }))
            .Command("[SOURce:]CLOop#:ALARm:UPPer", ctx => World(() =>
            {
                RequireLoop(ctx, 1);
                _alarmHighKelvin = FromDisplay(ctx.Parameter(0).AsNumber(new ScpiNumericRange("", ToDisplay(ChamberSpec.MinimumKelvin - 50), ToDisplay(ChamberSpec.MaximumKelvin + 50), ToDisplay(ChamberSpec.MaximumKelvin))));
            }))
            .Query("[SOURce:]CLOop#:ALARm:UPPer?", ctx => World(() =>
            {
                RequireLoop(ctx, 1);
                return Format(ToDisplay(_alarmHighKelvin));
            }))
            .Command("[SOURce:]CLOop#:ALARm[:STATe]", ctx => World(() =>
            {
                RequireLoop(ctx, 1);
                _alarmOn = ctx.Parameter(0).AsBoolean();
            }))
            .Query("[SOURce:]CLOop#:ALARm[:STATe]?", ctx => World(() =>
            {
                RequireLoop(ctx, 1);
                return ScpiFormat.Boolean(_alarmOn);
            }))
            .Command("UNIT:TEMPerature", ctx => World(() => _fahrenheit = ctx.Parameter(0).AsChoice("C", "F") == "F"))
            .Query("UNIT:TEMPerature?", _ => World(() => _fahrenheit ? "F" : "C"))
            .Command("OUTPut#[:STATe]", ctx => World(() =>
            {
                if (ctx.Suffix(0) != 1)
                {
                    throw new ScpiErrorException(ScpiError.HeaderSuffixOutOfRange.WithInfo($"output {ctx.Suffix(0)} is not wired on this chamber"));
                }

                _chamber.PumpOn = ctx.Parameter(0).AsBoolean();
            }))
            .Query("OUTPut#[:STATe]?", ctx => World(() => ctx.Suffix(0) == 1
                ? ScpiFormat.Boolean(_chamber.PumpOn)
                : throw new ScpiErrorException(ScpiError.HeaderSuffixOutOfRange.WithInfo(ctx.Unit.Text))));
    }

    /// <inheritdoc />
    protected override void Reset() => World(() =>
    {
        _fahrenheit = true;
        _rampAction = "OFF";
        _rampRateKelvinPerMinute = 1;
        _chamber.RampRate = double.PositiveInfinity;
        _chamber.SetSetpoint(ThermalChamberSpec.AmbientKelvin);
        _chamber.PumpOn = false;
        _alarmOn = false;
        _alarmLowKelvin = ChamberSpec.MinimumKelvin;
        _alarmHighKelvin = ChamberSpec.MaximumKelvin;
    });

    /// <inheritdoc />
    /// <remarks>
    /// The alarm is a condition of the questionable register, brought up to date before and after every message and
    /// at the instant the clock finds it arising; its rising edge latches the event that, enabled into the status
    /// byte and by *SRE, makes the controller request service (as the Keithley 2450's limit test does).
    /// </remarks>
    protected override void RefreshConditions()
    {
        var active = _alarmOn && World(AlarmActive);
        if (_alarmClearedSince)
        {
            // The air came back inside in between (seen by the clock's evaluation ahead): a new excursion is a new transition.
            _alarmClearedSince = false;
            Questionable.SetCondition(QuestionableTemperatureBit, false);
        }

        _alarmActive = active;
        Questionable.SetCondition(QuestionableTemperatureBit, active);
    }

    /// <summary>For the clock's evaluation ahead (under the world's lock): the alarm goes active where the register last had it inactive, or cleared since.</summary>
    private bool AlarmActiveAnew(DateTimeOffset now)
    {
        if (!AlarmActive())
        {
            if (_alarmActive)
            {
                _alarmClearedSince = true;
            }

            return false;
        }

        return !_alarmActive || _alarmClearedSince;
    }

    /// <summary>The air (the controller's filtered process value, without the reading noise) outside the alarm's set points.</summary>
    private bool AlarmActive() => _chamber.Air < _alarmLowKelvin || _chamber.Air > _alarmHighKelvin;

    private static void RequireLoop(ScpiCommandContext ctx, int loop)
    {
        if (ctx.Suffix(1) != loop)
        {
            throw new ScpiErrorException(ScpiError.SettingsConflict.WithInfo($"loop {ctx.Suffix(1)} is a monitor input; only loop {loop} controls"));
        }
    }

    private static string Format(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);

    private double ToDisplay(double kelvin) => _fahrenheit ? ((kelvin - PhysicalConstants.ZeroCelsius) * 9 / 5) + 32 : kelvin - PhysicalConstants.ZeroCelsius;

    private double FromDisplay(double value) => _fahrenheit ? ((value - 32) * 5 / 9) + PhysicalConstants.ZeroCelsius : value + PhysicalConstants.ZeroCelsius;
}
