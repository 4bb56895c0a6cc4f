using System.Globalization;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using SpaceTestBench.Visa.Resources;

namespace SpaceTestBench.Visa.Sessions;

/// <summary>
/// A raw TCP socket session (<c>TCPIP::host::port::SOCKET</c>, IVI <c>ITcpipSocketSession</c>). Nagle is off
/// and each message leaves in one send (a query split over two sends with Nagle on costs ~40 ms). Raw
/// sockets have no END, so the termination character is enabled by default and ends each response; large
/// reads bypass the receive buffer and land directly in the caller's memory.
/// </summary>
public sealed class TcpSocketSession : MessageBasedSession
{
    private const int ReceiveBufferSize = 64 * 1024;
    private readonly Socket _socket;
    private readonly ReceiveBuffer _receive = new(ReceiveBufferSize);
    private bool _stale;

    private TcpSocketSession(Socket socket, ResourceName resource, VisaOpenOptions options)
        : base(resource, options)
    {
        _socket = socket;
        TerminationCharacterEnabled = true;
    }

    /// <summary>Whether Nagle's algorithm is off (VISA <c>VI_ATTR_TCPIP_NODELAY</c>, default true).</summary>
    public bool NoDelay
    {
        get => _socket.NoDelay;
        set => _socket.NoDelay = value;
    }

    /// <summary>Whether TCP keep-alive probes detect a dead peer (VISA <c>VI_ATTR_TCPIP_KEEPALIVE</c>, default false).</summary>
    public bool KeepAlive
    {
        get => (int)_socket.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive)! != 0;
        set => _socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, value);
    }

    /// <summary>Connects to a SOCKET resource.</summary>
    public static async Task<TcpSocketSession> OpenAsync(ResourceName resource, VisaOpenOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(options);
        if (resource.Protocol != LanProtocol.Socket)
        {
            throw new ResourceNameException(resource.Original, $"{resource.Canonical} is not a ::SOCKET resource.");
        }

        var socket = await TcpConnector.ConnectAsync(resource, resource.Host!, resource.Port!.Value, options, "the instrument", cancellationToken);
        return new TcpSocketSession(socket, resource, options);
    }

    /// <inheritdoc />
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        var token = BeginOperation(cancellationToken);
        try
        {
            if (_stale)
            {
                // A response that arrived after its read timed out would otherwise answer the next query.
                DiscardInput();
            }

            while (!data.IsEmpty)
            {
                var sent = await _socket.SendAsync(data, SocketFlags.None, token);
                data = data[sent..];
            }
        }
        catch (Exception e) when (IsTranslatable(e, cancellationToken))
        {
            throw Translate(e, "write", cancellationToken);
        }
        finally
        {
            EndOperation();
        }
    }

    /// <inheritdoc />
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public override async ValueTask<ReadResult> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.IsEmpty)
        {
            return new ReadResult(0, ReadStatus.MaximumCountReached);
        }

        var token = BeginOperation(cancellationToken);
        try
        {
            if (_receive.IsEmpty)
            {
                if (!TerminationCharacterEnabled && buffer.Length >= ReceiveBufferSize)
                {
                    var direct = await ReceiveAsync(buffer, token);
                    return new ReadResult(direct, direct == buffer.Length ? ReadStatus.MaximumCountReached : ReadStatus.Unknown);
                }

                _receive.Filled(await ReceiveAsync(_receive.Array, token));
            }

            return _receive.Take(buffer.Span, TerminationCharacterEnabled, TerminationCharacter);
        }
        catch (Exception e) when (IsTranslatable(e, cancellationToken))
        {
            _stale = true;
            throw Translate(e, "read a response", cancellationToken);
        }
        catch (OperationCanceledException)
        {
            _stale = true;
            throw;
        }
        finally
        {
            EndOperation();
        }
    }

    /// <inheritdoc />
    public override Task ClearAsync(CancellationToken cancellationToken = default)
    {
        // A raw socket has no device-clear message (VISA only flushes its buffers): discard what we hold
        // and what is already queued.
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        FormattedIO.DiscardBuffers();
        DiscardInput();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override Task<StatusByteFlags> ReadStatusByteAsync(CancellationToken cancellationToken = default) =>
        QueryStatusByteAsync(cancellationToken); // no serial poll on this transport

    /// <inheritdoc />
    protected override ValueTask DisposeCoreAsync()
    {
        _socket.Dispose();
        return ValueTask.CompletedTask;
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<int> ReceiveAsync(Memory<byte> target, CancellationToken token)
    {
        var received = await _socket.ReceiveAsync(target, SocketFlags.None, token);
        return received == 0 ? throw new EndOfStreamException() : received;
    }

    private void DiscardInput()
    {
        _receive.Clear();
        _stale = false;
        while (_socket.Available > 0)
        {
            _ = _socket.Receive(_receive.Array, SocketFlags.None);
        }
    }
}
