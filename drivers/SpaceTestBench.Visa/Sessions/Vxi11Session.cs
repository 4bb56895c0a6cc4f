using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using SpaceTestBench.Visa.Protocols.OncRpc;
using SpaceTestBench.Visa.Protocols.Vxi11;
using SpaceTestBench.Visa.Resources;

namespace SpaceTestBench.Visa.Sessions;

/// <summary>
/// A VXI-11 session (<c>TCPIP::host[::instN]::INSTR</c>): the core channel found through the portmapper,
/// one link, and the abort channel, connected when a caller cancels a blocked call. The server enforces
/// io_timeout and lock_timeout (both the session timeout); the client allows twice that plus five seconds
/// before it gives up on a reply, then skips the late reply by its xid.
/// </summary>
public sealed class Vxi11Session : MessageBasedSession
{
    // How much longer than the server's own io_timeout and lock_timeout the client waits for a reply: a
    // dead or stalled server is told from a slow one only by this margin.
    private const int GraceMilliseconds = 5000;
    private const int MaxReadRequest = 4 * 1024 * 1024;
    private readonly Socket _core;
    private readonly RpcClient _rpc;
    private readonly VisaOpenOptions _options;
    private Socket? _abortSocket;
    private RpcClient? _abortRpc;
    private bool _broken;

    private Vxi11Session(ResourceName resource, VisaOpenOptions options, Socket core, RpcClient rpc, int linkId, int abortPort, int maxReceiveSize)
        : base(resource, options)
    {
        _options = options;
        _core = core;
        _rpc = rpc;
        LinkId = linkId;
        AbortPort = abortPort;
        MaxReceiveSize = maxReceiveSize;
    }

    /// <summary>The link id create_link returned.</summary>
    public int LinkId { get; }

    /// <summary>The abort channel's port create_link returned (0: the server offers none).</summary>
    public int AbortPort { get; }

    /// <summary>The largest device_write the server accepts; longer messages are sent in pieces.</summary>
    public int MaxReceiveSize { get; }

    private uint WireTimeout => TimeoutMilliseconds < 0 ? Vxi11Constants.InfiniteTimeout : (uint)TimeoutMilliseconds;

    private int? CallDeadline => TimeoutMilliseconds < 0 ? Timeout.Infinite : (2 * TimeoutMilliseconds) + GraceMilliseconds;

    /// <summary>Finds the core channel through the portmapper, connects and creates a link to the resource's device.</summary>
    public static async Task<Vxi11Session> OpenAsync(ResourceName resource, VisaOpenOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(options);
        if (resource.Protocol != LanProtocol.Vxi11)
        {
            throw new ResourceNameException(resource.Original, $"{resource.Canonical} is not a VXI-11 resource.");
        }

        var host = resource.Host!;
        using var timeout = new CancellationTokenSource(options.TimeoutMilliseconds < 0 ? Timeout.InfiniteTimeSpan : TimeSpan.FromMilliseconds(options.TimeoutMilliseconds), options.IOClock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        var corePort = await GetCorePortAsync(resource, options, linked.Token, cancellationToken);
        var core = await TcpConnector.ConnectAsync(resource, host, corePort, options, "the VXI-11 core channel", cancellationToken);
        try
        {
            var rpc = new RpcClient(core, Vxi11Constants.CoreProgram, Vxi11Constants.Version);
            rpc.Begin((uint)Vxi11Procedure.CreateLink)
                .Int32(RandomNumberGenerator.GetInt32(int.MaxValue)).Bool(false).UInt32(0).String(resource.DeviceName!);
            var reply = await rpc.CallAsync(linked.Token);
            var error = (Vxi11Error)await reply.ReadUInt32Async(linked.Token);
            var linkId = (int)await reply.ReadUInt32Async(linked.Token);
            var abortPort = (int)await reply.ReadUInt32Async(linked.Token);
            var maxReceive = await reply.ReadUInt32Async(linked.Token);
            await rpc.EndAsync(linked.Token);
            if (error != Vxi11Error.None)
            {
                throw new VisaConnectionLostException(resource.Original, error == Vxi11Error.DeviceNotAccessible
                    ? $"the VXI-11 server at {host} has no device '{resource.DeviceName}' (create_link error 3); check the LAN device name."
                    : $"the VXI-11 server at {host} refused a link to '{resource.DeviceName}' (create_link error {(int)error}, {error}).");
            }

            return new Vxi11Session(resource, options, core, rpc, linkId, abortPort, (int)Math.Clamp(maxReceive, 1024u, 1u << 30));
        }
        catch (Exception e)
        {
            core.Dispose();
            throw OpenFailure(resource, options, e, timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested, "create a VXI-11 link");
        }
    }

    /// <inheritdoc />
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        var offset = 0;
        do
        {
            var chunk = data.Slice(offset, Math.Min(data.Length - offset, MaxReceiveSize));
            var last = offset + chunk.Length == data.Length;
            var flags = Vxi11Constants.FlagWaitLock | (last && SendEndEnabled ? Vxi11Constants.FlagEnd : 0);
            var written = await CallAsync(
                Vxi11Procedure.DeviceWrite,
                (Session: this, Chunk: chunk, Flags: flags),
                static (w, s) => w.Int32(s.Session.LinkId).UInt32(s.Session.WireTimeout).UInt32(s.Session.WireTimeout).UInt32(s.Flags).Opaque(s.Chunk.Span),
                static async (reply, _, ct) => ((Vxi11Error)await reply.ReadUInt32Async(ct), (int)await reply.ReadUInt32Async(ct)),
                "write",
                cancellationToken);
            if (written <= 0 || written > chunk.Length)
            {
                throw new VisaProtocolException(ResourceName, $"device_write reported {written} of {chunk.Length} bytes written.");
            }

            offset += written;
        }
        while (offset < data.Length);
    }

