using System.Globalization;
using SpaceTestBench.Visa.Sessions;

namespace SpaceTestBench.Visa.Scpi;

/// <summary>IEEE 488.2 and SCPI conveniences on a message-based session.</summary>
public static class ScpiSessionExtensions
{
    /// <summary>The most entries one drain of SYSTem:ERRor? reads (the queue may refill as fast as it is read).</summary>
    public const int MaxErrorsDrained = 64;

    /// <summary>Sends *IDN? and parses the answer (IEEE 488.2 §10.14).</summary>
    public static async Task<InstrumentIdentity> IdentifyAsync(this IMessageBasedSession session, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        var response = await session.FormattedIO.QueryAsync("*IDN?", cancellationToken);
        try
        {
            return InstrumentIdentity.Parse(response);
        }
        catch (FormatException e)
        {
            throw new VisaProtocolException(session.ResourceName, e.Message, e);
        }
    }

    /// <summary>*OPC?: waits (within the session timeout) until every pending operation has completed (IEEE 488.2 §10.19).</summary>
    public static async Task WaitForOperationCompleteAsync(this IMessageBasedSession session, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        var response = await session.FormattedIO.QueryAsync("*OPC?", cancellationToken);
        if (response.Trim() != "1")
        {
            throw new VisaProtocolException(session.ResourceName, $"*OPC? answered '{MessageBasedFormattedIO.Shorten(response)}', not 1.");
        }
    }

    /// <summary>*ESR?: reads and clears the standard event status register (IEEE 488.2 §10.12).</summary>
    public static async Task<StandardEvents> ReadEventStatusRegisterAsync(this IMessageBasedSession session, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        var response = await session.FormattedIO.QueryAsync("*ESR?", cancellationToken);
        return byte.TryParse(response.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? (StandardEvents)value
            : throw new VisaProtocolException(session.ResourceName, $"*ESR? answered '{MessageBasedFormattedIO.Shorten(response)}', not a register value 0–255.");
    }

    /// <summary>Writes a command, then drains SYSTem:ERRor? and throws the first error it finds.</summary>
    public static async Task WriteCheckedAsync(this IMessageBasedSession session, string command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        await session.FormattedIO.WriteLineAsync(command, cancellationToken);
        await ThrowOnErrorsAsync(session, command, cancellationToken);
    }

    /// <summary>Queries a response line, then checks the error queue.</summary>
    public static async Task<string> QueryCheckedAsync(this IMessageBasedSession session, string query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        string response;
        try
        {
            response = await session.FormattedIO.QueryAsync(query, cancellationToken);
        }
        catch (VisaTimeoutException)
        {
            // A query the instrument rejected produces no response: say why, not just that it timed out.
            await ThrowOnErrorsAsync(session, query, cancellationToken);
            throw;
        }

        await ThrowOnErrorsAsync(session, query, cancellationToken);
        return response;
    }

    /// <summary>Queries a number, then checks the error queue.</summary>
    public static async Task<double> QueryDoubleCheckedAsync(this IMessageBasedSession session, string query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        double value;
        try
        {
            value = await session.FormattedIO.QueryDoubleAsync(query, cancellationToken);
        }
        catch (VisaTimeoutException)
        {
            await ThrowOnErrorsAsync(session, query, cancellationToken);
            throw;
        }

        await ThrowOnErrorsAsync(session, query, cancellationToken);
        return value;
    }

    /// <summary>Queries a block of <typeparamref name="T"/>, then checks the error queue.</summary>
    public static async Task<T[]> QueryBinaryBlockCheckedAsync<T>(this IMessageBasedSession session, string query, ByteOrder? byteOrder = null, CancellationToken cancellationToken = default)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(session);
        T[] values;
        try
        {
            values = await session.FormattedIO.QueryBinaryBlockOfAsync<T>(query, byteOrder, cancellationToken);
        }
        catch (VisaTimeoutException)
        {
            await ThrowOnErrorsAsync(session, query, cancellationToken);
            throw;
        }

        await ThrowOnErrorsAsync(session, query, cancellationToken);
        return values;
    }

    /// <summary>The query unit appended to a query by <see cref="QueryWithErrorCheckAsync"/>.</summary>
    public const string ErrorQueryUnit = ":SYST:ERR?";

    /// <summary>
    /// Queries a response and checks the error queue in the same program message (<c>query;:SYST:ERR?</c>),
    /// so the check costs no round trip of its own. IEEE 488.2 §8.4.1: the instrument answers both units in
    /// one response message, separated by ';', the error last. A query that failed in execution (-2xx) gives
    /// no response unit, so the message is the error alone; after a command error (-1xx) the instrument
    /// skips the rest of the message and answers nothing, and the timeout is followed by a drain of the
    /// queue that says why. Only for instruments that accept several query units in a program message,
    /// and for responses that are not binary blocks.
    /// </summary>
    public static async Task<string> QueryWithErrorCheckAsync(this IMessageBasedSession session, string query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(query);
        string response;
        try
        {
            response = await session.FormattedIO.QueryAsync(string.Concat(query, ";", ErrorQueryUnit), cancellationToken);
        }
        catch (VisaTimeoutException)
        {
            await ThrowOnErrorsAsync(session, query, cancellationToken);
            throw;
        }

        var separator = LastUnitSeparator(response);
        int code;
        string text;
        try
        {
            (code, text) = ParseError(session.ResourceName, separator < 0 ? response : response[(separator + 1)..]);
        }
        catch (VisaProtocolException e)
        {
            throw new VisaProtocolException(session.ResourceName, $"'{query};{ErrorQueryUnit}' was answered '{MessageBasedFormattedIO.Shorten(response)}', which does not end in an error-queue entry code,\"text\": the instrument answered garbage or does not take a query and {ErrorQueryUnit} in one message.", e);
        }

        if (code == 0)
        {
            return separator >= 0
                ? response[..separator]
                : throw new VisaProtocolException(session.ResourceName, $"'{query};{ErrorQueryUnit}' was answered with one response unit, '{MessageBasedFormattedIO.Shorten(response)}', and no error: the instrument did not answer the query.");
        }

        throw await DrainedAsync(session, query, code, text, cancellationToken);
    }

