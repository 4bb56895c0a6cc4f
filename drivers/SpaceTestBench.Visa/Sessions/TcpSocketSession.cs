using System.Net.Sockets;
using SpaceTestBench.Visa.Resources;

namespace SpaceTestBench.Visa.Sessions;

/// <summary>
/// A raw TCP socket session (<c>TCPIP::host::port::SOCKET</c>). Nagle is off and each message leaves in
/// one send (a query split over two sends with Nagle on costs ~40 ms). Raw sockets have no END, so the
/// termination character is enabled by default and marks the end of each response.
/// </summary>
public sealed class TcpSocketSession : IMessageBasedSession, IMessageBasedRawIO
{
    private const int ReceiveBufferSize = 64 * 1024;
    private readonly Socket _socket;
    private readonly TimeProvider _ioClock;
    private readonly byte[] _receive = new byte[ReceiveBufferSize];
    private int _receiveStart;
    private int _receiveEnd;
    private bool _disposed;

    private TcpSocketSession(Socket socket, ResourceName resource, TimeProvider ioClock)
    {
        _socket = socket;
        Resource = resource;
        _ioClock = ioClock;
        FormattedIO = new MessageBasedFormattedIO(this);
    }

    /// <inheritdoc />
    public string ResourceName => Resource.Original;

    /// <inheritdoc />
    public ResourceName Resource { get; }

    /// <inheritdoc />
    public int TimeoutMilliseconds { get; set; } = 2000;

    /// <inheritdoc />
    public byte TerminationCharacter { get; set; } = (byte)'\n';

    /// <inheritdoc />
    public bool TerminationCharacterEnabled { get; set; } = true;

    /// <inheritdoc />
    public IMessageBasedRawIO RawIO => this;

    /// <inheritdoc />
    public MessageBasedFormattedIO FormattedIO { get; }

    /// <summary>Connects to a SOCKET resource.</summary>
    public static async Task<TcpSocketSession> OpenAsync(ResourceName resource, int timeoutMilliseconds, TimeProvider ioClock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(timeoutMilliseconds), ioClock);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
            try
            {
                await socket.ConnectAsync(resource.Host!, resource.Port!.Value, linked.Token);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new VisaTimeoutException(resource.Original, "connect", TimeSpan.FromMilliseconds(timeoutMilliseconds));
            }
            catch (SocketException e)
            {
                throw new VisaConnectionLostException(resource.Original, $"cannot connect to {resource.Host}:{resource.Port}: {e.Message}", e);
            }

            return new TcpSocketSession(socket, resource, ioClock) { TimeoutMilliseconds = timeoutMilliseconds };
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(TimeoutMilliseconds), _ioClock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        try
        {
            while (!data.IsEmpty)
            {
                var sent = await _socket.SendAsync(data, SocketFlags.None, linked.Token);
                data = data[sent..];
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new VisaTimeoutException(ResourceName, "write", TimeSpan.FromMilliseconds(TimeoutMilliseconds));
        }
        catch (SocketException e)
        {
            throw new VisaConnectionLostException(ResourceName, $"the connection was lost while writing: {e.Message}", e);
        }
    }

    /// <inheritdoc />
    public async ValueTask<ReadResult> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (buffer.IsEmpty)
        {
            return new ReadResult(0, ReadStatus.MaximumCountReached);
        }

        if (_receiveStart == _receiveEnd)
        {
            await FillAsync(cancellationToken);
        }

        var available = _receive.AsSpan(_receiveStart, _receiveEnd - _receiveStart);
        if (TerminationCharacterEnabled)
        {
            var at = available.IndexOf(TerminationCharacter);
            var take = at >= 0 ? Math.Min(at + 1, buffer.Length) : Math.Min(available.Length, buffer.Length);
            available[..take].CopyTo(buffer.Span);
            _receiveStart += take;
            var status = at >= 0 && take == at + 1 ? ReadStatus.TerminationCharacterEncountered
                : take == buffer.Length ? ReadStatus.MaximumCountReached : ReadStatus.Unknown;
            return new ReadResult(take, status);
        }

        var count = Math.Min(available.Length, buffer.Length);
        available[..count].CopyTo(buffer.Span);
        _receiveStart += count;
        return new ReadResult(count, count == buffer.Length ? ReadStatus.MaximumCountReached : ReadStatus.Unknown);
    }

    /// <inheritdoc />
    public Task ClearAsync(CancellationToken cancellationToken = default)
    {
        // A raw socket has no device-clear message: discard what we hold and what is already queued.
        _receiveStart = _receiveEnd = 0;
        while (_socket.Available > 0)
        {
            _ = _socket.Receive(_receive, SocketFlags.None);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task<byte> ReadStatusByteAsync(CancellationToken cancellationToken = default)
    {
        var response = await FormattedIO.QueryAsync("*STB?", cancellationToken);
        return byte.TryParse(response.Trim(), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var stb)
            ? stb
            : throw new VisaProtocolException(ResourceName, $"*STB? answered '{MessageBasedFormattedIO.Shorten(response)}', not a status byte.");
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        if (!_disposed)
        {
            _disposed = true;
            _socket.Dispose();
        }

        return ValueTask.CompletedTask;
    }

    private async ValueTask FillAsync(CancellationToken cancellationToken)
    {
        _receiveStart = _receiveEnd = 0;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(TimeoutMilliseconds), _ioClock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        int received;
        try
        {
            received = await _socket.ReceiveAsync(_receive.AsMemory(), SocketFlags.None, linked.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new VisaTimeoutException(ResourceName, "read a response", TimeSpan.FromMilliseconds(TimeoutMilliseconds));
        }
        catch (SocketException e)
        {
            throw new VisaConnectionLostException(ResourceName, $"the connection was lost while reading: {e.Message}", e);
        }

        if (received == 0)
        {
            throw new VisaConnectionLostException(ResourceName, "the instrument closed the connection.");
        }

        _receiveEnd = received;
    }
}
