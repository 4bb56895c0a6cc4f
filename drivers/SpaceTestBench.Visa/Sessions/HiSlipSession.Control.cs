using System.Text;
using SpaceTestBench.Visa.Protocols.HiSlip;

namespace SpaceTestBench.Visa.Sessions;

/// <summary>The asynchronous-channel transactions of a HiSLIP session: status, device clear, locks.</summary>
public sealed partial class HiSlipSession
{
    /// <inheritdoc />
    public override async Task<StatusByteFlags> ReadStatusByteAsync(CancellationToken cancellationToken = default)
    {
        // IVI-6.1 §6.14: control code = RMT-delivered, parameter = the last MessageID sent.
        var response = await AsyncTransactionAsync(
            HiSlipMessageType.AsyncStatusQuery, TakeRmtDelivered(), _lastSentMessageId, default, HiSlipMessageType.AsyncStatusResponse, "read the status byte", cancellationToken);
        return (StatusByteFlags)response.ControlCode;
    }

    /// <inheritdoc />
    public override async Task ClearAsync(CancellationToken cancellationToken = default)
    {
        FormattedIO.DiscardBuffers();

        // IVI-6.1 §6.12: AsyncDeviceClear → AsyncDeviceClearAcknowledge, then DeviceClearComplete on the
        // synchronous channel, discarding what arrives there until DeviceClearAcknowledge.
        await AsyncTransactionAsync(
            HiSlipMessageType.AsyncDeviceClear, 0, 0, default, HiSlipMessageType.AsyncDeviceClearAcknowledge, "clear the device", cancellationToken);
        await SynchronousAsync(
            async token =>
            {
                await _sync.SendAsync(HiSlipMessageType.DeviceClearComplete, 0, 0, token); // feature bitmap 0: synchronized mode
                await _sync.SkipPayloadAsync((ulong)_messageRemaining, token);
                while (true)
                {
                    var header = await _sync.ReadHeaderAsync(token);
                    await _sync.SkipPayloadAsync(header.PayloadLength, token);
                    if (header.Type == HiSlipMessageType.DeviceClearAcknowledge)
                    {
                        break;
                    }
                }

                _nextMessageId = HiSlipHeader.FirstMessageId;
                _lastSentMessageId = HiSlipHeader.FirstMessageId - 2;
                _rmtDelivered = false;
                _messageRemaining = 0;
                _messageIsEnd = true;
                _discardCurrentMessage = false;
                _discardResponseId = null;
            },
            "complete the device clear",
            cancellationToken);
    }

    /// <inheritdoc />
    public override async Task<string?> LockResourceAsync(int timeoutMilliseconds, string? sharedKey = null, CancellationToken cancellationToken = default)
    {
        // IVI-6.1 §6.5: control code 1 = request, parameter = timeout (ms), payload = shared key (empty: exclusive).
        var wait = timeoutMilliseconds < 0 ? uint.MaxValue : (uint)timeoutMilliseconds;
        var response = await AsyncTransactionAsync(
            HiSlipMessageType.AsyncLock, 1, wait, Encoding.ASCII.GetBytes(sharedKey ?? ""), HiSlipMessageType.AsyncLockResponse, "lock the resource", cancellationToken,
            timeoutMilliseconds < 0 || TimeoutMilliseconds < 0 ? Timeout.Infinite : timeoutMilliseconds + TimeoutMilliseconds);
        switch (response.ControlCode)
        {
            case 1:
                LockState = ResourceLockState.ExclusiveLock;
                return null;
            case 2:
                LockState = ResourceLockState.SharedLock;
                return sharedKey;
            case 0:
                throw new VisaResourceLockedException(ResourceName, $"another session held the instrument's lock for the whole {timeoutMilliseconds} ms (HiSLIP AsyncLockResponse: failure).");
            default:
                throw new VisaResourceLockedException(ResourceName, $"the instrument refused the lock request (HiSLIP AsyncLockResponse {response.ControlCode}).");
        }
    }

