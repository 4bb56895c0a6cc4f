using System.Buffers;
using System.Globalization;
using System.Text;

namespace SpaceTestBench.Visa.Sessions;

/// <summary>
/// Formatted I/O over a message-based session (IVI VISA.NET <c>MessageBasedFormattedIO</c>, async-first):
/// program messages are written in one piece with a trailing LF; responses are read to the end of the message.
/// </summary>
public sealed class MessageBasedFormattedIO
{
    private const int InitialReadSize = 4096;
    private readonly IMessageBasedSession _session;

    /// <summary>Formatted I/O on <paramref name="session"/>.</summary>
    public MessageBasedFormattedIO(IMessageBasedSession session) => _session = session;

    /// <summary>Writes <paramref name="message"/> followed by LF, as one message.</summary>
    public async ValueTask WriteLineAsync(string message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var length = Encoding.ASCII.GetByteCount(message) + 1;
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            Encoding.ASCII.GetBytes(message, buffer);
            buffer[length - 1] = (byte)'\n';
            await _session.RawIO.WriteAsync(buffer.AsMemory(0, length), cancellationToken);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Reads one whole response message and returns it without its trailing CR/LF.</summary>
    public async ValueTask<string> ReadLineAsync(CancellationToken cancellationToken = default)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(InitialReadSize);
        var count = 0;
        try
        {
            while (true)
            {
                var result = await _session.RawIO.ReadAsync(buffer.AsMemory(count), cancellationToken);
                count += result.Count;
                if (result.IsMessageComplete || result.Status == ReadStatus.Unknown && count > 0 && buffer[count - 1] == '\n')
                {
                    break;
                }

                if (count == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, count).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
            }

            var end = count;
            while (end > 0 && (buffer[end - 1] == '\n' || buffer[end - 1] == '\r'))
            {
                end--;
            }

            return Encoding.ASCII.GetString(buffer, 0, end);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Reads a response and parses it as one number (NR1/NR2/NR3).</summary>
    public async ValueTask<double> ReadLineDoubleAsync(CancellationToken cancellationToken = default)
    {
        var line = await ReadLineAsync(cancellationToken);
        return double.TryParse(line.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new VisaProtocolException(_session.ResourceName, $"expected a number but the instrument answered '{Shorten(line)}'.");
    }

    /// <summary>Writes a query and reads its response line.</summary>
    public async ValueTask<string> QueryAsync(string query, CancellationToken cancellationToken = default)
    {
        await WriteLineAsync(query, cancellationToken);
        return await ReadLineAsync(cancellationToken);
    }

    /// <summary>Writes a query and parses its response as a number.</summary>
    public async ValueTask<double> QueryDoubleAsync(string query, CancellationToken cancellationToken = default)
    {
        await WriteLineAsync(query, cancellationToken);
        return await ReadLineDoubleAsync(cancellationToken);
    }

    internal static string Shorten(string text) => text.Length <= 80 ? text : string.Concat(text.AsSpan(0, 77), "...");
}
