using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SpaceTestBench.Visa.Tests.Support;

/// <summary>One hand-driven HiSLIP connection, for sending what well-behaved clients never send.</summary>
internal sealed class RawHiSlip : IDisposable
{
    private readonly Socket _socket = new(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };

    public static async Task<RawHiSlip> ConnectAsync(IPEndPoint endPoint)
    {
        var raw = new RawHiSlip();
        await raw._socket.ConnectAsync(endPoint);
        return raw;
    }

    /// <summary>Initialize + AsyncInitialize on two connections; returns both and the session ID.</summary>
    public static async Task<(RawHiSlip Sync, RawHiSlip Async, ushort SessionId)> OpenSessionAsync(IPEndPoint endPoint, string subAddress = "hislip0")
    {
        var sync = await ConnectAsync(endPoint);
        await sync.SendAsync(0, 0, 0x0100_5858, Encoding.ASCII.GetBytes(subAddress));
        var init = await sync.ReceiveAsync();
        var async = await ConnectAsync(endPoint);
        await async.SendAsync(17, 0, (ushort)init.Parameter);
        await async.ReceiveAsync();
        return (sync, async, (ushort)init.Parameter);
    }

    public Task SendAsync(byte type, byte controlCode, uint parameter, byte[]? payload = null) =>
        SendRawAsync([.. Header("HS", type, controlCode, parameter, (ulong)(payload?.Length ?? 0)), .. payload ?? []]);

    public static byte[] Header(string prologue, byte type, byte controlCode, uint parameter, ulong length)
    {
        var header = new byte[16];
        Encoding.ASCII.GetBytes(prologue, header);
        header[2] = type;
        header[3] = controlCode;
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4), parameter);
        BinaryPrimitives.WriteUInt64BigEndian(header.AsSpan(8), length);
        return header;
    }

    public async Task SendRawAsync(byte[] bytes)
    {
        var sent = 0;
        while (sent < bytes.Length)
        {
            sent += await _socket.SendAsync(bytes.AsMemory(sent), SocketFlags.None);
        }
    }

    public async Task<(byte Type, byte ControlCode, uint Parameter, byte[] Payload)> ReceiveAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(Timeouts.Generous));
        var header = await ReadExactAsync(16, timeout.Token);
        Assert.That(Encoding.ASCII.GetString(header, 0, 2), Is.EqualTo("HS"));
        var payload = await ReadExactAsync((int)BinaryPrimitives.ReadUInt64BigEndian(header.AsSpan(8)), timeout.Token);
        return (header[2], header[3], BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(4)), payload);
    }

    /// <summary>True if the server closed the connection (reads end of stream).</summary>
    public async Task<bool> IsClosedAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(Timeouts.Generous));
        try
        {
            return await _socket.ReceiveAsync(new byte[1], SocketFlags.None, timeout.Token) == 0;
        }
        catch (SocketException)
        {
            return true;
        }
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
