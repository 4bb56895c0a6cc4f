using System.Net;
using System.Net.Sockets;

namespace SpaceTestBench.Visa.Servers;

/// <summary>
/// A listening socket and the connections it accepted, each served by its own task. A client that fails
/// or misbehaves ends only its own task; disposing stops accepting, cancels every connection and waits.
/// </summary>
internal sealed class TcpAcceptor : IAsyncDisposable
{
    private readonly Socket _listener;
    private readonly Func<Socket, CancellationToken, Task> _serve;
    private readonly Action<Exception>? _faults;
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<(Socket Socket, Task Task)> _clients = [];
    private readonly Lock _gate = new();
    private readonly Task _acceptLoop;

    private TcpAcceptor(Socket listener, Func<Socket, CancellationToken, Task> serve, Action<Exception>? faults)
    {
        _listener = listener;
        _serve = serve;
        _faults = faults;
        EndPoint = (IPEndPoint)listener.LocalEndPoint!;
        _acceptLoop = AcceptLoopAsync();
    }

    public IPEndPoint EndPoint { get; }

    public CancellationToken Stopping => _stopping.Token;

    public static TcpAcceptor Start(IPEndPoint endPoint, Func<Socket, CancellationToken, Task> serve, Action<Exception>? faults = null) =>
        Start(Listen(endPoint), serve, faults);

    /// <summary>Serves connections on a socket already bound and listening.</summary>
    public static TcpAcceptor Start(Socket listener, Func<Socket, CancellationToken, Task> serve, Action<Exception>? faults = null) =>
        new(listener, serve, faults);

    /// <summary>A TCP socket bound to <paramref name="endPoint"/> and listening.</summary>
    public static Socket Listen(IPEndPoint endPoint)
    {
        var listener = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            listener.Bind(endPoint);
            listener.Listen(128);
            return listener;
        }
        catch
        {
            listener.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        await _stopping.CancelAsync();
        _listener.Dispose();
        await _acceptLoop;
        (Socket Socket, Task Task)[] clients;
        lock (_gate)
        {
            clients = [.. _clients];
        }

        foreach (var (socket, _) in clients)
        {
            socket.Dispose();
        }

        await Task.WhenAll(clients.Select(c => c.Task));
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
                if (_stopping.IsCancellationRequested)
                {
                    return;
                }

                continue; // a connection reset before it was accepted concerns nobody else
            }

            client.NoDelay = true;
            lock (_gate)
            {
                _clients.RemoveAll(c => c.Task.IsCompleted);
                _clients.Add((client, ServeAsync(client)));
            }
        }
    }

    private async Task ServeAsync(Socket client)
    {
        await Task.Yield();
        try
        {
            await _serve(client, _stopping.Token);
        }
        catch (Exception e) when (IsDisconnect(e))
        {
            // The client went away or the server is stopping; other clients are unaffected.
        }
#pragma warning disable CA1031 // one client's fault must not stop the server serving the others
        catch (Exception e)
#pragma warning restore CA1031
        {
            _faults?.Invoke(e);
        }
        finally
        {
            client.Dispose();
        }
    }

    internal static bool IsDisconnect(Exception e) =>
        e is OperationCanceledException or SocketException or ObjectDisposedException or EndOfStreamException or IOException;
}
