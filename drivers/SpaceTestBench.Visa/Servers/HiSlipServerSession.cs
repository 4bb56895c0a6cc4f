using System.Text;
using SpaceTestBench.Visa.Protocols.HiSlip;

namespace SpaceTestBench.Visa.Servers;

/// <summary>
/// One HiSLIP session: its two channels, its device session and the synchronized-mode state of IVI-6.1
/// §3.1 (RMT-expected, the last MessageID received, device clear in progress). Either channel ending ends
/// the session and releases its locks.
/// </summary>
internal sealed partial class HiSlipServerSession : IDisposable
{
    // IVI-6.1 §6.14: before any message the MessageID compared by AsyncStatusQuery is 0xFFFFFF00 - 2.
    private const uint NoMessageYet = HiSlipHeader.FirstMessageId - 2;
    private const long DefaultClientMaximum = 1 << 20;

    private readonly HiSlipServer _server;
    private readonly DeviceLock _lock;
    private readonly HiSlipChannel _sync;
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _closing = new();
    private readonly ProgramMessageBuffer _input;
    private readonly OutputQueue _output = new();
    private HiSlipChannel? _async;
    private bool _rmtExpected;
    private uint _lastReceived = NoMessageYet;
    private bool _clearing;
    private long _clientMaximum = DefaultClientMaximum;
    private CancellationTokenSource? _waiting;
    private int _closed;

    public HiSlipServerSession(HiSlipServer server, ushort id, IDeviceSession device, DeviceLock deviceLock, HiSlipChannel sync)
    {
        _server = server;
        Id = id;
        Device = device;
        _lock = deviceLock;
        _sync = sync;
        _input = new ProgramMessageBuffer(server.Options.MaxMessageBytes, server.Options.MessageMemory);
    }

    public ushort Id { get; }

    public IDeviceSession Device { get; }

    public bool TryAttachAsynchronous(HiSlipChannel channel)
    {
        lock (_gate)
        {
            if (_async is not null || _closing.IsCancellationRequested)
            {
                return false;
            }

            _async = channel;
            return true;
        }
    }

    public void Dispose() => Close();

    public async Task RunSynchronousAsync(CancellationToken stopping)
    {
        using var linked = Link(stopping);
        try
        {
            await SynchronousLoopAsync(linked.Token);
        }
        finally
        {
            Close();
        }
    }

    public async Task RunAsynchronousAsync(CancellationToken stopping)
    {
        using var linked = Link(stopping);
        try
        {
            await AsynchronousLoopAsync(linked.Token);
        }
        finally
        {
            Close();
        }
    }

    private CancellationTokenSource Link(CancellationToken stopping)
    {
        lock (_gate)
        {
            return _closed != 0 ? new CancellationTokenSource() : CancellationTokenSource.CreateLinkedTokenSource(stopping, _closing.Token);
        }
    }

    private static HiSlipError? Unexpected(HiSlipMessageType type) =>
        (byte)type >= 128 ? HiSlipError.UnrecognizedVendorDefinedMessage : HiSlipError.UnrecognizedMessageType;

    private static ValueTask ErrorAsync(HiSlipChannel channel, HiSlipError code, string text, CancellationToken cancellationToken) =>
        channel.SendAsync(HiSlipMessageType.Error, (byte)code, 0, Encoding.ASCII.GetBytes(text), cancellationToken);

    private static ValueTask FatalAsync(HiSlipChannel channel, HiSlipFatalError code, string text, CancellationToken cancellationToken) =>
        channel.SendAsync(HiSlipMessageType.FatalError, (byte)code, 0, Encoding.ASCII.GetBytes(text), cancellationToken);

    private async Task SynchronousLoopAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            HiSlipHeader header;
            try
            {
                header = await _sync.ReadHeaderAsync(cancellationToken);
            }
            catch (HiSlipFormatException e)
            {
                await FatalAsync(_sync, HiSlipFatalError.PoorlyFormedHeader, e.Message, cancellationToken);
                return;
            }

