using System.Buffers;

namespace SpaceTestBench.Visa.Servers;

/// <summary>
/// The input buffer of one client: bytes arrive in pieces (TCP segments, VXI-11 writes, HiSLIP Data
/// messages) and leave as complete program messages. A message ends at an LF outside strings and blocks
/// (IEEE 488.2 §7.5) or, where the protocol has END, at the END of a write — so clients that send
/// either (lxi sends END without LF, pyvisa-py LF without END) are both understood.
/// </summary>
internal sealed class ProgramMessageBuffer(int maxMessageBytes) : IDisposable
{
    private byte[] _data = ArrayPool<byte>.Shared.Rent(4096);
    private int _start;
    private int _count;

    public int MaxMessageBytes { get; } = maxMessageBytes;

    /// <summary>Bytes held (a message in progress).</summary>
    public int Count => _count - _start;

    /// <summary>Space for at least <paramref name="sizeHint"/> more bytes; false if that would exceed the limit.</summary>
    public bool TryGetSpace(int sizeHint, out Memory<byte> space)
    {
        if (Count + sizeHint > MaxMessageBytes)
        {
            space = default;
            return false;
        }

        Reserve(sizeHint);
        space = _data.AsMemory(_count);
        return true;
    }

    public void Advance(int count) => _count += count;

    /// <summary>Appends bytes; false (nothing appended) if the message would exceed the limit.</summary>
    public bool TryAppend(ReadOnlySpan<byte> bytes)
    {
        if (Count + bytes.Length > MaxMessageBytes)
        {
            return false;
        }

        Reserve(bytes.Length);
        bytes.CopyTo(_data.AsSpan(_count));
        _count += bytes.Length;
        return true;
    }

    /// <summary>
    /// The next complete message (LF-ended, or the rest of the buffer when <paramref name="end"/>), without
    /// its terminator; false when no complete message is held. The span is valid until the next call.
    /// </summary>
    public bool TryTakeMessage(bool end, out ReadOnlySpan<byte> message)
    {
        var pending = _data.AsSpan(_start, _count - _start);
        var lf = MessageFramer.FindMessageEnd(pending);
        if (lf >= 0)
        {
            message = pending[..lf];
            _start += lf + 1;
            Compact();
            return true;
        }

        if (end && pending.Length > 0)
        {
            message = pending;
            _start = _count;
            Compact();
            return true;
        }

        message = default;
        Compact();
        return false;
    }

    public void Clear() => _start = _count = 0;

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_data);
        _data = [];
    }

    private void Compact()
    {
        if (_start == _count)
        {
            // Nothing pending: the span just returned still points into the buffer, so only reset offsets.
            _start = _count = 0;
        }
    }

    private void Reserve(int more)
    {
        if (_start > 0 && _count + more > _data.Length)
        {
            _data.AsSpan(_start, _count - _start).CopyTo(_data);
            _count -= _start;
            _start = 0;
        }

        if (_count + more > _data.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_count + more, _data.Length * 2));
            _data.AsSpan(0, _count).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_data);
            _data = larger;
        }
    }
}
