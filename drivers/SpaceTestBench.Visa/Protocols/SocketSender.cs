using System.Buffers;
using System.Net.Sockets;
using System.Runtime.CompilerServices;

namespace SpaceTestBench.Visa.Protocols;

/// <summary>
/// Sends a message in as few sends as possible: anything up to 64 KiB is gathered into one buffer and
/// leaves in one send (lxi reads a response with one recv, and Nagle must never split a query); larger
/// payloads go segment by segment without copying.
/// </summary>
internal static class SocketSender
{
    public const int GatherLimit = 64 * 1024;

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public static async ValueTask SendAsync(Socket socket, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        while (!data.IsEmpty)
        {
            var sent = await socket.SendAsync(data, SocketFlags.None, cancellationToken);
            data = data[sent..];
        }
    }

    /// <summary>Sends <paramref name="header"/> then <paramref name="body"/> as one stream of bytes.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public static async ValueTask SendAsync(Socket socket, ReadOnlyMemory<byte> header, ReadOnlySequence<byte> body, CancellationToken cancellationToken)
    {
        var total = header.Length + body.Length;
        if (total <= GatherLimit)
        {
            var buffer = ArrayPool<byte>.Shared.Rent((int)total);
            try
            {
                header.Span.CopyTo(buffer);
                body.CopyTo(buffer.AsSpan(header.Length));
                await SendAsync(socket, buffer.AsMemory(0, (int)total), cancellationToken);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }

            return;
        }

        await SendAsync(socket, header, cancellationToken);
        foreach (var segment in body)
        {
            await SendAsync(socket, segment, cancellationToken);
        }
    }
}
