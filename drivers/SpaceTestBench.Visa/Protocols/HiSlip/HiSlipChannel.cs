using System.Buffers;
using System.Net.Sockets;
using System.Runtime.CompilerServices;

namespace SpaceTestBench.Visa.Protocols.HiSlip;

/// <summary>
/// One HiSLIP connection (synchronous or asynchronous channel): headers from a buffered reader, payloads
/// straight into their destination, and every message — header and payload — leaving in one send when it
/// fits in 64 KiB.
/// </summary>
internal sealed class HiSlipChannel(Socket socket)
{
    private readonly byte[] _header = new byte[HiSlipHeader.Size];

    public Socket Socket { get; } = socket;

    public SocketReader Reader { get; } = new(socket);

    /// <summary>Reads the next header; a bad prologue is <see cref="HiSlipFormatException"/>.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<HiSlipHeader> ReadHeaderAsync(CancellationToken cancellationToken)
    {
        await Reader.EnsureAsync(HiSlipHeader.Size, cancellationToken);
        var ok = HiSlipHeader.TryRead(Reader.BufferedSpan, out var header);
        Reader.Advance(HiSlipHeader.Size);
        return ok ? header : throw new HiSlipFormatException("a message header does not start with 'HS' (IVI-6.1 §2.2).");
    }

    /// <summary>Reads a small payload (text, a lock key, a size) whole; longer than <paramref name="maximum"/> is a format error.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<byte[]> ReadPayloadAsync(ulong length, int maximum, CancellationToken cancellationToken)
    {
        if (length > (ulong)maximum)
        {
            throw new HiSlipFormatException($"a {length}-byte payload where at most {maximum} bytes belong.");
        }

        var payload = new byte[length];
        await Reader.ReadExactAsync(payload, cancellationToken);
        return payload;
    }

    public ValueTask SkipPayloadAsync(ulong length, CancellationToken cancellationToken) =>
        Reader.SkipAsync((long)Math.Min(length, long.MaxValue), cancellationToken);

    public ValueTask SendAsync(HiSlipMessageType type, byte controlCode, uint parameter, CancellationToken cancellationToken) =>
        SendAsync(new HiSlipHeader(type, controlCode, parameter, 0), ReadOnlySequence<byte>.Empty, cancellationToken);

    public ValueTask SendAsync(HiSlipMessageType type, byte controlCode, uint parameter, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken) =>
        SendAsync(new HiSlipHeader(type, controlCode, parameter, (ulong)payload.Length), new ReadOnlySequence<byte>(payload), cancellationToken);

    public ValueTask SendAsync(HiSlipHeader header, ReadOnlySequence<byte> payload, CancellationToken cancellationToken)
    {
        header.Write(_header);
        return SocketSender.SendAsync(Socket, _header, payload, cancellationToken);
    }
}
