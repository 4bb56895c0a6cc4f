using System.Buffers.Binary;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Text;
using SpaceTestBench.Visa.Protocols.HiSlip;
using SpaceTestBench.Visa.Resources;

namespace SpaceTestBench.Visa.Sessions;

/// <summary>
/// A HiSLIP 1.0 session (<c>TCPIP::host::hislipN[,port]::INSTR</c>, IVI-6.1) in synchronized mode: data on
/// the synchronous channel with message IDs from 0xFFFFFF00 (+2 each), responses matched to the request
/// that caused them (a late response to an abandoned query is skipped), RMT-delivered on the first message
/// after a response was read; status, locks, device clear and the maximum message size on the
/// asynchronous channel.
/// </summary>
public sealed partial class HiSlipSession : MessageBasedSession
{
    private readonly HiSlipChannel _sync;
    private readonly HiSlipChannel _async;
    private uint _nextMessageId = HiSlipHeader.FirstMessageId;
    private uint _lastSentMessageId = HiSlipHeader.FirstMessageId - 2;
    private bool _rmtDelivered;
    private long _messageRemaining;
    private bool _messageIsEnd = true;
    private uint _messageId;
    private bool _discardCurrentMessage;
    private uint? _discardResponseId;
    private bool _broken;

    private HiSlipSession(ResourceName resource, VisaOpenOptions options, HiSlipChannel sync, HiSlipChannel async, ushort sessionId, bool serverPrefersOverlap)
        : base(resource, options)
    {
        _sync = sync;
        _async = async;
        SessionId = sessionId;
        ServerPrefersOverlap = serverPrefersOverlap;
    }

    /// <summary>The session ID the server assigned.</summary>
    public ushort SessionId { get; }

    /// <summary>The largest message the server accepts (from AsyncMaximumMessageSizeResponse).</summary>
    public long ServerMaximumMessageSize { get; private set; } = 1 << 20;

    /// <summary>The protocol version negotiated (VISA <c>VI_ATTR_TCPIP_HISLIP_VERSION</c>): 1.0.</summary>
    public Version ProtocolVersion { get; } = new(1, 0);

    /// <summary>Whether the server's InitializeResponse preferred overlapped mode; this client always uses synchronized mode.</summary>
    public bool ServerPrefersOverlap { get; }

