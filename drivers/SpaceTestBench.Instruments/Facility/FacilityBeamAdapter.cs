using SpaceTestBench.Instruments.Roles;
using SpaceTestBench.Visa;
using SpaceTestBench.Visa.Sessions;

namespace SpaceTestBench.Instruments.Facility;

/// <summary>
/// A beam line driven through the facility adapter protocol (docs/facility-adapter.md): beam lines have no
/// SCPI of their own, so the facility exposes its beam control and dosimetry through this SCPI-like
/// contract. The wire speaks the facility's units (MeV, MeV·cm²/mg, µm, °, cm⁻²·s⁻¹, cm⁻², rad(Si));
/// the driver converts to and from SI.
/// </summary>
public sealed class FacilityBeamAdapter(IMessageBasedSession session) : ScpiInstrument(session), IParticleBeam
{
    /// <summary>The model name bench files use.</summary>
    public const string ModelName = "Facility beam adapter";

    private const double JoulesPerMeV = 1.602176634e-13;
    private const double LetSiPerMeVSquareCentimetrePerMilligram = 1.602176634e-11;
    private const double SquareMetresPerSquareCentimetre = 1e-4;
    private const double GrayPerRad = 0.01;

    // The adapter's OPERation bit 8, the shutter closed (docs/facility-adapter.md); the register's summary is status byte bit 7
    // (SCPI-99 vol. 1 §9.1, IEEE 488.2 §11.2).
    private const int ShutterClosedBit = 1 << 8;
    private const int OperationSummaryBit = 1 << 7;

    // Seen once the bench sees the adapter's service request line: a closing of the shutter then requests service.
    private IServiceRequestLine? _closingLine;

    // The shutter was last seen (or set) open with the closing event read since: while the line stays quiet it is still open.
    private bool _openWithLineQuiet;

    /// <inheritdoc />
    public override string Model => ModelName;

    /// <inheritdoc />
    /// <remarks>Where the bench sees the adapter's service request line, a closing of the shutter (the fluence target, the
    /// facility, any command) is enabled into it, so a run's look at the shutter needs no exchange while the line is quiet.</remarks>
    public override async Task OpenAsync(CancellationToken cancellationToken = default)
    {
        await base.OpenAsync(cancellationToken);
        if (Session is IServiceRequestLine line)
        {
            await WriteAsync($":STAT:OPER:ENAB {ShutterClosedBit};*SRE {OperationSummaryBit | ServiceRequestEnable}", cancellationToken);
            _closingLine = line;
        }
    }

    /// <inheritdoc />
    protected override string ExpectedModelField => "BEAM-ADAPTER";

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> GetSpeciesCatalogAsync(CancellationToken cancellationToken = default) =>
        (await QueryAsync($"BEAM:SPEC:CAT?", cancellationToken)).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    /// <inheritdoc />
    public Task SelectSpeciesAsync(string species, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(species);
        if (!species.All(char.IsAsciiLetterOrDigit))
        {
            throw new ArgumentException($"'{species}' is not a species name of the adapter protocol (letters and digits).", nameof(species));
        }

        return WriteAsync($"BEAM:SPEC {species}", cancellationToken);
    }

    /// <inheritdoc />
    public Task SetEnergyAsync(double joules, CancellationToken cancellationToken = default) =>
        WriteAsync($"BEAM:ENER {joules / JoulesPerMeV:G9}", cancellationToken);

    /// <inheritdoc />
    public Task SetTiltAsync(double radians, CancellationToken cancellationToken = default) =>
        WriteAsync($"BEAM:TILT {radians * 180 / Math.PI:G9}", cancellationToken);

    /// <inheritdoc />
    public Task SetFluxAsync(double perSquareMetrePerSecond, CancellationToken cancellationToken = default) =>
        WriteAsync($"BEAM:FLUX {perSquareMetrePerSecond * SquareMetresPerSquareCentimetre:G9}", cancellationToken);

