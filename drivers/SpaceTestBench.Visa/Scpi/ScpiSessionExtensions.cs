using System.Globalization;
using SpaceTestBench.Visa.Sessions;

namespace SpaceTestBench.Visa.Scpi;

/// <summary>IEEE 488.2 and SCPI conveniences on a message-based session.</summary>
public static class ScpiSessionExtensions
{
    private const int MaxErrorsDrained = 64;

    /// <summary>Sends *IDN? and parses the answer.</summary>
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

    /// <summary>Writes a command, then drains SYSTem:ERRor? and throws the first error it finds.</summary>
    public static async Task WriteCheckedAsync(this IMessageBasedSession session, string command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        await session.FormattedIO.WriteLineAsync(command, cancellationToken);
        await ThrowOnErrorsAsync(session, command, cancellationToken);
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
            // A query the instrument rejected produces no response: say why, not just that it timed out.
            await ThrowOnErrorsAsync(session, query, cancellationToken);
            throw;
        }

        await ThrowOnErrorsAsync(session, query, cancellationToken);
        return value;
    }

    /// <summary>Reads SYSTem:ERRor? until the queue is empty; throws for the first error read.</summary>
    public static async Task ThrowOnErrorsAsync(this IMessageBasedSession session, string afterCommand, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        ScpiInstrumentException? first = null;
        for (var i = 0; i < MaxErrorsDrained; i++)
        {
            var response = await session.FormattedIO.QueryAsync("SYST:ERR?", cancellationToken);
            var (code, text) = ParseError(session.ResourceName, response);
            if (code == 0)
            {
                break;
            }

            first ??= new ScpiInstrumentException(session.ResourceName, afterCommand, code, text);
        }

        if (first is not null)
        {
            throw first;
        }
    }

    /// <summary>Parses a SYSTem:ERRor? response <c>code,"text"</c>.</summary>
    public static (int Code, string Text) ParseError(string resource, string response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var comma = response.IndexOf(',', StringComparison.Ordinal);
        var codeText = comma < 0 ? response : response[..comma];
        if (!int.TryParse(codeText.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var code))
        {
            throw new VisaProtocolException(resource, $"SYST:ERR? answered '{response}', not code,\"text\".");
        }

        var text = comma < 0 ? "" : response[(comma + 1)..].Trim().Trim('"');
        return (code, text);
    }
}
