using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;

namespace SpaceTestBench.Visa.Protocols.OncRpc;

/// <summary>
/// The client end of ONC RPC over one TCP connection: one call at a time, AUTH_NULL, replies matched by
/// xid so a late reply to an abandoned call is skipped rather than taken for the next one's.
/// </summary>
internal sealed class RpcClient
{
    // A reply bigger than this is read piece by piece as it streams in, rather than waited for whole.
    private const int MaxWaitForWholeRecord = 32 * 1024;

    private readonly Socket _socket;
    private readonly uint _program;
    private readonly uint _version;
    private readonly SocketReader _reader;
    private readonly RpcRecordReader _records;
    private readonly XdrWriter _writer = new();
    private uint _xid = (uint)RandomNumberGenerator.GetInt32(int.MaxValue);
    private uint _pendingXid;
    private bool _awaitingReply;

    public RpcClient(Socket socket, uint program, uint version)
    {
        _socket = socket;
        _program = program;
        _version = version;
        _reader = new SocketReader(socket);
        _records = new RpcRecordReader(_reader);
    }

    /// <summary>True while a reply record is being read: an interruption now leaves the stream mid-record.</summary>
    public bool InRecord { get; private set; }

    /// <summary>True while a call is being sent: an interruption now may leave half a record on the wire.</summary>
    public bool InSend { get; private set; }

    /// <summary>True if a call was sent and its reply not yet read.</summary>
    public bool AwaitingReply => _awaitingReply;

    /// <summary>Starts a call: returns the writer positioned for the procedure's arguments.</summary>
    public XdrWriter Begin(uint procedure)
    {
        _xid++;
        return _writer.Reset().UInt32(_xid).UInt32(RpcConstants.Call).UInt32(RpcConstants.RpcVersion)
            .UInt32(_program).UInt32(_version).UInt32(procedure)
            .UInt32(0).UInt32(0) // credential AUTH_NULL
            .UInt32(0).UInt32(0); // verifier AUTH_NULL
    }

    /// <summary>Sends the call and returns the reader positioned at its result; call <see cref="EndAsync"/> after reading it.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<RpcRecordReader> CallAsync(CancellationToken cancellationToken)
    {
        _pendingXid = _xid;
        InSend = true;
        await SocketSender.SendAsync(_socket, _writer.Record(), cancellationToken);
        InSend = false;
        _awaitingReply = true;

        // Wait for the reply here, one await from the socket; a reply that has arrived whole is then read
        // without suspending again.
        while (!_reader.HoldsWholeRecord() && _reader.Buffered < MaxWaitForWholeRecord)
        {
            _reader.Received(await _reader.ReceiveMoreAsync(cancellationToken));
        }

        return await ReceiveReplyAsync(cancellationToken);
    }

    /// <summary>Reads replies until the one for the pending call arrives (after an interrupted wait).</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<RpcRecordReader> ReceiveReplyAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            await _records.BeginAsync(cancellationToken);
            InRecord = true;
            var xid = await _records.ReadUInt32Async(cancellationToken);
            if (xid != _pendingXid)
            {
                await EndAsync(cancellationToken); // a reply to a call already given up on
                continue;
            }

            _awaitingReply = false;
            if (await _records.ReadUInt32Async(cancellationToken) != RpcConstants.Reply)
            {
                throw new RpcException("the server sent a call where a reply was due.");
            }

            if (await _records.ReadUInt32Async(cancellationToken) != RpcConstants.MessageAccepted)
            {
                var reject = await _records.ReadUInt32Async(cancellationToken);
                await EndAsync(cancellationToken);
                throw new RpcException(reject == RpcConstants.RpcMismatch ? "the server refused RPC version 2." : "the server refused the call's authentication.");
            }

            await _records.ReadUInt32Async(cancellationToken); // verifier flavor
            var verifier = await _records.ReadUInt32Async(cancellationToken);
            await _records.SkipAsync(XdrWriter.Padded((int)Math.Min(verifier, RpcConstants.MaxAuthBody)), cancellationToken);
            var status = (RpcAcceptStatus)await _records.ReadUInt32Async(cancellationToken);
            if (status != RpcAcceptStatus.Success)
            {
                await EndAsync(cancellationToken);
                throw new RpcException(status switch
                {
                    RpcAcceptStatus.ProgramUnavailable => $"the server does not offer RPC program 0x{_program:X}.",
                    RpcAcceptStatus.ProgramMismatch => $"the server does not offer version {_version} of RPC program 0x{_program:X}.",
                    RpcAcceptStatus.ProcedureUnavailable => "the server does not offer the procedure called.",
                    RpcAcceptStatus.GarbageArguments => "the server could not decode the call's arguments.",
                    _ => $"the server failed the call (accept_stat {(uint)status}).",
                });
            }

            return _records;
        }
    }

    /// <summary>Skips whatever is left of the reply.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask EndAsync(CancellationToken cancellationToken)
    {
        await _records.EndAsync(cancellationToken);
        InRecord = false;
    }
}
