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
