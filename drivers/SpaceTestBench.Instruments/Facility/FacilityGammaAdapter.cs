using SpaceTestBench.Instruments.Roles;
using SpaceTestBench.Visa;
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

    // The adapter's OPERation bit 8, the source down (docs/facility-adapter.md); the register's summary is status byte bit 7
    // (SCPI-99 vol. 1 §9.1, IEEE 488.2 §11.2).
    private const int SourceDownBit = 1 << 8;
    private const int OperationSummaryBit = 1 << 7;

    // Set once the bench sees the adapter's service request line: the source going down then requests service.
    private bool _loweringRequestsService;

    /// <inheritdoc />
    public override string Model => ModelName;

    /// <inheritdoc />
    /// <remarks>Where the bench sees the adapter's service request line, the source going down (the controller lowering it
    /// at the dose target, or anything else) is enabled into it, so the bench learns an exposure's end when it happens
    /// instead of at its next look.</remarks>
    public override async Task OpenAsync(CancellationToken cancellationToken = default)
    {
        await base.OpenAsync(cancellationToken);
        if (Session is IServiceRequestLine)
        {
            await WriteAsync($":STAT:OPER:ENAB {SourceDownBit};*SRE {OperationSummaryBit | ServiceRequestEnable}", cancellationToken);
            _loweringRequestsService = true;
        }
    }

    /// <inheritdoc />
    protected override string ExpectedModelField => "GAMMA-ADAPTER";

    /// <inheritdoc />
    public Task SetDoseRateAsync(double grayPerSecond, CancellationToken cancellationToken = default) =>
        WriteAsync($"DOSE:RATE {grayPerSecond * RadPerGray * 3600:G9}", cancellationToken);

    /// <inheritdoc />
    public async Task<double> MeasureDoseRateAsync(CancellationToken cancellationToken = default) =>
        await QueryDoubleAsync($"DOSE:RATE?", cancellationToken) / RadPerGray / 3600;

    /// <inheritdoc />
    /// <remarks>With the lowering enabled into the service request, raising reads (and so clears) the source-down event in
    /// the same message: the line is quiet while the source is up and asserts when it next goes down.</remarks>
    public async Task SetSourceUpAsync(bool up, CancellationToken cancellationToken = default)
    {
        if (up && _loweringRequestsService)
        {
            await QueryAsync($"SOUR:POS UP;:STAT:OPER?", cancellationToken);
            return;
        }

        await WriteAsync($"SOUR:POS {(up ? "UP" : "DOWN")}", cancellationToken);
    }

    /// <inheritdoc />
    public async Task<bool> IsSourceUpAsync(CancellationToken cancellationToken = default) =>
        (await QueryAsync($"SOUR:POS?", cancellationToken)).Equals("UP", StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public async Task<(bool SourceUp, DoseReading Dose)> ReadExposureAsync(CancellationToken cancellationToken = default)
    {
        const string query = "SOUR:POS?;:DOSE?;:DOSE:UNC?";
        var units = (await QueryAsync($"{query}", cancellationToken)).Split(';');
        return units.Length == 3
            ? (units[0].Trim().Equals("UP", StringComparison.OrdinalIgnoreCase), new DoseReading(ParseNumber(units[1], query) / RadPerGray, ParseNumber(units[2], query)))
            : throw new VisaProtocolException(Resource, $"expected the source position, the dose and its uncertainty after '{query}' but the adapter answered '{Shorten(string.Join(';', units))}'.");
    }

    /// <inheritdoc />
    public async Task<DoseReading> MeasureDoseAsync(CancellationToken cancellationToken = default)
    {
        // Both in one program message with the error check (IEEE 488.2 §8.4.1): the dose-overrun interlock reads the dose at
        // the pace of the exposure, and the two queries were a third of the cell's exchanges in the main job.
        const string query = "DOSE?;:DOSE:UNC?";
        var response = await QueryAsync($"{query}", cancellationToken);
        var separator = response.IndexOf(';', StringComparison.Ordinal);
        if (separator < 0)
        {
            throw new VisaProtocolException(Resource, $"expected the dose and its uncertainty after '{query}' but the adapter answered '{Shorten(response)}'.");
        }

        return new DoseReading(ParseNumber(response[..separator], query) / RadPerGray, ParseNumber(response[(separator + 1)..], query));
    }

    /// <inheritdoc />
    public async Task<SourceMoves> ReadSourceMovesAsync(CancellationToken cancellationToken = default)
    {
        const string query = "SOUR:RAIS?;:SOUR:LOW?";
        var units = (await QueryAsync($"{query}", cancellationToken)).Split(';');
        return units.Length == 2
            ? new SourceMoves(Ago(ParseNumber(units[0], query)), Ago(ParseNumber(units[1], query)))
            : throw new VisaProtocolException(Resource, $"expected the seconds since the source was raised and since it was lowered after '{query}' but the adapter answered '{Shorten(string.Join(';', units))}'.");

        // SCPI-99 §7.2.1.5: 9.91E37 is not a number, the controller has no such move on record (9.9E37, infinity, is no time either).
        TimeSpan? Ago(double seconds) => seconds switch
        {
            >= 9.9e37 or double.NaN => null,
            < 0 or > 3.15e9 => throw new VisaProtocolException(Resource, $"'{query}' answered {seconds:G6} s, which is no time since a move of the source (0 to 100 years)."),
            _ => TimeSpan.FromSeconds(seconds),
        };
    }

    /// <inheritdoc />
    public Task ResetDoseAsync(CancellationToken cancellationToken = default) => WriteAsync($"DOSE:RES", cancellationToken);

    /// <inheritdoc />
    public Task SetDoseTargetAsync(double? gray, CancellationToken cancellationToken = default) =>
        WriteAsync($"DOSE:TARG {(gray ?? 0) * RadPerGray:G9}", cancellationToken);

    /// <inheritdoc />
    public override Task SafeStateAsync(CancellationToken cancellationToken = default) => SetSourceUpAsync(false, cancellationToken);
}