    /// <summary>Connects both channels and negotiates the maximum message size (IVI-6.1 §6.1, §6.11).</summary>
    public static async Task<HiSlipSession> OpenAsync(ResourceName resource, VisaOpenOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(options);
        if (resource.Protocol != LanProtocol.HiSlip)
        {
            throw new ResourceNameException(resource.Original, $"{resource.Canonical} is not a HiSLIP resource.");
        }

        var host = resource.Host!;
        var port = resource.Port ?? Resources.ResourceName.DefaultHiSlipPort;
        var subAddress = resource.DeviceName!.Split(',')[0];
        using var timeout = new CancellationTokenSource(options.TimeoutMilliseconds < 0 ? Timeout.InfiniteTimeSpan : TimeSpan.FromMilliseconds(options.TimeoutMilliseconds), options.IOClock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        Socket? syncSocket = null;
        Socket? asyncSocket = null;
        try
        {
            syncSocket = await TcpConnector.ConnectAsync(resource, host, port, options, "the HiSLIP synchronous channel", cancellationToken);
            var sync = new HiSlipChannel(syncSocket);

            // Initialize: parameter = client version << 16 | vendor ID; payload = sub-address.
            await sync.SendAsync(HiSlipMessageType.Initialize, 0, ((uint)HiSlipHeader.Version10 << 16) | ('S' << 8) | 'T', Encoding.ASCII.GetBytes(subAddress), linked.Token);
            var init = await ExpectAsync(resource, sync, HiSlipMessageType.InitializeResponse, linked.Token);
            var sessionId = (ushort)init.Parameter;

            asyncSocket = await TcpConnector.ConnectAsync(resource, host, port, options, "the HiSLIP asynchronous channel", cancellationToken);
            var async = new HiSlipChannel(asyncSocket);
            await async.SendAsync(HiSlipMessageType.AsyncInitialize, 0, sessionId, linked.Token);
            await ExpectAsync(resource, async, HiSlipMessageType.AsyncInitializeResponse, linked.Token);

            var ours = new byte[8];
            BinaryPrimitives.WriteUInt64BigEndian(ours, (ulong)options.HiSlipMaximumMessageSize);
            await async.SendAsync(HiSlipMessageType.AsyncMaximumMessageSize, 0, 0, ours, linked.Token);
            var size = await ExpectAsync(resource, async, HiSlipMessageType.AsyncMaximumMessageSizeResponse, linked.Token);
            var theirs = await async.ReadPayloadAsync(size.PayloadLength, 8, linked.Token);
            var session = new HiSlipSession(resource, options, sync, async, sessionId, (init.ControlCode & 1) != 0)
            {
                ServerMaximumMessageSize = theirs.Length == 8 ? (long)Math.Min(BinaryPrimitives.ReadUInt64BigEndian(theirs), int.MaxValue) : 1 << 20,
            };
            if (session.ServerPrefersOverlap)
            {
                // IVI-6.1 §6.12: the mode is agreed at device clear; ask for synchronized mode.
                await session.ClearAsync(cancellationToken);
            }

            return session;
        }
        catch (Exception e) when (e is not VisaException)
        {
            syncSocket?.Dispose();
            asyncSocket?.Dispose();
            throw e switch
            {
                OperationCanceledException when timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested =>
                    new VisaTimeoutException(resource.Original, "initialize the HiSLIP session", TimeSpan.FromMilliseconds(options.TimeoutMilliseconds), e),
                OperationCanceledException => e,
                HiSlipFormatException => new VisaProtocolException(resource.Original, $"HiSLIP initialization: {e.Message}", e),
                _ => new VisaConnectionLostException(resource.Original, $"HiSLIP initialization failed: {e.Message}", e),
            };
        }
        catch
        {
            syncSocket?.Dispose();
            asyncSocket?.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        var token = Begin(cancellationToken);
        try
        {
            var chunk = (int)Math.Max(1, Math.Min(ServerMaximumMessageSize - HiSlipHeader.Size, int.MaxValue));
            do
            {
                var piece = data[..Math.Min(chunk, data.Length)];
                data = data[piece.Length..];
                var type = data.IsEmpty && SendEndEnabled ? HiSlipMessageType.DataEnd : HiSlipMessageType.Data;
                await _sync.SendAsync(type, TakeRmtDelivered(), NextMessageId(), piece, token);
            }
            while (!data.IsEmpty);
        }
        catch (Exception e) when (IsTranslatable(e, cancellationToken))
        {
            Break(); // a message cut off mid-send cannot be resumed
            throw Translate(e, "write", cancellationToken);
        }
        catch (OperationCanceledException)
        {
            Break();
            throw;
        }
        finally
        {
            EndOperation();
        }
    }

    /// <inheritdoc />
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public override async ValueTask<ReadResult> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.IsEmpty)
        {
            return new ReadResult(0, ReadStatus.MaximumCountReached);
        }

        var token = Begin(cancellationToken);
        try
        {
            return await ReadResponseAsync(buffer, token);
        }
        catch (Exception e) when (e is HiSlipFormatException)
        {
            Break();
            throw new VisaProtocolException(ResourceName, $"HiSLIP: {e.Message}", e);
        }
        catch (Exception e) when (IsTranslatable(e, cancellationToken))
        {
            _discardCurrentMessage = _messageRemaining > 0 || !_messageIsEnd;
            if (e is not OperationCanceledException)
            {
                Break();
            }

            throw Translate(e, "read a response", cancellationToken);
        }
        catch (OperationCanceledException)
        {
            _discardCurrentMessage = _messageRemaining > 0 || !_messageIsEnd;
            throw;
        }
        finally
        {
            EndOperation();
        }
    }

    /// <inheritdoc />
    public override Task AssertTriggerAsync(CancellationToken cancellationToken = default) =>
        SynchronousAsync(
            async token => await _sync.SendAsync(HiSlipMessageType.Trigger, TakeRmtDelivered(), NextMessageId(), token),
            "trigger the device",
            cancellationToken);

    /// <inheritdoc />
    protected override ValueTask DisposeCoreAsync()
    {
        // HiSLIP has no goodbye: closing either channel ends the session and releases its locks.
        _sync.Socket.Dispose();
        _async.Socket.Dispose();
        return ValueTask.CompletedTask;
    }

    private static async Task<HiSlipHeader> ExpectAsync(ResourceName resource, HiSlipChannel channel, HiSlipMessageType expected, CancellationToken cancellationToken)
    {
        var header = await channel.ReadHeaderAsync(cancellationToken);
        if (header.Type == expected)
        {
            return header;
        }

        var text = header.PayloadLength is > 0 and <= 4096 ? Encoding.ASCII.GetString(await channel.ReadPayloadAsync(header.PayloadLength, 4096, cancellationToken)) : "";
        throw header.Type == HiSlipMessageType.FatalError
            ? new VisaConnectionLostException(resource.Original, $"the HiSLIP server refused the session (FatalError {header.ControlCode}: {text}).")
            : new VisaProtocolException(resource.Original, $"expected {expected} but the HiSLIP server sent {header.Type} {text}".TrimEnd() + ".");
    }

    private CancellationToken Begin(CancellationToken cancellationToken)
    {
        if (_broken)
        {
            throw new VisaConnectionLostException(ResourceName, "the session was closed after an interrupted transfer left the HiSLIP channel out of step; open it again.");
        }

        return BeginOperation(cancellationToken);
    }