    /// <inheritdoc />
    public override async Task UnlockResourceAsync(CancellationToken cancellationToken = default)
    {
        var response = await AsyncTransactionAsync(
            HiSlipMessageType.AsyncLock, 0, _lastSentMessageId, default, HiSlipMessageType.AsyncLockResponse, "unlock the resource", cancellationToken);
        if (response.ControlCode is not (1 or 2))
        {
            throw new VisaResourceLockedException(ResourceName, "this session holds no lock to release (HiSLIP AsyncLockResponse: error).");
        }

        LockState = ResourceLockState.Unlocked;
    }

    /// <summary>How many sessions hold a lock on the instrument, and whether one holds it exclusively (HiSLIP AsyncLockInfo).</summary>
    public async Task<(bool Exclusive, int Holders)> ReadLockInfoAsync(CancellationToken cancellationToken = default)
    {
        var response = await AsyncTransactionAsync(
            HiSlipMessageType.AsyncLockInfo, 0, 0, default, HiSlipMessageType.AsyncLockInfoResponse, "read the lock state", cancellationToken);
        return (response.ControlCode == 1, (int)response.Parameter);
    }

    /// <summary>One request and its response on the asynchronous channel; unsolicited messages in between are skipped.</summary>
    private async Task<HiSlipHeader> AsyncTransactionAsync(
        HiSlipMessageType request, byte controlCode, uint parameter, ReadOnlyMemory<byte> payload, HiSlipMessageType expected, string operation,
        CancellationToken cancellationToken, int? deadline = null)
    {
        if (_broken)
        {
            throw new VisaConnectionLostException(ResourceName, "the session was closed after an interrupted transfer left the HiSLIP channel out of step; open it again.");
        }

        var token = BeginOperation(cancellationToken, deadline);
        try
        {
            await _async.SendAsync(request, controlCode, parameter, payload, token);
            while (true)
            {
                var header = await _async.ReadHeaderAsync(token);
                if (header.Type == expected)
                {
                    await _async.SkipPayloadAsync(header.PayloadLength, token);
                    return header;
                }

                var text = await _async.ReadPayloadAsync(Math.Min(header.PayloadLength, 4096), 4096, token);
                await _async.SkipPayloadAsync(header.PayloadLength - (ulong)text.Length, token);
                switch (header.Type)
                {
                    case HiSlipMessageType.FatalError:
                        Break();
                        throw new VisaConnectionLostException(ResourceName, $"the instrument ended the HiSLIP session (FatalError {header.ControlCode}): {Encoding.ASCII.GetString(text)}");
                    case HiSlipMessageType.Error:
                        throw new VisaProtocolException(ResourceName, $"the instrument reported HiSLIP error {header.ControlCode} ({(HiSlipError)header.ControlCode}) to {request}: {Encoding.ASCII.GetString(text)}");
                }

                // AsyncServiceRequest, AsyncInterrupted: unsolicited, not an answer.
            }
        }
        catch (HiSlipFormatException e)
        {
            Break();
            throw new VisaProtocolException(ResourceName, $"HiSLIP: {e.Message}", e);
        }
        catch (Exception e) when (IsTranslatable(e, cancellationToken))
        {
            Break(); // the answer to this request may still come and would be taken for the next one's
            throw Translate(e, operation, cancellationToken);
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

    private async Task SynchronousAsync(Func<CancellationToken, Task> action, string operation, CancellationToken cancellationToken)
    {
        var token = Begin(cancellationToken);
        try
        {
            await action(token);
        }
        catch (HiSlipFormatException e)
        {
            Break();
            throw new VisaProtocolException(ResourceName, $"HiSLIP: {e.Message}", e);
        }
        catch (Exception e) when (IsTranslatable(e, cancellationToken))
        {
            Break();
            throw Translate(e, operation, cancellationToken);
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
}
