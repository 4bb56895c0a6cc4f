using SpaceTestBench.Instruments.Roles;
using SpaceTestBench.Visa;
using SpaceTestBench.Visa.Sessions;

namespace SpaceTestBench.Instruments.Facility;

/// <summary>
/// The optical link emulator driven through its adapter protocol (docs/facility-adapter.md). Wire units
/// are SI already (s, m, Hz, rad, W), link budget terms in dB.
/// </summary>
public sealed class FacilityLinkEmulator(IMessageBasedSession session) : ScpiInstrument(session), ILinkEmulator
{
    /// <summary>The model name bench files use.</summary>
    public const string ModelName = "Facility link emulator";

    /// <inheritdoc />
    public override string Model => ModelName;

    /// <inheritdoc />
    protected override string ExpectedModelField => "LINK-EMULATOR";

    /// <inheritdoc />
    public Task SetOneWayDelayAsync(double seconds, CancellationToken cancellationToken = default) =>
        WriteAsync($"LINK:DEL {seconds:G9}", cancellationToken);

    /// <inheritdoc />
    public Task SetRangeAsync(double metres, CancellationToken cancellationToken = default) =>
        WriteAsync($"LINK:RANG {metres:G9}", cancellationToken);

    /// <inheritdoc />
    public Task SetDopplerShiftAsync(double hertz, CancellationToken cancellationToken = default) =>
        WriteAsync($"LINK:DOPP {hertz:G9}", cancellationToken);

    /// <inheritdoc />
    public Task SetDopplerRateAsync(double hertzPerSecond, CancellationToken cancellationToken = default) =>
        WriteAsync($"LINK:DOPP:RATE {hertzPerSecond:G9}", cancellationToken);

    /// <inheritdoc />
    public async Task SetFadingAsync(FadingProfile profile, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var kind = profile.Kind switch
        {
            FadingKind.LogNormal => "LOGN",
            FadingKind.GammaGamma => "GAMM",
            _ => "NONE",
        };
        await WriteAsync($"LINK:FAD:CTIM {profile.CorrelationSeconds:G9};SIND {profile.ScintillationIndex:G9};PROF {kind}", cancellationToken);
    }

    /// <inheritdoc />
    public Task SetPointingErrorAsync(double jitterRadians, double biasRadians, CancellationToken cancellationToken = default) =>
        WriteAsync($"LINK:POIN:JITT {jitterRadians:G9};BIAS {biasRadians:G9}", cancellationToken);

    /// <inheritdoc />
    public async Task<LinkEmulation> GetEmulationAsync(CancellationToken cancellationToken = default)
    {
        var delay = await QueryDoubleAsync($"LINK:DEL?", cancellationToken);
        var doppler = await QueryDoubleAsync($"LINK:DOPP?", cancellationToken);
        var kindText = await QueryAsync($"LINK:FAD:PROF?", cancellationToken);
        var index = await QueryDoubleAsync($"LINK:FAD:SIND?", cancellationToken);
        var correlation = await QueryDoubleAsync($"LINK:FAD:CTIM?", cancellationToken);
        var jitter = await QueryDoubleAsync($"LINK:POIN:JITT?", cancellationToken);
        var bias = await QueryDoubleAsync($"LINK:POIN:BIAS?", cancellationToken);
        var kind = kindText.ToUpperInvariant() switch
        {
            "NONE" => FadingKind.None,
            "LOGN" => FadingKind.LogNormal,
            "GAMM" => FadingKind.GammaGamma,
            _ => throw new VisaProtocolException(Resource, $"LINK:FAD:PROF? answered '{kindText}', not NONE, LOGN or GAMM."),
        };
        return new LinkEmulation(delay, doppler, new FadingProfile(kind, index, correlation), jitter, bias);
    }

    /// <inheritdoc />
    public Task SetLinkBudgetAsync(double wavelengthMetres, double transmitApertureMetres, double receiveApertureMetres, double atmosphericLossDecibels, CancellationToken cancellationToken = default) =>
        WriteAsync($"LINK:WAV {wavelengthMetres:G9};APER:TRAN {transmitApertureMetres:G9};REC {receiveApertureMetres:G9};:LINK:ATM {atmosphericLossDecibels:G9}", cancellationToken);

    /// <inheritdoc />
    public async Task<LinkBudgetTerms> GetLinkBudgetAsync(CancellationToken cancellationToken = default)
    {
        var text = await QueryAsync($"LINK:BUDG?", cancellationToken);
        var terms = text.Split(',');
        var values = new double[terms.Length];
        if (terms.Length != 6 || !terms.Select((t, i) => double.TryParse(t, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out values[i])).All(ok => ok))
        {
            throw new VisaProtocolException(Resource, $"LINK:BUDG? answered '{text}', not six numbers (Gt, Gr, free-space loss, pointing, atmosphere, total in dB).");
        }

        return new LinkBudgetTerms(values[0], values[1], values[2], values[3], values[4], values[5]);
    }

    /// <inheritdoc />
    public Task<double> MeasureInputPowerAsync(CancellationToken cancellationToken = default) =>
        QueryDoubleAsync($"LINK:POW:INP?", cancellationToken);

    /// <inheritdoc />
    public Task<double> GetMeanPointingLossAsync(CancellationToken cancellationToken = default) =>
        QueryDoubleAsync($"LINK:LOSS?", cancellationToken);

    /// <summary>Nothing the emulator does can harm the DUT or a person: its safe state is to be left as it is.</summary>
    public override Task SafeStateAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;
}