    private uint NextMessageId()
    {
        _lastSentMessageId = _nextMessageId;
        _nextMessageId += 2; // IVI-6.1 §3.1.2: wraps modulo 2^32
        return _lastSentMessageId;
    }

    private byte TakeRmtDelivered()
    {
        var flag = _rmtDelivered ? HiSlipHeader.RmtDelivered : (byte)0;
        _rmtDelivered = false;
        return flag;
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<ReadResult> ReadResponseAsync(Memory<byte> buffer, CancellationToken token)
    {
        if (_discardCurrentMessage)
        {
            // The read that took part of this response was abandoned: the rest of it belongs to nobody.
            _discardCurrentMessage = false;
            await _sync.SkipPayloadAsync((ulong)_messageRemaining, token);
            _messageRemaining = 0;
            _discardResponseId = _messageIsEnd ? null : _messageId;
        }

        var filled = 0;
        while (true)
        {
            if (_messageRemaining == 0)
            {
                if (!await NextDataMessageAsync(token))
                {
                    continue;
                }

                if (_messageRemaining == 0 && _messageIsEnd)
                {
                    _rmtDelivered = true;
                    return new ReadResult(filled, ReadStatus.EndReceived);
                }

                continue;
            }

            var target = buffer.Slice(filled, (int)Math.Min(_messageRemaining, buffer.Length - filled));
            int count;
            var stoppedAtTermination = false;
            if (TerminationCharacterEnabled)
            {
                if (_sync.Reader.Buffered == 0)
                {
                    await _sync.Reader.EnsureAsync(1, token);
                }

                var available = _sync.Reader.BufferedSpan[..Math.Min(_sync.Reader.Buffered, target.Length)];
                var at = available.IndexOf(TerminationCharacter);
                count = at >= 0 ? at + 1 : available.Length;
                available[..count].CopyTo(target.Span);
                _sync.Reader.Advance(count);
                stoppedAtTermination = at >= 0;
            }
            else
            {
                count = await _sync.Reader.ReadSomeAsync(target, token);
            }

            _messageRemaining -= count;
            filled += count;
            if (_messageRemaining == 0 && _messageIsEnd)
            {
                _rmtDelivered = true;
                return new ReadResult(filled, ReadStatus.EndReceived);
            }

            if (stoppedAtTermination)
            {
                return new ReadResult(filled, ReadStatus.TerminationCharacterEncountered);
            }

            if (filled == buffer.Length)
            {
                return new ReadResult(filled, ReadStatus.MaximumCountReached);
            }
        }
    }

    /// <summary>
    /// Reads headers until a Data or DataEND answering the last message sent; true when one starts. Stale
    /// responses are skipped, Error and FatalError become exceptions (IVI-6.1 §3.1.2, §6.2, §6.3).
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<bool> NextDataMessageAsync(CancellationToken token)
    {
        var header = await _sync.ReadHeaderAsync(token);
        switch (header.Type)
        {
            case HiSlipMessageType.Data or HiSlipMessageType.DataEnd:
                var isEnd = header.Type == HiSlipMessageType.DataEnd;
                if ((header.Parameter != _lastSentMessageId && header.Parameter != HiSlipHeader.AnyMessageId) || header.Parameter == _discardResponseId)
                {
                    await _sync.SkipPayloadAsync(header.PayloadLength, token);
                    if (isEnd && header.Parameter == _discardResponseId)
                    {
                        _discardResponseId = null;
                    }

                    return false;
                }

                _messageRemaining = (long)Math.Min(header.PayloadLength, long.MaxValue);
                _messageIsEnd = isEnd;
                _messageId = header.Parameter;
                return true;
            case HiSlipMessageType.Error:
                var error = await _sync.ReadPayloadAsync(header.PayloadLength, 4096, token);
                throw new VisaProtocolException(ResourceName, $"the instrument reported HiSLIP error {header.ControlCode} ({(HiSlipError)header.ControlCode}): {Encoding.ASCII.GetString(error)}");
            case HiSlipMessageType.FatalError:
                var fatal = await _sync.ReadPayloadAsync(header.PayloadLength, 4096, token);
                Break();
                throw new VisaConnectionLostException(ResourceName, $"the instrument ended the HiSLIP session (FatalError {header.ControlCode}, {(HiSlipFatalError)header.ControlCode}): {Encoding.ASCII.GetString(fatal)}");
            case HiSlipMessageType.Interrupted when header.Parameter == _lastSentMessageId:
                throw new VisaException(ResourceName, "the instrument interrupted the query and discarded its response (HiSLIP Interrupted, IEEE 488.2 -410).");
            default:
                await _sync.SkipPayloadAsync(header.PayloadLength, token);
                return false;
        }
    }

    private void Break()
    {
        _broken = true;
        _sync.Socket.Dispose();
        _async.Socket.Dispose();
    }
}
