using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using SpaceTestBench.Visa.Resources;

namespace SpaceTestBench.Visa.Sessions;

/// <summary>IEEE 488.2 §8.7.9 arbitrary block data: definite (<c>#&lt;n&gt;&lt;length&gt;&lt;bytes&gt;</c>) and indefinite (<c>#0&lt;bytes&gt;NL^END</c>).</summary>
public sealed partial class MessageBasedFormattedIO
{
    /// <summary>
    /// Reads one arbitrary block into <paramref name="destination"/> and returns its length in bytes. The
    /// bytes go straight from the transport into <paramref name="destination"/>; nothing is copied twice.
    /// With <paramref name="seekToBlock"/>, bytes before the '#' are skipped (e.g. a header echo).
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<int> ReadBinaryBlockAsync(Memory<byte> destination, bool seekToBlock = false, CancellationToken cancellationToken = default)
    {
        var length = await ReadBlockHeaderAsync(seekToBlock, cancellationToken);
        if (length < 0)
        {
            var data = await ReadIndefiniteBlockAsync(cancellationToken);
            if (data.Length > destination.Length)
            {
                throw new VisaProtocolException(_session.ResourceName, $"the indefinite-length block holds {data.Length} bytes; the destination holds {destination.Length}.");
            }

            data.CopyTo(destination);
            return data.Length;
        }

        if (length > destination.Length)
        {
            await SkipBytesAsync(length, cancellationToken);
            throw new ArgumentException($"{_session.ResourceName}: the block holds {length} bytes; the destination holds only {destination.Length}. The block was discarded.", nameof(destination));
        }

        await ReadBlockBodyAsync(destination[..(int)length], cancellationToken);
        await ReadBlockTerminatorAsync(cancellationToken);
        return (int)length;
    }

    /// <summary>
    /// Reads one arbitrary block of <typeparamref name="T"/> elements (byte, sbyte, int16, uint16, int32,
    /// uint32, int64, uint64, float32, float64) in <paramref name="byteOrder"/> (default
    /// <see cref="BinaryByteOrder"/>) (IVI <c>ReadBinaryBlockOf&lt;T&gt;</c>).
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<T[]> ReadBinaryBlockOfAsync<T>(ByteOrder? byteOrder = null, bool seekToBlock = false, CancellationToken cancellationToken = default)
        where T : unmanaged
    {
        var size = BlockElements.ElementSize<T>();
        var length = await ReadBlockHeaderAsync(seekToBlock, cancellationToken);
        T[] result;
        if (length < 0)
        {
            var data = await ReadIndefiniteBlockAsync(cancellationToken);
            CheckMultiple(data.Length, size);
            result = MemoryMarshal.Cast<byte, T>(data).ToArray();
        }
        else
        {
            CheckMultiple(length, size);
            if (length / size > Array.MaxLength)
            {
                await SkipBytesAsync(length, cancellationToken);
                throw new VisaProtocolException(_session.ResourceName, $"the block announces {length} bytes, more than one array can hold; it was discarded.");
            }

            result = GC.AllocateUninitializedArray<T>((int)(length / size));
            using (var view = new ArrayByteMemory<T>(result))
            {
                await ReadBlockBodyAsync(view.Memory, cancellationToken);
            }

            await ReadBlockTerminatorAsync(cancellationToken);
        }

        BlockElements.ToMachineOrder<T>(MemoryMarshal.AsBytes(result.AsSpan()), byteOrder ?? BinaryByteOrder);
        return result;
    }

    /// <summary>Writes a query and reads a block of <typeparamref name="T"/> from its response.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<T[]> QueryBinaryBlockOfAsync<T>(string query, ByteOrder? byteOrder = null, CancellationToken cancellationToken = default)
        where T : unmanaged
    {
        await WriteLineAsync(query, cancellationToken);
        return await ReadBinaryBlockOfAsync<T>(byteOrder, seekToBlock: false, cancellationToken);
    }