    /// <inheritdoc />
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public override async ValueTask<ReadResult> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.IsEmpty)
        {
            return new ReadResult(0, ReadStatus.MaximumCountReached);
        }

        var request = Math.Min(buffer.Length, MaxReadRequest);
        var flags = Vxi11Constants.FlagWaitLock | (TerminationCharacterEnabled ? Vxi11Constants.FlagTermCharSet : 0);
        return await CallAsync(
            Vxi11Procedure.DeviceRead,
            (Session: this, Buffer: buffer[..request], Flags: flags),
            static (w, s) => w.Int32(s.Session.LinkId).UInt32((uint)s.Buffer.Length).UInt32(s.Session.WireTimeout)
                .UInt32(s.Session.WireTimeout).UInt32(s.Flags).UInt32(s.Session.TerminationCharacter),
            static async (reply, s, ct) =>
            {
                var error = (Vxi11Error)await reply.ReadUInt32Async(ct);
                var reason = (int)await reply.ReadUInt32Async(ct);
                var length = await reply.ReadUInt32Async(ct);
                if (length > (uint)s.Buffer.Length)
                {
                    throw new RpcException($"device_read returned {length} bytes for a request of {s.Buffer.Length}.");
                }

                await reply.ReadExactAsync(s.Buffer[..(int)length], ct);
                await reply.SkipAsync(XdrWriter.Padded((int)length) - length, ct);
                var status = (reason & Vxi11Constants.ReasonEnd) != 0 ? ReadStatus.EndReceived
                    : (reason & Vxi11Constants.ReasonTermChar) != 0 ? ReadStatus.TerminationCharacterEncountered
                    : ReadStatus.MaximumCountReached;
                return (error, new ReadResult((int)length, status));
            },
            "read a response",
            cancellationToken);
    }

    /// <inheritdoc />
    public override async Task ClearAsync(CancellationToken cancellationToken = default)
    {
        FormattedIO.DiscardBuffers();
        await GenericAsync(Vxi11Procedure.DeviceClear, "clear the device", cancellationToken);
    }

    /// <inheritdoc />
    public override async Task<StatusByteFlags> ReadStatusByteAsync(CancellationToken cancellationToken = default) =>
        (StatusByteFlags)await GenericAsync(Vxi11Procedure.DeviceReadStb, "read the status byte", cancellationToken);

    /// <inheritdoc />
    public override Task AssertTriggerAsync(CancellationToken cancellationToken = default) =>
        GenericAsync(Vxi11Procedure.DeviceTrigger, "trigger the device", cancellationToken);

    /// <inheritdoc />
    public override async Task<string?> LockResourceAsync(int timeoutMilliseconds, string? sharedKey = null, CancellationToken cancellationToken = default)
    {
        if (sharedKey is not null)
        {
            throw new VisaOperationNotSupportedException(ResourceName, "a shared lock (VXI-11 locks are exclusive; use HiSLIP)");
        }

        var wait = timeoutMilliseconds < 0 ? Vxi11Constants.InfiniteTimeout : (uint)timeoutMilliseconds;
        await CallAsync(
            Vxi11Procedure.DeviceLock,
            (Link: LinkId, Wait: wait),
            static (w, s) => w.Int32(s.Link).UInt32(Vxi11Constants.FlagWaitLock).UInt32(s.Wait),
            static async (reply, _, ct) => ((Vxi11Error)await reply.ReadUInt32Async(ct), 0),
            "lock the resource",
            cancellationToken,
            timeoutMilliseconds < 0 || TimeoutMilliseconds < 0 ? Timeout.Infinite : timeoutMilliseconds + TimeoutMilliseconds + GraceMilliseconds);
        LockState = ResourceLockState.ExclusiveLock;
        return null;
    }

    /// <inheritdoc />
    public override async Task UnlockResourceAsync(CancellationToken cancellationToken = default)
    {
        await CallAsync(
            Vxi11Procedure.DeviceUnlock,
            LinkId,
            static (w, link) => w.Int32(link),
            static async (reply, _, ct) => ((Vxi11Error)await reply.ReadUInt32Async(ct), 0),
            "unlock the resource",
            cancellationToken);
        LockState = ResourceLockState.Unlocked;
    }

    /// <inheritdoc />
    protected override async ValueTask DisposeCoreAsync()
    {
        if (!_broken)
        {
            try
            {
                // B.6.14: destroy_link releases the link's lock at once rather than when the server notices.
                using var goodbye = new CancellationTokenSource(TimeSpan.FromMilliseconds(GraceMilliseconds), IOClock);
                _rpc.Begin((uint)Vxi11Procedure.DestroyLink).Int32(LinkId);
                await _rpc.CallAsync(goodbye.Token);
                await _rpc.EndAsync(goodbye.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or IOException or EndOfStreamException or RpcException or XdrFormatException)
            {
                // The server is gone or slow; closing the connection destroys the link too.
            }
        }

        _core.Dispose();
        _abortSocket?.Dispose();
    }

    private static async Task<int> GetCorePortAsync(ResourceName resource, VisaOpenOptions options, CancellationToken token, CancellationToken caller)
    {
        // RFC 1833 §3.2 PMAPPROC_GETPORT for the DEVICE_CORE program over TCP.
        using var portmapper = await TcpConnector.ConnectAsync(resource, resource.Host!, options.PortmapperPort, options, "the portmapper", caller);
        int port;
        try
        {
            var rpc = new RpcClient(portmapper, RpcConstants.PortmapperProgram, RpcConstants.PortmapperVersion);
            rpc.Begin(RpcConstants.PortmapperGetPort)
                .UInt32(Vxi11Constants.CoreProgram).UInt32(Vxi11Constants.Version).UInt32(RpcConstants.ProtocolTcp).UInt32(0);
            var reply = await rpc.CallAsync(token);
            port = (int)await reply.ReadUInt32Async(token);
            await rpc.EndAsync(token);
        }
        catch (Exception e)
        {
            throw OpenFailure(resource, options, e, token.IsCancellationRequested && !caller.IsCancellationRequested, "ask the portmapper for the VXI-11 port");
        }

        return port is > 0 and <= 65535
            ? port
            : throw new VisaConnectionLostException(resource.Original, $"the portmapper at {resource.Host}:{options.PortmapperPort} knows no VXI-11 core service (GETPORT answered {port}); is this a VXI-11 instrument?");
    }

    private static Exception OpenFailure(ResourceName resource, VisaOpenOptions options, Exception e, bool timedOut, string operation) => e switch
    {
        VisaException => e,
        OperationCanceledException when timedOut => new VisaTimeoutException(resource.Original, operation, TimeSpan.FromMilliseconds(options.TimeoutMilliseconds), e),
        OperationCanceledException => e,
        RpcException or XdrFormatException => new VisaProtocolException(resource.Original, $"could not {operation}: {e.Message}", e),
        _ => new VisaConnectionLostException(resource.Original, $"could not {operation}: {e.Message}", e),
    };

    private async Task<byte> GenericAsync(Vxi11Procedure procedure, string operation, CancellationToken cancellationToken) =>
        (byte)await CallAsync(
            procedure,
            (Session: this, Procedure: procedure),
            static (w, s) => w.Int32(s.Session.LinkId).UInt32(Vxi11Constants.FlagWaitLock).UInt32(s.Session.WireTimeout).UInt32(s.Session.WireTimeout),
            static async (reply, s, ct) =>
            {
                var error = (Vxi11Error)await reply.ReadUInt32Async(ct);
                return (error, s.Procedure == Vxi11Procedure.DeviceReadStb ? (int)await reply.ReadUInt32Async(ct) : 0);
            },
            operation,
            cancellationToken);

    /// <summary>
    /// One RPC on the core channel. A VXI-11 error in the reply becomes its exception after the reply is
    /// read to its end; a transport failure mid-reply leaves the stream unusable, so the session is closed.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<TResult> CallAsync<TState, TResult>(
        Vxi11Procedure procedure,
        TState state,
        Action<XdrWriter, TState> writeArguments,
        Func<RpcRecordReader, TState, CancellationToken, ValueTask<(Vxi11Error Error, TResult Value)>> readResult,
        string operation,
        CancellationToken cancellationToken,
        int? deadline = null)
    {
        if (_broken)
        {
            throw new VisaConnectionLostException(ResourceName, "the session was closed after an interrupted transfer left the VXI-11 channel out of step; open it again.");
        }

        var token = BeginOperation(cancellationToken, deadline ?? CallDeadline);
        try
        {
            writeArguments(_rpc.Begin((uint)procedure), state);
            RpcRecordReader reply;
            try
            {
                reply = await _rpc.CallAsync(token);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested && !_rpc.InRecord && _rpc.AwaitingReply)
            {
                await AbortAndResynchronizeAsync();
                throw;
            }

            var (error, value) = await readResult(reply, state, token);
            await _rpc.EndAsync(token);
            return error == Vxi11Error.None ? value : throw ErrorOf(error, operation);
        }
        catch (Exception e) when (e is RpcException or XdrFormatException)
        {
            Break();
            throw new VisaProtocolException(ResourceName, $"VXI-11 {operation}: {e.Message}", e);
        }
        catch (Exception e) when (IsTranslatable(e, cancellationToken))
        {
            if (_rpc.InRecord || _rpc.InSend || e is not OperationCanceledException)
            {
                Break();
            }

            throw Translate(e, operation, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            if (_rpc.InRecord || _rpc.InSend)
            {
                Break();
            }

            throw;
        }
        finally
        {
            EndOperation();
        }
    }

    /// <summary>
    /// The caller gave up on a blocked call: device_abort on the abort channel (VXI-11 B.5.2) makes the
    /// server answer it now, and that answer is read so the core channel stays in step.
    /// </summary>
    private async Task AbortAndResynchronizeAsync()
    {
        var limit = TimeoutMilliseconds < 0 ? 10_000 : TimeoutMilliseconds + GraceMilliseconds;
        using var grace = new CancellationTokenSource(TimeSpan.FromMilliseconds(limit), IOClock);
        try
        {
            if (AbortPort > 0)
            {
                if (_abortRpc is null)
                {
                    _abortSocket = await TcpConnector.ConnectAsync(Resource, Resource.Host!, AbortPort, _options with { TimeoutMilliseconds = limit }, "the VXI-11 abort channel", grace.Token);
                    _abortRpc = new RpcClient(_abortSocket, Vxi11Constants.AbortProgram, Vxi11Constants.Version);
                }

                _abortRpc.Begin((uint)Vxi11Procedure.DeviceAbort).Int32(LinkId);
                await _abortRpc.CallAsync(grace.Token);
                await _abortRpc.EndAsync(grace.Token);
            }

            await _rpc.ReceiveReplyAsync(grace.Token);
            await _rpc.EndAsync(grace.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or IOException or EndOfStreamException or RpcException or XdrFormatException or VisaException)
        {
            Break();
        }
    }

    private void Break()
    {
        _broken = true;
        _core.Dispose();
    }

    private VisaException ErrorOf(Vxi11Error error, string operation) => error switch
    {
        Vxi11Error.IOTimeout => new VisaTimeoutException(ResourceName, operation, TimeSpan.FromMilliseconds(TimeoutMilliseconds)),
        Vxi11Error.DeviceLockedByAnotherLink => new VisaResourceLockedException(ResourceName, $"another session holds the instrument's lock, so this session could not {operation} (VXI-11 error 11)."),
        Vxi11Error.NoLockHeldByThisLink => new VisaResourceLockedException(ResourceName, "this session holds no lock to release (VXI-11 error 12)."),
        Vxi11Error.InvalidLinkIdentifier => new VisaConnectionLostException(ResourceName, $"the server no longer knows this link (VXI-11 error 4) while trying to {operation}; open the session again."),
        Vxi11Error.OperationNotSupported => new VisaOperationNotSupportedException(ResourceName, operation),
        Vxi11Error.Abort => new VisaException(ResourceName, $"the operation was aborted (VXI-11 error 23) while trying to {operation}."),
        Vxi11Error.IOError => new VisaException(ResourceName, $"the instrument reported an I/O error (VXI-11 error 17) while this session tried to {operation}."),
        _ => new VisaProtocolException(ResourceName, $"the instrument answered VXI-11 error {(int)error} ({error}) when this session tried to {operation}."),
    };
}
