using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace SpaceTestBench.Visa.Sessions;

/// <summary>
/// Formatted I/O over a message-based session (IVI VISA.NET <c>MessageBasedFormattedIO</c>, async-first).
/// Program messages leave in one write with a trailing LF. Responses are read through a buffer that knows
/// where each message ends (END, the termination character, or LF on a raw socket), so a line, a number
/// or an arbitrary block is never taken from the wrong message. The buffer is discarded by a device clear.
/// </summary>
public sealed partial class MessageBasedFormattedIO
{
    /// <summary>Default of <see cref="MaxResponseBytes"/>: 64 MiB.</summary>
    public const int DefaultMaxResponseBytes = 64 * 1024 * 1024;

    private const int ReadBufferSize = 16 * 1024;
    private readonly IMessageBasedSession _session;
    private readonly byte[] _buffer = new byte[ReadBufferSize];
    private byte[] _line = new byte[256];
    private int _start;
    private int _end;
    private bool _messageEndsAtEnd;
    private bool _boundaryKnown = true;

    // True only for END (VXI-11 END, HiSLIP DataEND): inside a block, a termination character is data.
    private bool _endReceivedAtEnd;

    /// <summary>Formatted I/O on <paramref name="session"/>.</summary>
    public MessageBasedFormattedIO(IMessageBasedSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        _session = session;
    }

    /// <summary>The longest text response or indefinite block accepted before the read fails with a protocol error.</summary>
    public int MaxResponseBytes { get; set; } = DefaultMaxResponseBytes;

    /// <summary>Byte order of binary block elements (default big-endian, SCPI <c>FORMat:BORDer NORMal</c>).</summary>
    public ByteOrder BinaryByteOrder { get; set; } = ByteOrder.BigEndian;

