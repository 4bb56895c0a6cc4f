using System.Net;
using System.Net.Sockets;
using SpaceTestBench.Visa.Protocols;

namespace SpaceTestBench.Visa.Servers;

/// <summary>
/// Serves a device over raw TCP (SCPI-RAW, conventionally port 5025): program messages end at LF; each
/// response leaves in one send. Binds 127.0.0.1 on an ephemeral port unless told otherwise, and serves many
/// clients at once, each with its own device session.
/// </summary>
public sealed class SocketServer : IAsyncDisposable
{
    /// <summary>A client whose message grows past this many bytes without an LF is disconnected.</summary>
    public const int DefaultMaxMessageBytes = 256 * 1024 * 1024;

    private const int ReceiveChunk = 64 * 1024;
    private readonly IMessageDevice _device;
    private readonly TcpAcceptor _acceptor;

    private SocketServer(IMessageDevice device, IPEndPoint endPoint, Action<Exception>? faults)
    {
        _device = device;
        _acceptor = TcpAcceptor.Start(endPoint, ServeClientAsync, faults);
    }

    /// <summary>The address and port it listens on.</summary>
    public IPEndPoint EndPoint => _acceptor.EndPoint;

    /// <summary>The VISA resource string a client opens.</summary>
    public string ResourceString => EndPoint.AddressFamily == AddressFamily.InterNetworkV6
        ? $"TCPIP0::[{EndPoint.Address}]::{EndPoint.Port}::SOCKET"
        : $"TCPIP0::{EndPoint.Address}::{EndPoint.Port}::SOCKET";

    /// <summary>
    /// Starts serving <paramref name="device"/> on <paramref name="endPoint"/> (default 127.0.0.1, ephemeral
    /// port). <paramref name="clientFaults"/> hears of any unexpected failure serving one client.
    /// </summary>
    public static SocketServer Start(IMessageDevice device, IPEndPoint? endPoint = null, Action<Exception>? clientFaults = null)
    {
        ArgumentNullException.ThrowIfNull(device);
        return new SocketServer(device, endPoint ?? new IPEndPoint(IPAddress.Loopback, 0), clientFaults);
    }

    /// <summary>Stops accepting, closes every client connection and waits for their loops to end.</summary>
    public ValueTask DisposeAsync() => _acceptor.DisposeAsync();

    private async Task ServeClientAsync(Socket client, CancellationToken stopping)
    {
        using var session = _device.Connect();
        using var input = new ProgramMessageBuffer(DefaultMaxMessageBytes);
        while (true)
        {
            if (!input.TryGetSpace(ReceiveChunk, out var space))
            {
                return; // an endless message is cut off rather than allowed to exhaust memory
            }

            var received = await client.ReceiveAsync(space, SocketFlags.None, stopping);
            if (received == 0)
            {
                return;
            }

            input.Advance(received);
            if (space.Span[..received].IndexOf((byte)'\n') < 0)
            {
                continue; // no LF arrived, so no message can have completed
            }

            while (TryExecute(input, session, out var response))
            {
                if (!response.IsEmpty)
                {
                    await SocketSender.SendAsync(client, ReadOnlyMemory<byte>.Empty, response, stopping);
                }
            }
        }
    }

    private static bool TryExecute(ProgramMessageBuffer input, IDeviceSession session, out System.Buffers.ReadOnlySequence<byte> response)
    {
        if (!input.TryTakeMessage(end: false, out var message))
        {
            response = default;
            return false;
        }

        response = session.ExecuteSequence(message);
        return true;
    }
}
