using System.Net;
using System.Net.Sockets;

namespace SpaceTestBench.Perf.Visa;

/// <summary>
/// The floor every VISA benchmark is measured against: the least a TCP exchange over the same loopback can
/// cost. Echo mode sends back what it receives; block mode answers each byte with the whole block.
/// </summary>
public sealed class FloorServer : IAsyncDisposable
{
    private readonly Socket _listener = new(SocketType.Stream, ProtocolType.Tcp);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public FloorServer(byte[]? block = null)
    {
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen();
        _loop = Task.Run(async () =>
        {
            using var client = await _listener.AcceptAsync(_stop.Token);
            client.NoDelay = true;
            var buffer = new byte[64 * 1024];
            while (true)
            {
                var received = await client.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
                if (received == 0)
                {
                    return;
                }

                var answer = block ?? buffer.AsMemory(0, received);
                while (!answer.IsEmpty)
                {
                    answer = answer[await client.SendAsync(answer, SocketFlags.None, _stop.Token)..];
                }
            }
        });
    }

    public IPEndPoint EndPoint => (IPEndPoint)_listener.LocalEndPoint!;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Dispose();
        try
        {
            await _loop;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException)
        {
        }
    }
}
