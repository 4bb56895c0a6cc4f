using System.Buffers.Binary;
using System.Text;
using SpaceTestBench.Visa.Protocols.HiSlip;

namespace SpaceTestBench.Visa.Servers;

/// <summary>The asynchronous channel of a HiSLIP session: maximum message size, status, device clear, locks (IVI-6.1 §6).</summary>
internal sealed partial class HiSlipServerSession
{
    private const int MaxLockKeyLength = 256;

    private async Task AsynchronousLoopAsync(CancellationToken cancellationToken)
    {
        var channel = _async!;
        while (true)
        {
            HiSlipHeader header;
            try
            {
                header = await channel.ReadHeaderAsync(cancellationToken);
            }
            catch (HiSlipFormatException e)
            {
                await FatalAsync(channel, HiSlipFatalError.PoorlyFormedHeader, e.Message, cancellationToken);
                return;
            }

            switch (header.Type)
            {
                case HiSlipMessageType.AsyncMaximumMessageSize:
                    if (header.PayloadLength != 8)
                    {
                        await RefusePayloadAsync(channel, header, "AsyncMaximumMessageSize carries an 8-byte size", cancellationToken);
                        break;
                    }

                    var size = await channel.ReadPayloadAsync(header.PayloadLength, 8, cancellationToken);
                    lock (_gate)
                    {
                        _clientMaximum = size.Length == 8 ? (long)Math.Min(BinaryPrimitives.ReadUInt64BigEndian(size), long.MaxValue) : DefaultClientMaximum;
                    }

                    var ours = new byte[8];
                    BinaryPrimitives.WriteUInt64BigEndian(ours, (ulong)_server.Options.MaximumMessageSize);
                    await channel.SendAsync(HiSlipMessageType.AsyncMaximumMessageSizeResponse, 0, 0, ours, cancellationToken);
                    break;
                case HiSlipMessageType.AsyncStatusQuery:
                    await channel.SkipPayloadAsync(header.PayloadLength, cancellationToken);
                    await channel.SendAsync(HiSlipMessageType.AsyncStatusResponse, StatusByte(header), 0, cancellationToken);
                    break;
                case HiSlipMessageType.AsyncDeviceClear:
                    await channel.SkipPayloadAsync(header.PayloadLength, cancellationToken);
                    BeginDeviceClear();
                    await channel.SendAsync(HiSlipMessageType.AsyncDeviceClearAcknowledge, 0, 0, cancellationToken);
                    break;
                case HiSlipMessageType.AsyncLock:
                    await LockAsync(channel, header, cancellationToken);
                    break;
                case HiSlipMessageType.AsyncLockInfo:
                    await channel.SkipPayloadAsync(header.PayloadLength, cancellationToken);
                    var (exclusive, holders) = _lock.Info;
                    await channel.SendAsync(HiSlipMessageType.AsyncLockInfoResponse, exclusive ? (byte)1 : (byte)0, (uint)holders, cancellationToken);
                    break;
                case HiSlipMessageType.AsyncRemoteLocalControl:
                    // A simulator has no front panel to lock out; the transaction still completes.
                    await channel.SkipPayloadAsync(header.PayloadLength, cancellationToken);
                    await channel.SendAsync(HiSlipMessageType.AsyncRemoteLocalResponse, 0, 0, cancellationToken);
                    break;
                case HiSlipMessageType.AsyncInitialize:
                    await FatalAsync(channel, HiSlipFatalError.InvalidInitializationSequence, "the session is already initialized.", cancellationToken);
                    return;
                case HiSlipMessageType.FatalError:
                    return;
                default:
                    await channel.SkipPayloadAsync(header.PayloadLength, cancellationToken);
                    await ErrorAsync(channel, Unexpected(header.Type)!.Value, $"message type {(byte)header.Type} is not accepted on the asynchronous channel.", cancellationToken);
                    break;
            }
        }
    }

    /// <summary>A payload of the wrong size is read and dropped and the message refused with Error (IVI-6.1 §6.3); the session goes on.</summary>
    private static async Task RefusePayloadAsync(HiSlipChannel channel, HiSlipHeader header, string rule, CancellationToken cancellationToken)
    {
        await channel.SkipPayloadAsync(header.PayloadLength, cancellationToken);
        await ErrorAsync(channel, HiSlipError.Unidentified, $"{header.Type} with a {header.PayloadLength}-byte payload: {rule}.", cancellationToken);
    }

    /// <summary>IVI-6.1 §6.14 AsyncStatusQuery: MAV only while the response to the MessageID asked about is unread.</summary>
    private byte StatusByte(HiSlipHeader query)
    {
        bool messageAvailable;
        lock (_gate)
        {
            if ((query.ControlCode & HiSlipHeader.RmtDelivered) != 0)
            {
                _rmtExpected = false;
            }

            messageAvailable = _rmtExpected && query.Parameter == _lastReceived;
        }

        return Device.ReadStatusByte(messageAvailable);
    }

    private void BeginDeviceClear()
    {
        lock (_gate)
        {
            _clearing = true;
            _waiting?.Cancel();
        }
    }

    /// <summary>IVI-6.1 §6.5 AsyncLock: control code 1 requests (parameter = timeout in ms, payload = shared key or empty for exclusive), 0 releases.</summary>
    private async Task LockAsync(HiSlipChannel channel, HiSlipHeader header, CancellationToken cancellationToken)
    {
        if (header.PayloadLength > MaxLockKeyLength)
        {
            await RefusePayloadAsync(channel, header, $"a lock key has at most {MaxLockKeyLength} bytes", cancellationToken);
            return;
        }

        var payload = await channel.ReadPayloadAsync(header.PayloadLength, MaxLockKeyLength, cancellationToken);
        byte response;
        switch (header.ControlCode)
        {
            case 1:
                var timeout = TimeSpan.FromMilliseconds(header.Parameter);
                var key = Encoding.ASCII.GetString(payload);
                response = key.Length == 0
                    ? (await _lock.AcquireExclusiveAsync(this, timeout, cancellationToken) ? (byte)1 : (byte)0)
                    : (await _lock.AcquireSharedAsync(this, key, timeout, cancellationToken) ? (byte)2 : (byte)0);
                break;
            case 0:
                response = _lock.Release(this) switch
                {
                    LockRelease.Exclusive => 1,
                    LockRelease.Shared => 2,
                    _ => 3,
                };
                break;
            default:
                await ErrorAsync(channel, HiSlipError.UnrecognizedControlCode, $"AsyncLock control code {header.ControlCode} is neither 0 (release) nor 1 (request).", cancellationToken);
                return;
        }

        await channel.SendAsync(HiSlipMessageType.AsyncLockResponse, response, 0, cancellationToken);
    }
}