    /// <inheritdoc />
    /// <remarks>The seven settings in one program message (the adapter takes compound messages, docs/facility-adapter.md):
    /// one round trip where it was seven, at every run's set-up and every look at an ion.</remarks>
    public async Task<BeamSettings> GetBeamAsync(CancellationToken cancellationToken = default)
    {
        const string query = "BEAM:SPEC?;:BEAM:ENER?;:BEAM:LET?;:BEAM:LET:EFF?;:BEAM:RANG?;:BEAM:TILT?;:BEAM:FLUX?";
        var units = (await QueryAsync($"{query}", cancellationToken)).Split(';');
        if (units.Length != 7)
        {
            throw new VisaProtocolException(Resource, $"expected seven beam settings after '{query}' but the adapter answered '{Shorten(string.Join(';', units))}'.");
        }

        var species = units[0].Trim();
        var energy = ParseNumber(units[1], query);
        var let = ParseNumber(units[2], query);
        var effective = ParseNumber(units[3], query);
        var range = ParseNumber(units[4], query);
        var tilt = ParseNumber(units[5], query);
        var flux = ParseNumber(units[6], query);
        return new BeamSettings(
            species, energy * JoulesPerMeV, let * LetSiPerMeVSquareCentimetrePerMilligram, effective * LetSiPerMeVSquareCentimetrePerMilligram,
            range * 1e-6, tilt * Math.PI / 180, flux / SquareMetresPerSquareCentimetre);
    }

    /// <inheritdoc />
    /// <remarks>With the closing line, opening reads the closing event in the same message (clearing it, so the line is quiet
    /// while the shutter stays open).</remarks>
    public async Task SetShutterOpenAsync(bool open, CancellationToken cancellationToken = default)
    {
        _openWithLineQuiet = false;
        if (open && _closingLine is not null)
        {
            await QueryAsync($"BEAM:SHUT OPEN;:STAT:OPER?", cancellationToken);
            _openWithLineQuiet = true;
            return;
        }

        await WriteAsync($"BEAM:SHUT {(open ? "OPEN" : "CLOS")}", cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>
    /// With the closing line: open as last seen while the line is quiet, without an exchange (nothing has closed the shutter
    /// since: a closing would have latched the event and asserted the line); else the shutter and the event in one message.
    /// A beam run looks at the shutter at every check to see the run's end, which was 12,500 of the main job's exchanges.
    /// </remarks>
    public async Task<bool> IsShutterOpenAsync(CancellationToken cancellationToken = default)
    {
        if (_closingLine is null)
        {
            return (await QueryAsync($"BEAM:SHUT?", cancellationToken)).Equals("OPEN", StringComparison.OrdinalIgnoreCase);
        }

        if (_openWithLineQuiet && !_closingLine.ServiceRequestAsserted)
        {
            return true;
        }

        const string query = "BEAM:SHUT?;:STAT:OPER?";
        var units = (await QueryAsync($"{query}", cancellationToken)).Split(';');
        if (units.Length != 2)
        {
            throw new VisaProtocolException(Resource, $"expected the shutter and the operation event after '{query}' but the adapter answered '{Shorten(string.Join(';', units))}'.");
        }

        _openWithLineQuiet = units[0].Trim().Equals("OPEN", StringComparison.OrdinalIgnoreCase);
        return _openWithLineQuiet;
    }

    /// <inheritdoc />
    public async Task<(bool ShutterOpen, double Fluence)> ReadExposureAsync(CancellationToken cancellationToken = default)
    {
        const string query = "BEAM:SHUT?;:BEAM:FLU?";
        var units = (await QueryAsync($"{query}", cancellationToken)).Split(';');
        return units.Length == 2
            ? (units[0].Trim().Equals("OPEN", StringComparison.OrdinalIgnoreCase), ParseNumber(units[1], query) / SquareMetresPerSquareCentimetre)
            : throw new VisaProtocolException(Resource, $"expected the shutter and the fluence after '{query}' but the adapter answered '{Shorten(string.Join(';', units))}'.");
    }

    /// <inheritdoc />
    public async Task<double> MeasureFluenceAsync(CancellationToken cancellationToken = default) =>
        await QueryDoubleAsync($"BEAM:FLU?", cancellationToken) / SquareMetresPerSquareCentimetre;

    /// <inheritdoc />
    public Task ResetFluenceAsync(CancellationToken cancellationToken = default) => WriteAsync($"BEAM:FLU:RES", cancellationToken);

    /// <inheritdoc />
    public Task SetFluenceTargetAsync(double? perSquareMetre, CancellationToken cancellationToken = default) =>
        WriteAsync($"BEAM:FLU:TARG {(perSquareMetre ?? 0) * SquareMetresPerSquareCentimetre:G9}", cancellationToken);

    /// <inheritdoc />
    public async Task<double> MeasureDoseAsync(CancellationToken cancellationToken = default) =>
        await QueryDoubleAsync($"BEAM:DOSE?", cancellationToken) * GrayPerRad;

    /// <inheritdoc />
    public override Task SafeStateAsync(CancellationToken cancellationToken = default) => SetShutterOpenAsync(false, cancellationToken);
}
