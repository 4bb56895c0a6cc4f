using System.Buffers;
using System.Net;
using System.Net.Sockets;

namespace SpaceTestBench.Visa.Servers;

/// <summary>
/// Serves a device over raw TCP (SCPI-RAW): program messages end at LF; each response leaves in one send.
/// Binds 127.0.0.1 on an ephemeral port unless told otherwise, and serves many clients at once.
/// </summary>
public sealed class SocketServer : IAsyncDisposable
{
    private const int MaxMessageBytes = 256 * 1024 * 1024;
    private readonly IMessageDevice _device;
    private readonly Socket _listener;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _acceptLoop;
    private readonly List<Task> _clients = [];
    private readonly Lock _clientsGate = new();

    private SocketServer(IMessageDevice device, Socket listener)
    {
        _device = device;
        _listener = listener;
        EndPoint = (IPEndPoint)listener.LocalEndPoint!;
        _acceptLoop = AcceptLoopAsync();
    }

    /// <summary>The address and port it listens on.</summary>
    public IPEndPoint EndPoint { get; }

    /// <summary>The VISA resource string a client opens.</summary>
    public string ResourceString => EndPoint.AddressFamily == AddressFamily.InterNetworkV6
        ? $"TCPIP0::[{EndPoint.Address}]::{EndPoint.Port}::SOCKET"
        : $"TCPIP0::{EndPoint.Address}::{EndPoint.Port}::SOCKET";

    /// <summary>Starts serving <paramref name="device"/> on <paramref name="endPoint"/> (default 127.0.0.1, ephemeral port).</summary>
    public static SocketServer Start(IMessageDevice device, IPEndPoint? endPoint = null)
    {
        ArgumentNullException.ThrowIfNull(device);
        endPoint ??= new IPEndPoint(IPAddress.Loopback, 0);
        var listener = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            listener.Bind(endPoint);
            listener.Listen(64);
        }
        catch
        {
            listener.Dispose();
            throw;
        }

        return new SocketServer(device, listener);
    }

    /// <summary>Stops accepting, closes every client connection and waits for their loops to end.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Dispose();
        await _acceptLoop;
        Task[] clients;
        lock (_clientsGate)
        {
            clients = [.. _clients];
        }

        await Task.WhenAll(clients);
        _stopping.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptAsync(_stopping.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            client.NoDelay = true;
            lock (_clientsGate)
            {
                _clients.RemoveAll(t => t.IsCompleted);
                _clients.Add(ServeClientAsync(client));
            }
        }
    }

    private async Task ServeClientAsync(Socket client)
    {
        using var _ = client;
        using var session = _device.Connect();
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        var filled = 0;
        try
        {
            while (!_stopping.IsCancellationRequested)
            {
                if (filled == buffer.Length)
                {
                    if (buffer.Length >= MaxMessageBytes)
                    {
                        return; // a client sending an endless message is cut off, not allowed to exhaust memory
                    }

                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, filled).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var received = await client.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None, _stopping.Token);
                if (received == 0)
                {
                    return;
                }

                filled += received;
                var consumed = 0;
                while (true)
                {
                    var end = MessageFramer.FindMessageEnd(buffer.AsSpan(consumed, filled - consumed));
                    if (end < 0)
                    {
                        break;
                    }

                    var response = session.Execute(buffer.AsSpan(consumed, end));
                    consumed += end + 1;
                    if (!response.IsEmpty)
                    {
                        await SendAllAsync(client, response);
                    }
                }

                if (consumed > 0)
                {
                    buffer.AsSpan(consumed, filled - consumed).CopyTo(buffer);
                    filled -= consumed;
                }

            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // The client went away or the server is stopping; other clients are unaffected.
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task SendAllAsync(Socket client, ReadOnlyMemory<byte> data)
    {
        while (!data.IsEmpty)
        {
            var sent = await client.SendAsync(data, SocketFlags.None, _stopping.Token);
            data = data[sent..];
        }
    }
}
