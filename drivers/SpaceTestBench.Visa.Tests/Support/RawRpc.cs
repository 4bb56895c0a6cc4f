using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using SpaceTestBench.Visa.Protocols.OncRpc;

namespace SpaceTestBench.Visa.Tests.Support;

/// <summary>Hand-built ONC RPC traffic, for testing how a server copes with what well-behaved clients never send.</summary>
internal sealed class RawRpc : IDisposable
{
    private readonly Socket _socket = new(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
    private uint _xid = 1000;

    private RawRpc()
    {
    }

    public static async Task<RawRpc> ConnectAsync(IPEndPoint endPoint)
    {
        var rpc = new RawRpc();
        await rpc._socket.ConnectAsync(endPoint);
        return rpc;
    }

    public uint LastXid => _xid;

    /// <summary>A call message (no record mark): header then <paramref name="arguments"/>.</summary>
    public byte[] Call(uint program, uint version, uint procedure, Action<XdrWriter>? arguments = null, uint rpcVersion = 2)
    {
        var writer = new XdrWriter().UInt32(++_xid).UInt32(0).UInt32(rpcVersion).UInt32(program).UInt32(version).UInt32(procedure)
            .UInt32(0).UInt32(0).UInt32(0).UInt32(0);
        arguments?.Invoke(writer);
        return writer.Datagram().ToArray();
    }

    /// <summary>Sends <paramref name="message"/> as one record split into fragments of <paramref name="fragmentSize"/> bytes.</summary>
    public async Task SendRecordAsync(byte[] message, int fragmentSize = int.MaxValue)
    {
        var offset = 0;
        do
        {
            var length = Math.Min(fragmentSize, message.Length - offset);
            var mark = new byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(mark, (offset + length == message.Length ? 0x8000_0000u : 0) | (uint)length);
            await SendRawAsync([.. mark, .. message.AsSpan(offset, length)]);
            offset += length;
        }
        while (offset < message.Length);
    }

    public async Task SendRawAsync(byte[] bytes)
    {
        var sent = 0;
        while (sent < bytes.Length)
        {
            sent += await _socket.SendAsync(bytes.AsMemory(sent), SocketFlags.None);
        }
    }

    /// <summary>Reads one reply record and returns its words (4-byte big-endian values) after the xid.</summary>
    public async Task<(uint Xid, uint[] Words, byte[] Body)> ReceiveAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(Timeouts.Generous));
        var body = new List<byte>();
        bool last;
        do
        {
            var mark = await ReadExactAsync(4, timeout.Token);
            var word = BinaryPrimitives.ReadUInt32BigEndian(mark);
            last = (word & 0x8000_0000u) != 0;
            body.AddRange(await ReadExactAsync((int)(word & 0x7FFF_FFFF), timeout.Token));
        }
        while (!last);

        var bytes = body.ToArray();
        var words = new uint[bytes.Length / 4];
        for (var i = 0; i < words.Length; i++)
        {
            words[i] = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(i * 4));
        }

        return (words[0], words[1..], bytes);
    }

    public void Dispose() => _socket.Dispose();

    private async Task<byte[]> ReadExactAsync(int count, CancellationToken cancellationToken)
    {
        var buffer = new byte[count];
        var read = 0;
        while (read < count)
        {
            var n = await _socket.ReceiveAsync(buffer.AsMemory(read), SocketFlags.None, cancellationToken);
            if (n == 0)
            {
                throw new EndOfStreamException();
            }

            read += n;
        }

        return buffer;
    }
}
