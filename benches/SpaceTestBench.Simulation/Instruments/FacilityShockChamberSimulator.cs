using System.Globalization;
using SpaceTestBench.Simulation.Environment;
using SpaceTestBench.Simulation.Physics;
using SpaceTestBench.Visa.Scpi;

namespace SpaceTestBench.Simulation.Instruments;

/// <summary>
/// Simulates a two-zone (air-to-air) thermal shock chamber behind the facility adapter protocol
/// (docs/facility-adapter.md): each zone's setpoint and air temperature, the basket's position (it takes the
/// elevator's travel time to get from one zone to the other, answering MOV meanwhile) and the worst-case load's
/// thermocouple, whose reading is the lumped load of <see cref="ThermalShockChamberModel"/> following the air
/// around it. Wire units: °C. The chamber stands beside the simulated DUT model: what its basket carries is the
/// load the facility puts in it (<see cref="SimulatedFacility.LoadShockBasket"/>).
/// </summary>
public sealed class FacilityShockChamberSimulator : SimulatedScpiInstrument
{
    /// <summary>Model name bench files use.</summary>
    public const string ModelName = "Facility thermal shock chamber";

    private const double ThermocoupleNoiseKelvin = 0.1;
    private readonly ThermalShockChamberModel _chamber;
    private readonly Random _noise;

    /// <summary>A simulator of a chamber built to <paramref name="spec"/> (default: <see cref="ThermalShockChamberSpec.Default"/>) in <paramref name="facility"/>.</summary>
    public FacilityShockChamberSimulator(SimulatedFacility facility, string serialNumber, int seed, ThermalShockChamberSpec? spec = null)
        : base(new InstrumentIdentity("SpaceTestBench Facility", "SHOCK-ADAPTER", serialNumber, "1.0"), facility)
    {
        ArgumentNullException.ThrowIfNull(facility);
        _chamber = facility.AttachShockChamber(spec ?? ThermalShockChamberSpec.Default);
        _noise = RandomStreams.ReadingNoise(seed, "shock:thermocouples", facility);
    }

    /// <inheritdoc />
    public override string Model => ModelName;

    /// <inheritdoc />
    protected override void DeclareCommands(ScpiCommandTree tree)
    {
        foreach (var (header, zone) in new[] { ("HOT", 0), ("COLD", 1) })
        {
            var (minimum, maximum) = zone == 0
                ? (_chamber.Spec.HotMinimumKelvin, _chamber.Spec.HotMaximumKelvin)
                : (_chamber.Spec.ColdMinimumKelvin, _chamber.Spec.ColdMaximumKelvin);
            tree.Command($"{header}:SPOint", ctx => Chamber(() =>
                    _chamber.SetSetpoint(zone, Kelvin(ctx.Parameter(0).AsNumber(new ScpiNumericRange("CEL", Celsius(minimum), Celsius(maximum), Celsius(ThermalChamberSpec.AmbientKelvin)))))))
                .Query($"{header}:SPOint?", _ => Chamber(() => Format(Celsius(_chamber.Setpoint(zone)))))
                .Query($"{header}:TEMPerature?", _ => Chamber(() => Format(Celsius(_chamber.Air(zone) + (ThermocoupleNoiseKelvin * _noise.NextGaussian())))));
        }

        tree.Command("BASKet:POSition", ctx => Chamber(() =>
            {
                var zone = ctx.Parameter(0).AsChoice("HOT", "COLD") == "HOT" ? 0 : 1;
                if (!_chamber.MoveTo(zone))
                {
                    throw new ScpiErrorException(ScpiError.SettingsConflict.WithInfo("the basket is travelling; wait for it to stop"));
                }
            }))
            .Query("BASKet:POSition?", _ => Chamber(() => _chamber.Moving ? "MOV" : _chamber.BasketZone == 0 ? "HOT" : "COLD"))
            .Query("LOAD:TEMPerature?", _ => Chamber(() => Format(Celsius(_chamber.Load + (ThermocoupleNoiseKelvin * _noise.NextGaussian())))));
    }

    /// <inheritdoc />
    protected override void Reset() => Chamber(() =>
    {
        _chamber.SetSetpoint(0, ThermalChamberSpec.AmbientKelvin);
        _chamber.SetSetpoint(1, ThermalChamberSpec.AmbientKelvin);
        _chamber.MoveTo(0);
    });

    // The chamber's physics is evaluated when it is asked about, up to the world's now.
    private T Chamber<T>(Func<T> body) => World(() =>
    {
        _chamber.AdvanceTo(Facility.Elapsed);
        return body();
    });

    private void Chamber(Action body) => Chamber(() =>
    {
        body();
        return 0;
    });

    private static double Celsius(double kelvin) => kelvin - PhysicalConstants.ZeroCelsius;

    private static double Kelvin(double celsius) => celsius + PhysicalConstants.ZeroCelsius;

    private static string Format(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}