    /// <summary>
    /// Writes a command and checks the error queue in the same program message (<c>command;:SYST:ERR?</c>), so the
    /// check costs no round trip of its own: the one response unit is the error queue's entry, read after the command
    /// was executed (IEEE 488.2 §6.1.6: the units of a message are executed in order). After a command error (-1xx)
    /// the instrument skips the rest of the message and answers nothing: the timeout is followed by a drain of the
    /// queue that says why. Only for instruments that accept a query unit after a command in a program message.
    /// </summary>
    public static async Task WriteWithErrorCheckAsync(this IMessageBasedSession session, string command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(command);
        string response;
        try
        {
            response = await session.FormattedIO.QueryAsync(string.Concat(command, ";", ErrorQueryUnit), cancellationToken);
        }
        catch (VisaTimeoutException)
        {
            await ThrowOnErrorsAsync(session, command, cancellationToken);
            throw;
        }

        int code;
        string text;
        try
        {
            (code, text) = ParseError(session.ResourceName, response);
        }
        catch (VisaProtocolException e)
        {
            throw new VisaProtocolException(session.ResourceName, $"'{command};{ErrorQueryUnit}' was answered '{MessageBasedFormattedIO.Shorten(response)}', not one error-queue entry code,\"text\": the instrument answered garbage or does not take a command and {ErrorQueryUnit} in one message.", e);
        }

        if (code != 0)
        {
            throw await DrainedAsync(session, command, code, text, cancellationToken);
        }
    }

    /// <summary>The exception for an error read with a command or query: the queue may hold more than the one read, so it is drained, the exception carries all and the next command starts clean.</summary>
    private static async Task<ScpiInstrumentException> DrainedAsync(IMessageBasedSession session, string command, int code, string text, CancellationToken cancellationToken)
    {
        List<ScpiError> errors = [new ScpiError(code, text)];
        try
        {
            await ThrowOnErrorsAsync(session, command, cancellationToken);
        }
        catch (ScpiInstrumentException more)
        {
            errors.AddRange(more.AllErrors);
        }

        return new ScpiInstrumentException(session.ResourceName, command, code, text, errors);
    }

    /// <summary>
    /// <see cref="QueryWithErrorCheckAsync"/> for a number (NR1/NR2/NR3; SCPI's NaN and infinity codes
    /// become <see cref="double.NaN"/> and infinities, as <see cref="MessageBasedFormattedIO.QueryDoubleAsync"/>).
    /// </summary>
    public static async Task<double> QueryDoubleWithErrorCheckAsync(this IMessageBasedSession session, string query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        return ResponseParser.ParseDouble(session.ResourceName, await QueryWithErrorCheckAsync(session, query, cancellationToken));
    }

    /// <summary>The index of the last ';' of a response message outside string data (IEEE 488.2 §8.7.8), or -1.</summary>
    internal static int LastUnitSeparator(string response)
    {
        var last = -1;
        var quoted = false;
        for (var i = 0; i < response.Length; i++)
        {
            switch (response[i])
            {
                case '"':
                    quoted = !quoted; // a doubled "" inside a string toggles twice
                    break;
                case ';' when !quoted:
                    last = i;
                    break;
            }
        }

        return last;
    }

    /// <summary>
    /// Reads SYSTem:ERRor? until the queue is empty and throws <see cref="ScpiInstrumentException"/> for
    /// the first error read (carrying all of them), naming <paramref name="afterCommand"/>.
    /// </summary>
    public static async Task ThrowOnErrorsAsync(this IMessageBasedSession session, string afterCommand, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        List<ScpiError>? errors = null;
        for (var i = 0; i < MaxErrorsDrained; i++)
        {
            var response = await session.FormattedIO.QueryAsync("SYST:ERR?", cancellationToken);
            var (code, text) = ParseError(session.ResourceName, response);
            if (code == 0)
            {
                break;
            }

            (errors ??= []).Add(new ScpiError(code, text));
        }

        if (errors is not null)
        {
            throw new ScpiInstrumentException(session.ResourceName, afterCommand, errors[0].Code, errors[0].Text, errors);
        }
    }

    /// <summary>Parses a SYSTem:ERRor? response <c>code,"text"</c> (SCPI-99 Vol. 2 §21.8).</summary>
    public static (int Code, string Text) ParseError(string resource, string response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var comma = response.IndexOf(',', StringComparison.Ordinal);
        var codeText = comma < 0 ? response : response[..comma];
        if (!int.TryParse(codeText.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var code))
        {
            throw new VisaProtocolException(resource, $"SYST:ERR? answered '{MessageBasedFormattedIO.Shorten(response)}', not code,\"text\".");
        }

        var text = comma < 0 ? "" : response[(comma + 1)..].Trim();
        if (text.Length >= 2 && text[0] == '"' && text[^1] == '"')
        {
            text = text[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal);
        }

        return (code, text);
    }
}
