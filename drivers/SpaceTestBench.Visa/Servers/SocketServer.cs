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
    /// <summary>
    /// A client whose message grows past this many bytes without an LF is disconnected. 16 MiB is far more
    /// than any SCPI program message a simulator is sent (settings, short blocks) and small enough that a
    /// line that never ends costs little.
    /// </summary>
    public const int DefaultMaxMessageBytes = 16 * 1024 * 1024;

    /// <summary>What all of a server's clients may hold in unfinished messages together, by default: four full messages.</summary>
    public const long DefaultMessageMemoryBytes = 4L * DefaultMaxMessageBytes;

    private const int ReceiveChunk = 64 * 1024;
    private readonly IMessageDevice _device;
    private readonly TcpAcceptor _acceptor;
    private readonly int _maxMessageBytes;

    private SocketServer(IMessageDevice device, IPEndPoint endPoint, Action<Exception>? faults, int maxMessageBytes, MessageMemoryBudget memory)
    {
        _device = device;
        _maxMessageBytes = maxMessageBytes;
        MessageMemory = memory;
        _acceptor = TcpAcceptor.Start(endPoint, ServeClientAsync, faults);
    }

    /// <summary>The memory its clients' unfinished messages may hold together.</summary>
    public MessageMemoryBudget MessageMemory { get; }

    /// <summary>The address and port it listens on.</summary>
    public IPEndPoint EndPoint => _acceptor.EndPoint;

    /// <summary>The VISA resource string a client opens.</summary>
    public string ResourceString => EndPoint.AddressFamily == AddressFamily.InterNetworkV6
        ? $"TCPIP0::[{EndPoint.Address}]::{EndPoint.Port}::SOCKET"
        : $"TCPIP0::{EndPoint.Address}::{EndPoint.Port}::SOCKET";

    /// <summary>
    /// Starts serving <paramref name="device"/> on <paramref name="endPoint"/> (default 127.0.0.1, ephemeral
    /// port). <paramref name="clientFaults"/> hears of any unexpected failure serving one client, including a
    /// client cut off for a message longer than <paramref name="maxMessageBytes"/> (default
    /// <see cref="DefaultMaxMessageBytes"/>) or for <paramref name="messageMemory"/> (default
    /// <see cref="DefaultMessageMemoryBytes"/> shared by all clients) running out.
    /// </summary>
    public static SocketServer Start(IMessageDevice device, IPEndPoint? endPoint = null, Action<Exception>? clientFaults = null, int maxMessageBytes = DefaultMaxMessageBytes, MessageMemoryBudget? messageMemory = null)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxMessageBytes);
        return new SocketServer(device, endPoint ?? new IPEndPoint(IPAddress.Loopback, 0), clientFaults, maxMessageBytes, messageMemory ?? new MessageMemoryBudget(DefaultMessageMemoryBytes));
    }

    /// <summary>Stops accepting, closes every client connection and waits for their loops to end.</summary>
    public ValueTask DisposeAsync() => _acceptor.DisposeAsync();

    private async Task ServeClientAsync(Socket client, CancellationToken stopping)
    {
        using var session = _device.Connect();
        using var input = new ProgramMessageBuffer(_maxMessageBytes, MessageMemory);
        while (true)
        {
            if (!input.TryGetSpace(ReceiveChunk, out var space))
            {
                // Raw sockets have no way to say "too large" but closing: cut the client off, and say why to whoever hears of faults.
                throw new InvalidDataException(input.Count + ReceiveChunk > _maxMessageBytes
                    ? $"A client of {EndPoint} sent {input.Count:N0} bytes without a line feed; a program message may have at most {_maxMessageBytes:N0}. The connection was closed."
                    : $"A client of {EndPoint} was cut off at {input.Count:N0} bytes of an unfinished message: the server's clients together hold {MessageMemory.HeldBytes:N0} of the {MessageMemory.TotalBytes:N0} bytes they may.");
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