            switch (header.Type)
            {
                case HiSlipMessageType.Data or HiSlipMessageType.DataEnd or HiSlipMessageType.Trigger:
                    if (_async is null)
                    {
                        await FatalAsync(_sync, HiSlipFatalError.ChannelsNotEstablished, "the asynchronous channel is not established (IVI-6.1 §6.1).", cancellationToken);
                        return;
                    }

                    await ProgramMessageAsync(header, cancellationToken);
                    break;
                case HiSlipMessageType.DeviceClearComplete:
                    await _sync.SkipPayloadAsync(header.PayloadLength, cancellationToken);
                    CompleteDeviceClear();
                    await _sync.SendAsync(HiSlipMessageType.DeviceClearAcknowledge, 0, 0, cancellationToken);
                    break;
                case HiSlipMessageType.FatalError:
                    return; // the client gives up on the session
                case HiSlipMessageType.Error:
                    await _sync.SkipPayloadAsync(header.PayloadLength, cancellationToken);
                    break;
                default:
                    await _sync.SkipPayloadAsync(header.PayloadLength, cancellationToken);
                    await ErrorAsync(_sync, Unexpected(header.Type)!.Value, $"message type {(byte)header.Type} is not accepted on the synchronous channel.", cancellationToken);
                    break;
            }
        }
    }

    /// <summary>Data, DataEND and Trigger (IVI-6.1 §6.6–6.9) in synchronized mode (§3.1.1).</summary>
    private async Task ProgramMessageAsync(HiSlipHeader header, CancellationToken cancellationToken)
    {
        bool interrupted;
        bool clearing;
        lock (_gate)
        {
            // IVI-6.1 §3.1.1: a message without RMT-delivered while a response is unread interrupts that query.
            var rmtDelivered = (header.ControlCode & HiSlipHeader.RmtDelivered) != 0;
            interrupted = _rmtExpected && !rmtDelivered;
            _rmtExpected = false;
            _lastReceived = header.Parameter;
            clearing = _clearing;
        }

        if (header.PayloadLength > (ulong)_server.Options.MaximumMessageSize)
        {
            await _sync.SkipPayloadAsync(header.PayloadLength, cancellationToken);
            await ErrorAsync(_sync, HiSlipError.MessageTooLarge, $"the payload of {header.PayloadLength} bytes exceeds the maximum message size of {_server.Options.MaximumMessageSize}.", cancellationToken);
            return;
        }

        if (clearing || !await WaitForLockAsync(cancellationToken))
        {
            await _sync.SkipPayloadAsync(header.PayloadLength, cancellationToken);
            return; // IVI-6.1 §6.12: between AsyncDeviceClear and DeviceClearComplete messages are discarded
        }

        if (interrupted)
        {
            _output.Clear();
            Device.ReportMessageExchangeError(MessageExchangeError.QueryInterrupted);
        }

        if (header.Type == HiSlipMessageType.Trigger)
        {
            await _sync.SkipPayloadAsync(header.PayloadLength, cancellationToken);
            Device.Trigger();
            return;
        }

        var length = (int)header.PayloadLength;
        if (!_input.TryGetSpace(length, out var space))
        {
            await _sync.SkipPayloadAsync(header.PayloadLength, cancellationToken);
            _input.Clear();
            var why = _input.Count + length > _input.MaxMessageBytes
                ? $"the program message exceeds {_input.MaxMessageBytes} bytes."
                : $"the server's clients together hold {_server.Options.MessageMemory.HeldBytes} of the {_server.Options.MessageMemory.TotalBytes} bytes of unfinished messages they may; send it again later or in a smaller message.";
            await ErrorAsync(_sync, HiSlipError.MessageTooLarge, why, cancellationToken);
            return;
        }

        await _sync.Reader.ReadExactAsync(space[..length], cancellationToken);
        _input.Advance(length);
        var end = header.Type == HiSlipMessageType.DataEnd;
        while (_input.TryTakeMessage(end, out var message))
        {
            _output.Detach();
            _output.Add(Device.ExecuteSequence(message));
        }

        if (end && _output.HasData)
        {
            await SendResponseAsync(header.Parameter, cancellationToken);
        }
    }

    /// <summary>Sends the response as Data messages no larger than the client accepts, the last one DataEND, all carrying the request's MessageID.</summary>
    private async Task SendResponseAsync(uint messageId, CancellationToken cancellationToken)
    {
        long maximum;
        lock (_gate)
        {
            // Headers count against the client's maximum on some clients (pyvisa-py): stay under it either way.
            maximum = Math.Max(1, _clientMaximum - HiSlipHeader.Size);
        }

        while (_output.Length > maximum)
        {
            await _sync.SendAsync(new HiSlipHeader(HiSlipMessageType.Data, 0, messageId, (ulong)maximum), _output.Peek(maximum), cancellationToken);
            _output.Advance(maximum);
        }

        var last = _output.Peek(_output.Length);
        await _sync.SendAsync(new HiSlipHeader(HiSlipMessageType.DataEnd, 0, messageId, (ulong)last.Length), last, cancellationToken);
        _output.Clear();
        lock (_gate)
        {
            _rmtExpected = true;
        }
    }

    private async Task<bool> WaitForLockAsync(CancellationToken cancellationToken)
    {
        if (_lock.Permits(this))
        {
            return true;
        }

        // Another client holds the lock: wait for it (the client's own timeout bounds the wait) unless a
        // device clear or the end of the session comes first.
        var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        lock (_gate)
        {
            _waiting = waiting;
        }

        try
        {
            return await _lock.WaitPermittedAsync(this, Timeout.InfiniteTimeSpan, waiting.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
        finally
        {
            lock (_gate)
            {
                _waiting = null;
            }

            waiting.Dispose();
        }
    }

    private void CompleteDeviceClear()
    {
        lock (_gate)
        {
            _clearing = false;
            _rmtExpected = false;
            _lastReceived = NoMessageYet;
        }

        _input.Clear();
        _output.Clear();
        Device.Clear();
    }

    private void Close()
    {
        lock (_gate)
        {
            if (_closed != 0)
            {
                return;
            }

            _closed = 1;
        }

        _closing.Cancel();
        _server.Remove(this);
        _lock.ReleaseAll(this);
        _sync.Socket.Dispose();
        lock (_gate)
        {
            _async?.Socket.Dispose();
        }

        _input.Dispose();
        Device.Dispose();
        _closing.Dispose();
    }
}
