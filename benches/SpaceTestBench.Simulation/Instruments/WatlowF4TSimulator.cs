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
    private readonly ThermalChamberModel _chamber;
    private readonly Random _noise;
    private bool _fahrenheit = true;
    private string _rampAction = "OFF";
    private double _rampRateKelvinPerMinute = 1;

    /// <summary>A simulator acting on <paramref name="facility"/>; <paramref name="hostsDut"/> if the DUT sits in it.</summary>
    public WatlowF4TSimulator(SimulatedFacility facility, string serialNumber, int seed, bool hostsDut)
        : base(new InstrumentIdentity("WATLOW", "F4T", serialNumber, "03.05.0001"), facility)
    {
        ArgumentNullException.ThrowIfNull(facility);
        _chamber = facility.AttachChamber(ChamberSpec, hostsDut);
        _noise = RandomStreams.For(seed, "F4T:process-values");
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
    });

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
