using System.Net;
using System.Net.Sockets;

namespace SpaceTestBench.Visa.Tests.Support;

/// <summary>A loopback TCP server whose behaviour a test scripts byte by byte (misbehaving instruments).</summary>
internal sealed class RawServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly List<Task> _clients = [];

    public RawServer(Func<Socket, CancellationToken, Task> serve)
    {
        _listener.Start();
        _loop = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                Socket client;
                try
                {
                    client = await _listener.AcceptSocketAsync(_stop.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                client.NoDelay = true;
                lock (_clients)
                {
                    _clients.Add(Task.Run(async () =>
                    {
                        using (client)
                        {
                            try
                            {
                                await serve(client, _stop.Token);
                            }
                            catch (Exception e) when (e is OperationCanceledException or SocketException or EndOfStreamException)
                            {
                            }
                        }
                    }));
                }
            }
        });
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public string SocketResource => $"TCPIP::127.0.0.1::{Port}::SOCKET";

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _loop;
        Task[] clients;
        lock (_clients)
        {
            clients = [.. _clients];
        }

        await Task.WhenAll(clients);
        _stop.Dispose();
    }

    /// <summary>Reads until a LF arrives (one program message), returning it without the LF.</summary>
    public static async Task<string> ReadLineAsync(Socket socket, CancellationToken cancellationToken)
    {
        var bytes = new List<byte>();
        var one = new byte[1];
        while (true)
        {
            if (await socket.ReceiveAsync(one, SocketFlags.None, cancellationToken) == 0)
            {
                throw new EndOfStreamException();
            }

            if (one[0] == '\n')
            {
                return System.Text.Encoding.ASCII.GetString(bytes.ToArray());
            }

            bytes.Add(one[0]);
        }
    }

    public static async Task SendAsync(Socket socket, byte[] data, CancellationToken cancellationToken)
    {
        var sent = 0;
        while (sent < data.Length)
        {
            sent += await socket.SendAsync(data.AsMemory(sent), SocketFlags.None, cancellationToken);
        }
    }
}
