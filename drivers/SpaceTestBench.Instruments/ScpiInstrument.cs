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
        if (!AnswersCompoundQueries && Session is IServiceRequestLine line)
        {
            // An error in the queue requests service (SCPI-99 EAV into *SRE): a query's answer is then checked by looking at
            // the line, and the queue read only while it is asserted.
            await Session.WriteCheckedAsync(FormattableString.Invariant($"*SRE {ErrorAvailableBit}"), cancellationToken);
            _errorLine = line;
        }
    }

    /// <summary>
    /// The *SRE the driver keeps: the error queue's EAV bit (status byte bit 2, SCPI-99) once the bench sees the
    /// instrument's service request line, so an error in the queue asserts it. A driver that enables another summary
    /// into a request writes this value with its own bit added, never in place of it.
    /// </summary>
    protected int ServiceRequestEnable => _errorLine is not null ? ErrorAvailableBit : 0;

    // SCPI-99 vol. 1 §9.1 / IEEE 488.2 §11.2: status byte bit 2, the error/event queue not empty.
    private const int ErrorAvailableBit = 1 << 2;

    // Set once the instrument requests service for an error in its queue: then queries need no error check of their own.
    private IServiceRequestLine? _errorLine;

    /// <summary>
    /// After a query was answered, the error check: one round trip of <c>SYST:ERR?</c> for an instrument that cannot take it in
    /// the query's own message, unless the bench sees the instrument's service request line and it is not asserted. The line
    /// is asserted before the instrument sends the answer of a message that queued an error (IEEE 488.2 §11.2.2.2 with EAV in
    /// *SRE), so a line not asserted after the answer means an empty queue; asserted for another reason (another summary
    /// enabled into the request), the queue is read and is found empty. The F4T's readings, each followed by its own
    /// <c>SYST:ERR?</c>, were half of its exchanges in the main job (docs/architecture.md).
    /// </summary>
    private Task CheckErrorsAfterAnswerAsync(string query, CancellationToken cancellationToken) =>
        _errorLine is { ServiceRequestAsserted: false } ? Task.CompletedTask : Session.ThrowOnErrorsAsync(query, cancellationToken);

    /// <inheritdoc />
    public abstract Task SafeStateAsync(CancellationToken cancellationToken = default);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Session.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>
    /// Writes a command and checks the instrument's error queue: in the command's own program message where the
    /// instrument takes compound messages (<c>command;:SYST:ERR?</c>, one round trip instead of two: the commands'
    /// separate checks were 6,400 of the main job's exchanges, docs/architecture.md), else after it.
    /// </summary>
    protected Task WriteAsync(FormattableString command, CancellationToken cancellationToken) =>
        AnswersCompoundQueries
            ? Session.WriteWithErrorCheckAsync(FormattableString.Invariant(command), cancellationToken)
            : Session.WriteCheckedAsync(FormattableString.Invariant(command), cancellationToken);

    /// <summary>
    /// Whether the instrument takes a query and <c>:SYST:ERR?</c> in one program message and answers both
    /// in one response message (IEEE 488.2 §8.4.1, true of the 488.2 instruments here). Then a query and
    /// its error check are one round trip instead of two, which halves the cost of every reading a
    /// monitor polls. A controller with a partial SCPI parser overrides this with false.
    /// </summary>
    protected virtual bool AnswersCompoundQueries => true;

    /// <summary>Queries a number and checks the instrument's error queue.</summary>
    protected async Task<double> QueryDoubleAsync(FormattableString query, CancellationToken cancellationToken)
    {
        var text = FormattableString.Invariant(query);
        if (AnswersCompoundQueries)
        {
            return await Session.QueryDoubleWithErrorCheckAsync(text, cancellationToken);
        }

        return await QueryCheckedSeparatelyAsync(text, Session.FormattedIO.QueryDoubleAsync, cancellationToken);
    }

    /// <summary>Queries a response line and checks the instrument's error queue.</summary>
    protected async Task<string> QueryAsync(FormattableString query, CancellationToken cancellationToken)
    {
        var text = FormattableString.Invariant(query);
        if (AnswersCompoundQueries)
        {
            return (await Session.QueryWithErrorCheckAsync(text, cancellationToken)).Trim();
        }

        return (await QueryCheckedSeparatelyAsync(text, Session.FormattedIO.QueryAsync, cancellationToken)).Trim();
    }

    /// <summary>A query for an instrument without compound messages: the answer, then its error check on its own.</summary>
    private async Task<T> QueryCheckedSeparatelyAsync<T>(string text, Func<string, CancellationToken, ValueTask<T>> query, CancellationToken cancellationToken)
    {
        T answer;
        try
        {
            answer = await query(text, cancellationToken);
        }
        catch (VisaTimeoutException)
        {
            // A query the instrument rejected produces no response: say why, not just that it timed out.
            await Session.ThrowOnErrorsAsync(text, cancellationToken);
            throw;
        }

        await CheckErrorsAfterAnswerAsync(text, cancellationToken);
        return answer;
    }

    /// <summary>Queries a 0/1 (or OFF/ON) response and checks the error queue.</summary>
    protected async Task<bool> QueryBooleanAsync(FormattableString query, CancellationToken cancellationToken)
    {
        var response = await QueryAsync(query, cancellationToken);
        return response.ToUpperInvariant() switch
        {
            "1" or "ON" => true,
            "0" or "OFF" => false,
            _ => throw new VisaProtocolException(Resource, $"expected 0 or 1 after '{FormattableString.Invariant(query)}' but the instrument answered '{Shorten(response)}'."),
        };
    }

    /// <summary>Parses a number from a response, or raises a protocol error naming the command.</summary>
    protected double ParseNumber(string response, string command) =>
        double.TryParse(response.Trim().Trim('"'), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new VisaProtocolException(Resource, $"expected a number after '{command}' but the instrument answered '{Shorten(response)}'.");

    /// <summary>A response shortened for an error message.</summary>
    protected static string Shorten(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length <= 80 ? text : string.Concat(text.AsSpan(0, 77), "...");
    }
}
