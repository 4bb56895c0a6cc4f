using SpaceTestBench.Instruments.Roles;
using SpaceTestBench.Visa.Sessions;

namespace SpaceTestBench.Instruments.Facility;

/// <summary>
/// A Co-60 cell driven through the facility adapter protocol (docs/facility-adapter.md): the cell's PLC and
/// its ion-chamber dosimetry behind one SCPI-like contract. The wire speaks rad(Si) and rad(Si)/h; the
/// driver converts to and from Gy and Gy/s.
/// </summary>
public sealed class FacilityGammaAdapter(IMessageBasedSession session) : ScpiInstrument(session), IGammaSource
{
    /// <summary>The model name bench files use.</summary>
    public const string ModelName = "Facility gamma adapter";

    private const double RadPerGray = 100;

    /// <inheritdoc />
    public override string Model => ModelName;

    /// <inheritdoc />
    protected override string ExpectedModelField => "GAMMA-ADAPTER";

    /// <inheritdoc />
    public Task SetDoseRateAsync(double grayPerSecond, CancellationToken cancellationToken = default) =>
        WriteAsync($"DOSE:RATE {grayPerSecond * RadPerGray * 3600:G9}", cancellationToken);

    /// <inheritdoc />
    public async Task<double> MeasureDoseRateAsync(CancellationToken cancellationToken = default) =>
        await QueryDoubleAsync($"DOSE:RATE?", cancellationToken) / RadPerGray / 3600;

    /// <inheritdoc />
    public Task SetSourceUpAsync(bool up, CancellationToken cancellationToken = default) =>
        WriteAsync($"SOUR:POS {(up ? "UP" : "DOWN")}", cancellationToken);

    /// <inheritdoc />
    public async Task<bool> IsSourceUpAsync(CancellationToken cancellationToken = default) =>
        (await QueryAsync($"SOUR:POS?", cancellationToken)).Equals("UP", StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public async Task<DoseReading> MeasureDoseAsync(CancellationToken cancellationToken = default)
    {
        var rad = await QueryDoubleAsync($"DOSE?", cancellationToken);
        var uncertainty = await QueryDoubleAsync($"DOSE:UNC?", cancellationToken);
        return new DoseReading(rad / RadPerGray, uncertainty);
    }

    /// <inheritdoc />
    public Task ResetDoseAsync(CancellationToken cancellationToken = default) => WriteAsync($"DOSE:RES", cancellationToken);

    /// <inheritdoc />
    public Task SetDoseTargetAsync(double? gray, CancellationToken cancellationToken = default) =>
        WriteAsync($"DOSE:TARG {(gray ?? 0) * RadPerGray:G9}", cancellationToken);

    /// <inheritdoc />
    public override Task SafeStateAsync(CancellationToken cancellationToken = default) => SetSourceUpAsync(false, cancellationToken);
}
