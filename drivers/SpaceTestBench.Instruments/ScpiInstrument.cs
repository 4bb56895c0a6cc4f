using SpaceTestBench.Instruments.Roles;
using SpaceTestBench.Visa;
using SpaceTestBench.Visa.Scpi;
using SpaceTestBench.Visa.Sessions;

namespace SpaceTestBench.Instruments;

/// <summary>Base of drivers for SCPI instruments: identification, model check, error-queue checking.</summary>
public abstract class ScpiInstrument : IInstrument
{
    /// <summary>A driver over an open session.</summary>
    protected ScpiInstrument(IMessageBasedSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        Session = session;
    }

    /// <inheritdoc />
    public abstract string Model { get; }

    /// <inheritdoc />
    public string Resource => Session.ResourceName;

    /// <inheritdoc />
    public InstrumentIdentity? Identity { get; private set; }

    /// <summary>The session commands go through.</summary>
    protected IMessageBasedSession Session { get; }

    /// <summary>The model field *IDN? must contain (e.g. "E36312A").</summary>
    protected abstract string ExpectedModelField { get; }

    /// <inheritdoc />
    public virtual async Task OpenAsync(CancellationToken cancellationToken = default)
    {
        Identity = await Session.IdentifyAsync(cancellationToken);
        if (!Identity.Model.Contains(ExpectedModelField, StringComparison.OrdinalIgnoreCase))
        {
            throw new VisaProtocolException(Resource, $"expected a {Model} but the instrument identifies as {Identity}.");
        }

        await Session.FormattedIO.WriteLineAsync("*CLS", cancellationToken);
        await Session.ThrowOnErrorsAsync("*CLS", cancellationToken);
    }

    /// <inheritdoc />
    public abstract Task SafeStateAsync(CancellationToken cancellationToken = default);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Session.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>Writes a command and checks the instrument's error queue.</summary>
    protected Task WriteAsync(FormattableString command, CancellationToken cancellationToken) =>
        Session.WriteCheckedAsync(FormattableString.Invariant(command), cancellationToken);

    /// <summary>Queries a number and checks the instrument's error queue.</summary>
    protected Task<double> QueryDoubleAsync(FormattableString query, CancellationToken cancellationToken) =>
        Session.QueryDoubleCheckedAsync(FormattableString.Invariant(query), cancellationToken);
}