    private void CheckMultiple(long length, int size)
    {
        if (length % size != 0)
        {
            throw new VisaProtocolException(_session.ResourceName, $"the block holds {length} bytes, not a whole number of {size}-byte elements.");
        }
    }

    /// <summary>Parses "#" n digits; returns the length, or -1 for an indefinite block (#0).</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<long> ReadBlockHeaderAsync(bool seekToBlock, CancellationToken cancellationToken)
    {
        byte first;
        var skipped = 0;
        while (true)
        {
            first = await ReadByteAsync("the '#' of a block", cancellationToken);
            if (first == '#')
            {
                break;
            }

            if (!seekToBlock && first is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            {
                await DiscardMessageAsync(cancellationToken);
                throw new VisaProtocolException(_session.ResourceName, $"expected an arbitrary block starting with '#', but the response starts with '{(char)first}'.");
            }

            if (++skipped > MaxResponseBytes)
            {
                throw new VisaProtocolException(_session.ResourceName, "no block ('#') found in the response.");
            }
        }

        var digitCount = await ReadByteAsync("the length digit count of a block", cancellationToken);
        if (digitCount is < (byte)'0' or > (byte)'9')
        {
            await DiscardMessageAsync(cancellationToken);
            throw new VisaProtocolException(_session.ResourceName, $"a block header '#{(char)digitCount}' has no digit count (IEEE 488.2 §8.7.9: #<n><length>).");
        }

        if (digitCount == '0')
        {
            if (_session.Resource.Protocol == LanProtocol.Socket || _session.Resource.Interface == InterfaceType.Asrl)
            {
                await DiscardMessageAsync(cancellationToken);
                throw new VisaProtocolException(_session.ResourceName, "the instrument sent an indefinite-length block (#0), which a raw socket or serial line cannot delimit (neither has END); select a definite-length format on the instrument.");
            }

            return -1;
        }

        long length = 0;
        for (var i = 0; i < digitCount - '0'; i++)
        {
            var digit = await ReadByteAsync("the length of a block", cancellationToken);
            if (digit is < (byte)'0' or > (byte)'9')
            {
                await DiscardMessageAsync(cancellationToken);
                throw new VisaProtocolException(_session.ResourceName, $"a block length contains '{(char)digit}', not a digit.");
            }

            length = (length * 10) + (digit - '0');
        }

        return length;
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<byte> ReadByteAsync(string what, CancellationToken cancellationToken)
    {
        if (_start == _end)
        {
            if (_messageEndsAtEnd && _boundaryKnown)
            {
                _messageEndsAtEnd = _endReceivedAtEnd = false;
                throw new VisaProtocolException(_session.ResourceName, $"the response ended before {what}.");
            }

            await FillAsync(cancellationToken);
            if (_start == _end)
            {
                _messageEndsAtEnd = _endReceivedAtEnd = false;
                throw new VisaProtocolException(_session.ResourceName, $"the response ended before {what}.");
            }
        }

        return _buffer[_start++];
    }

    /// <summary>Fills <paramref name="destination"/> from the buffer, then straight from the transport with the termination character off.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask ReadBlockBodyAsync(Memory<byte> destination, CancellationToken cancellationToken)
    {
        var buffered = Math.Min(_end - _start, destination.Length);
        _buffer.AsSpan(_start, buffered).CopyTo(destination.Span);
        _start += buffered;
        var filled = buffered;
        if (filled == destination.Length)
        {
            return;
        }

        if (_endReceivedAtEnd)
        {
            _messageEndsAtEnd = _endReceivedAtEnd = false;
            throw Truncated(destination.Length, filled);
        }

        var termination = _session.TerminationCharacterEnabled;
        _session.TerminationCharacterEnabled = false;
        try
        {
            while (filled < destination.Length)
            {
                var result = await _session.RawIO.ReadAsync(destination[filled..], cancellationToken);
                filled += result.Count;
                _start = _end = 0;
                _messageEndsAtEnd = result.IsMessageComplete;
                _endReceivedAtEnd = result.Status == ReadStatus.EndReceived;
                _boundaryKnown = result.Status != ReadStatus.Unknown;
                if (result.IsMessageComplete && filled < destination.Length)
                {
                    _messageEndsAtEnd = _endReceivedAtEnd = false;
                    throw Truncated(destination.Length, filled);
                }

                if (result.Count == 0 && !result.IsMessageComplete)
                {
                    throw new VisaProtocolException(_session.ResourceName, "the transport returned no data and no end of message.");
                }
            }
        }
        finally
        {
            _session.TerminationCharacterEnabled = termination;
        }
    }

    private VisaProtocolException Truncated(long expected, long received) =>
        new(_session.ResourceName, $"the block is truncated: its header announced {expected} bytes but the message ended after {received}.");

    /// <summary>IEEE 488.2 §8.7.9: a block is followed by the response terminator NL (accept CR NL), or by ';' / ',' when more elements follow.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask ReadBlockTerminatorAsync(CancellationToken cancellationToken)
    {
        if (_start == _end && _endReceivedAtEnd)
        {
            _messageEndsAtEnd = _endReceivedAtEnd = false;
            return;
        }

        var next = await PeekByteAsync(cancellationToken);
        if (next == '\r')
        {
            _start++;
            next = await PeekByteAsync(cancellationToken);
        }

        if (next == '\n')
        {
            _start++;
        }

        if (next is '\n' or < 0)
        {
            if (_start == _end)
            {
                _messageEndsAtEnd = _endReceivedAtEnd = false;
            }

            return;
        }

        if (next is not (';' or ','))
        {
            await DiscardMessageAsync(cancellationToken);
            throw new VisaProtocolException(_session.ResourceName, $"unexpected '{(char)next}' after the block; its length header and its data disagree.");
        }
    }

    /// <summary>The next byte of the current message without consuming it, or -1 at its end.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<int> PeekByteAsync(CancellationToken cancellationToken)
    {
        if (_start == _end)
        {
            if (_endReceivedAtEnd)
            {
                return -1;
            }

            await FillAsync(cancellationToken);
            if (_start == _end)
            {
                return -1;
            }
        }

        return _buffer[_start];
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<byte[]> ReadIndefiniteBlockAsync(CancellationToken cancellationToken)
    {
        // IEEE 488.2 §8.7.10: #0 <bytes> NL^END, so the block runs to the end of the message.
        var termination = _session.TerminationCharacterEnabled;
        _session.TerminationCharacterEnabled = false;
        try
        {
            var count = await ReadMessageAsync(stripTerminator: false, cancellationToken);
            if (count > 0 && _line[count - 1] == '\n')
            {
                count--;
            }

            return _line.AsSpan(0, count).ToArray();
        }
        finally
        {
            _session.TerminationCharacterEnabled = termination;
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask SkipBytesAsync(long count, CancellationToken cancellationToken)
    {
        var scratch = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            while (count > 0)
            {
                var chunk = (int)Math.Min(count, scratch.Length);
                await ReadBlockBodyAsync(scratch.AsMemory(0, chunk), cancellationToken);
                count -= chunk;
            }

            await ReadBlockTerminatorAsync(cancellationToken);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }

    /// <summary>After a malformed response, reads to its end so the next read starts on a message boundary.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask DiscardMessageAsync(CancellationToken cancellationToken)
    {
        if (_start == _end && _messageEndsAtEnd)
        {
            _messageEndsAtEnd = _endReceivedAtEnd = false;
            return;
        }

        var max = MaxResponseBytes;
        MaxResponseBytes = 0;
        try
        {
            await ReadMessageAsync(stripTerminator: false, cancellationToken);
        }
        catch (VisaProtocolException)
        {
            // The overflow report of a message read only to be discarded.
        }
        finally
        {
            MaxResponseBytes = max;
        }
    }
}
