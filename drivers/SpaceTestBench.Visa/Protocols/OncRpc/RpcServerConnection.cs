using System.Buffers;
using System.Net.Sockets;
using System.Runtime.CompilerServices;

namespace SpaceTestBench.Visa.Protocols.OncRpc;

/// <summary>
/// Serves one TCP connection of ONC RPC calls for one program. Every call that carries an xid gets the
/// reply RFC 5531 prescribes — RPC_MISMATCH, PROG_UNAVAIL, PROG_MISMATCH, PROC_UNAVAIL, GARBAGE_ARGS or
/// SYSTEM_ERR — and the connection goes on; only a stream that cannot be framed any more is closed.
/// </summary>
internal static class RpcServerConnection
{
    private const int WaitForWholeRecordBelow = 32 * 1024;
    private static readonly byte[] Padding = new byte[3];

    public static async Task ServeAsync(Socket socket, RpcService service, int maxRecordBytes, CancellationToken cancellationToken)
    {
        var reader = new SocketReader(socket);
        var records = new RpcRecordReader(reader);
        var buffer = new RecordBuffer();
        var writer = new XdrWriter();
        while (true)
        {
            // Wait one await from the socket until a small call has arrived whole; then it is read and
            // answered without suspending again.
            while (!reader.HoldsWholeRecord() && reader.Buffered < WaitForWholeRecordBelow)
            {
                reader.Received(await reader.ReceiveMoreAsync(cancellationToken));
            }

            var (length, oversized) = await records.ReadRecordAsync(buffer, maxRecordBytes, cancellationToken);
            var (status, trailing) = await DispatchAsync(service, buffer.Data.AsMemory(0, length), oversized, writer, cancellationToken);
            if (status is null)
            {
                if (length < 8)
                {
                    return; // not even an xid: the peer is not speaking RPC
                }

                continue; // not a call (RFC 5531 §9: ignored)
            }

            var pad = XdrWriter.Padded((int)trailing.Length) - (int)trailing.Length;
            var body = pad == 0 ? trailing : Sequences.Append(trailing, Padding.AsMemory(0, pad));
            await SocketSender.SendAsync(socket, writer.Record(body.Length), body, cancellationToken);
        }
    }

    /// <summary>Decodes and runs one call; a null status means there is nothing to answer.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public static async ValueTask<(RpcAcceptStatus? Status, ReadOnlySequence<byte> Trailing)> DispatchAsync(
        RpcService service, ReadOnlyMemory<byte> message, bool oversized, XdrWriter writer, CancellationToken cancellationToken)
    {
        var call = RpcCall.TryParse(message.Span, out var garbage);
        if (call is not { } c)
        {
            return (null, default);
        }

        if (garbage || oversized)
        {
            RpcCall.Accepted(writer, c.Xid, RpcAcceptStatus.GarbageArguments);
            return (RpcAcceptStatus.GarbageArguments, default);
        }

        if (c.RpcVersion != RpcConstants.RpcVersion)
        {
            RpcCall.RpcVersionMismatch(writer, c.Xid);
            return (RpcAcceptStatus.SystemError, default);
        }

        if (c.Program != service.Program)
        {
            RpcCall.Accepted(writer, c.Xid, RpcAcceptStatus.ProgramUnavailable);
            return (RpcAcceptStatus.ProgramUnavailable, default);
        }

        if (c.Version != service.Version)
        {
            RpcCall.Accepted(writer, c.Xid, RpcAcceptStatus.ProgramMismatch).UInt32(service.Version).UInt32(service.Version);
            return (RpcAcceptStatus.ProgramMismatch, default);
        }

        RpcCall.Accepted(writer, c.Xid, RpcAcceptStatus.Success);
        RpcResult result;
        try
        {
            result = await service.CallAsync(c.Procedure, message[c.ArgumentsOffset..], writer, cancellationToken);
        }
        catch (XdrFormatException)
        {
            result = new RpcResult(RpcAcceptStatus.GarbageArguments, default);
        }

        if (result.Status != RpcAcceptStatus.Success)
        {
            RpcCall.Accepted(writer, c.Xid, result.Status);
            return (result.Status, default);
        }

        return (RpcAcceptStatus.Success, result.TrailingData);
    }

}
