using SpaceTestBench.Instruments.Roles;
using SpaceTestBench.Visa;
using SpaceTestBench.Visa.Sessions;

namespace SpaceTestBench.Instruments.Facility;

/// <summary>
/// A two-zone (air-to-air) thermal shock chamber driven through the facility adapter protocol
/// (docs/facility-adapter.md): the zones' setpoints and air temperatures, the basket's position and the
/// worst-case load's thermocouple. The wire speaks °C.
/// </summary>
public sealed class FacilityShockChamber(IMessageBasedSession session) : ScpiInstrument(session), IThermalShockChamber
{
    /// <summary>The model name bench files use.</summary>
    public const string ModelName = "Facility thermal shock chamber";

    private const double ZeroCelsius = 273.15;
    private const double SafeAmbientCelsius = 25;

    /// <inheritdoc />
    public override string Model => ModelName;

    /// <inheritdoc />
    protected override string ExpectedModelField => "SHOCK-ADAPTER";

    /// <inheritdoc />
    public Task SetHotZoneSetpointAsync(double kelvin, CancellationToken cancellationToken = default) =>
        WriteAsync($"HOT:SPO {Math.Round(kelvin - ZeroCelsius, 2):G9}", cancellationToken);

    /// <inheritdoc />
    public Task SetColdZoneSetpointAsync(double kelvin, CancellationToken cancellationToken = default) =>
        WriteAsync($"COLD:SPO {Math.Round(kelvin - ZeroCelsius, 2):G9}", cancellationToken);

    /// <inheritdoc />
    public async Task<double> GetZoneSetpointAsync(ShockZone zone, CancellationToken cancellationToken = default) =>
        await QueryDoubleAsync($"{Zone(zone)}:SPO?", cancellationToken) + ZeroCelsius;

    /// <inheritdoc />
    public async Task<double> MeasureZoneTemperatureAsync(ShockZone zone, CancellationToken cancellationToken = default) =>
        await QueryDoubleAsync($"{Zone(zone)}:TEMP?", cancellationToken) + ZeroCelsius;

    /// <inheritdoc />
    public Task MoveBasketAsync(ShockZone zone, CancellationToken cancellationToken = default) =>
        WriteAsync($"BASK:POS {Zone(zone)}", cancellationToken);

    /// <inheritdoc />
    public async Task<BasketPosition> GetBasketPositionAsync(CancellationToken cancellationToken = default)
    {
        var answer = await QueryAsync($"BASK:POS?", cancellationToken);
        return answer.ToUpperInvariant() switch
        {
            "HOT" => BasketPosition.Hot,
            "COLD" => BasketPosition.Cold,
            "MOV" => BasketPosition.Moving,
            _ => throw new VisaProtocolException(Resource, $"expected HOT, COLD or MOV after 'BASK:POS?' but the instrument answered '{Shorten(answer)}'."),
        };
    }

    /// <inheritdoc />
    public async Task<double> MeasureLoadTemperatureAsync(CancellationToken cancellationToken = default) =>
        await QueryDoubleAsync($"LOAD:TEMP?", cancellationToken) + ZeroCelsius;

    /// <summary>
    /// Both zones to room temperature and the basket into the hot zone: a cold load brought out into humid room
    /// air would frost; the hot zone's dry air brings it to ambient as the zone itself cools.
    /// </summary>
    public override async Task SafeStateAsync(CancellationToken cancellationToken = default)
    {
        await WriteAsync($"HOT:SPO {SafeAmbientCelsius:G9}", cancellationToken);
        await WriteAsync($"COLD:SPO {SafeAmbientCelsius:G9}", cancellationToken);
        await WriteAsync($"BASK:POS HOT", cancellationToken);
    }

    private static string Zone(ShockZone zone) => zone == ShockZone.Hot ? "HOT" : "COLD";
}