    /// <summary>Writes <paramref name="message"/> as one message without adding a terminator.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask WriteAsync(string message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var (buffer, length) = Encode(message, newline: false);
        try
        {
            await _session.RawIO.WriteAsync(buffer.AsMemory(0, length), cancellationToken);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Writes <paramref name="message"/> followed by LF, as one message.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask WriteLineAsync(string message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var (buffer, length) = Encode(message, newline: true);
        try
        {
            await _session.RawIO.WriteAsync(buffer.AsMemory(0, length), cancellationToken);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Writes a command with a number, e.g. <c>WriteLineAsync("VOLT ", 1.8)</c>, in invariant culture.</summary>
    public ValueTask WriteLineAsync(string command, double value, CancellationToken cancellationToken = default) =>
        WriteLineAsync(string.Concat(command, value.ToString("R", CultureInfo.InvariantCulture)), cancellationToken);

    /// <summary>Reads one whole response message and returns it without its trailing CR/LF.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<string> ReadLineAsync(CancellationToken cancellationToken = default)
    {
        var count = await ReadMessageAsync(stripTerminator: true, cancellationToken);
        return Encoding.Latin1.GetString(_line, 0, count);
    }

    /// <summary>Reads one whole response message as it came, terminator included (IVI <c>ReadUntilEnd</c>).</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<string> ReadUntilEndAsync(CancellationToken cancellationToken = default)
    {
        var count = await ReadMessageAsync(stripTerminator: false, cancellationToken);
        return Encoding.Latin1.GetString(_line, 0, count);
    }

    /// <summary>
    /// Reads a response and parses it as one number (NR1/NR2/NR3). The SCPI codes 9.91E37 and ±9.9E37 become
    /// <see cref="double.NaN"/> and ±<see cref="double.PositiveInfinity"/>, never a huge "measurement".
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<double> ReadLineDoubleAsync(CancellationToken cancellationToken = default)
    {
        var line = await ReadLineAsync(cancellationToken);
        return ResponseParser.ParseDouble(_session.ResourceName, line);
    }

    /// <summary>Reads a response and parses it as one integer (NR1).</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<long> ReadLineInt64Async(CancellationToken cancellationToken = default)
    {
        var line = await ReadLineAsync(cancellationToken);
        return ResponseParser.ParseInt64(_session.ResourceName, line);
    }

    /// <summary>Reads a comma-separated list of numbers ("1.0,2.5,+3E-3").</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<double[]> ReadLineListOfDoubleAsync(CancellationToken cancellationToken = default)
    {
        var line = await ReadLineAsync(cancellationToken);
        return ResponseParser.ParseDoubleList(_session.ResourceName, line);
    }

    /// <summary>Writes a query and reads its response line.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<string> QueryAsync(string query, CancellationToken cancellationToken = default)
    {
        await WriteLineAsync(query, cancellationToken);
        return await ReadLineAsync(cancellationToken);
    }

    /// <summary>Writes a query and parses its response as a number.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<double> QueryDoubleAsync(string query, CancellationToken cancellationToken = default)
    {
        await WriteLineAsync(query, cancellationToken);
        return await ReadLineDoubleAsync(cancellationToken);
    }

    /// <summary>Discards buffered input (IVI <c>DiscardBuffers</c>); sessions call it on device clear.</summary>
    public void DiscardBuffers()
    {
        _start = _end = 0;
        _messageEndsAtEnd = false;
        _endReceivedAtEnd = false;
        _boundaryKnown = true;
    }

    internal static string Shorten(string text) => text.Length <= 80 ? text : string.Concat(text.AsSpan(0, 77), "...");

    private static (byte[] Buffer, int Length) Encode(string message, bool newline)
    {
        foreach (var c in message)
        {
            if (c > 0x7F)
            {
                throw new ArgumentException($"SCPI program messages are 7-bit ASCII; '{Shorten(message)}' contains '{c}'.", nameof(message));
            }
        }

        var length = message.Length + (newline ? 1 : 0);
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        Encoding.ASCII.GetBytes(message, buffer);
        if (newline)
        {
            buffer[length - 1] = (byte)'\n';
        }

        return (buffer, length);
    }

    /// <summary>
    /// Collects one response message into <see cref="_line"/> and returns its length. A message longer than
    /// <see cref="MaxResponseBytes"/> is read to its end and discarded, then reported, so the next read
    /// starts on a message boundary.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<int> ReadMessageAsync(bool stripTerminator, CancellationToken cancellationToken)
    {
        var count = 0;
        var overflow = 0L;
        while (true)
        {
            if (_start == _end)
            {
                await FillAsync(cancellationToken);
            }

            var available = _buffer.AsSpan(_start, _end - _start);
            var take = available.Length;
            var complete = _messageEndsAtEnd;
            if (!_boundaryKnown)
            {
                // A raw socket without a termination character: LF is the only delimiter there is.
                var lf = available.IndexOf((byte)'\n');
                if (lf >= 0)
                {
                    take = lf + 1;
                    complete = true;
                }
            }

            if (count + take <= MaxResponseBytes && overflow == 0)
            {
                EnsureLine(count + take);
                available[..take].CopyTo(_line.AsSpan(count));
                count += take;
            }
            else
            {
                overflow += take;
            }

            _start += take;
            if (complete && (_start == _end || !_boundaryKnown))
            {
                if (_start == _end)
                {
                    _messageEndsAtEnd = _endReceivedAtEnd = false;
                }

                break;
            }
        }

        if (overflow > 0)
        {
            throw new VisaProtocolException(_session.ResourceName, $"the response is {count + overflow} bytes, more than the {MaxResponseBytes} bytes MaxResponseBytes allows; it was discarded.");
        }

        while (stripTerminator && count > 0 && _line[count - 1] is (byte)'\n' or (byte)'\r')
        {
            count--;
        }

        return count;
    }

    private void EnsureLine(int length)
    {
        if (length > _line.Length)
        {
            Array.Resize(ref _line, Math.Max(length, Math.Min(MaxResponseBytes, _line.Length * 2)));
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask FillAsync(CancellationToken cancellationToken)
    {
        var result = await _session.RawIO.ReadAsync(_buffer, cancellationToken);
        _start = 0;
        _end = result.Count;
        _messageEndsAtEnd = result.IsMessageComplete;
        _endReceivedAtEnd = result.Status == ReadStatus.EndReceived;
        _boundaryKnown = result.Status != ReadStatus.Unknown;
        if (result.Count == 0 && !result.IsMessageComplete)
        {
            throw new VisaProtocolException(_session.ResourceName, "the transport returned no data and no end of message.");
        }
    }
}
