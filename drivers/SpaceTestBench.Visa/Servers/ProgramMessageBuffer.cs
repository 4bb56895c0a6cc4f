using System.Buffers;

namespace SpaceTestBench.Visa.Servers;

/// <summary>
/// The input buffer of one client: bytes arrive in pieces (TCP segments, VXI-11 writes, HiSLIP Data
/// messages) and leave as complete program messages. A message ends at an LF outside strings and blocks
/// (IEEE 488.2 §7.5) or, where the protocol has END, at the END of a write — so clients that send
/// either (lxi sends END without LF, pyvisa-py LF without END) are both understood.
/// </summary>
/// <remarks>
/// Memory is bounded three ways: a message may not grow past <see cref="MaxMessageBytes"/>; what the buffer
/// holds beyond its first few kilobytes is taken from the server's <see cref="MessageMemoryBudget"/>, shared by
/// every connection; and a buffer grown past <see cref="PooledBytes"/> is an ordinary array, not one from the
/// shared pool (which would keep it for the life of the process), and is let go once its message is done.
/// </remarks>
internal sealed class ProgramMessageBuffer(int maxMessageBytes, MessageMemoryBudget? budget = null) : IDisposable
{
    /// <summary>Buffers up to this size come from (and go back to) the shared array pool.</summary>
    public const int PooledBytes = 1024 * 1024;

    private const int InitialBytes = 4096;

    private byte[] _data = ArrayPool<byte>.Shared.Rent(InitialBytes);
    private int _start;
    private int _count;
    private long _taken;

    public int MaxMessageBytes { get; } = maxMessageBytes;

    /// <summary>The buffer's size now (for tests: it shrinks back once a large message is done).</summary>
    public int Capacity => _data.Length;

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

        if (!Reserve(sizeHint))
        {
            space = default;
            return false;
        }

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

        if (!Reserve(bytes.Length))
        {
            return false;
        }

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
        ShrinkIfLarge(); // the caller is done with the last message's span: a large buffer can go
        return false;
    }

    public void Clear()
    {
        _start = _count = 0;
        ShrinkIfLarge();
    }

    public void Dispose()
    {
        Release(_data);
        _data = [];
        budget?.Give(_taken);
        _taken = 0;
    }

    /// <summary>
    /// Called when the next message starts: a buffer grown for a large message that is now done goes back to
    /// a small one, so the memory is the collector's again rather than held by an idle connection.
    /// </summary>
    public void ShrinkIfLarge()
    {
        if (_start == _count && _data.Length > PooledBytes)
        {
            Release(_data);
            _data = ArrayPool<byte>.Shared.Rent(InitialBytes);
            _start = _count = 0;
            budget?.Give(_taken);
            _taken = 0;
        }
    }

    private void Compact()
    {
        if (_start == _count)
        {
            // Nothing pending: the span just returned still points into the buffer, so only reset offsets.
            _start = _count = 0;
        }
    }

    /// <summary>Room for <paramref name="more"/> bytes; false when the server's budget cannot give it.</summary>
    private bool Reserve(int more)
    {
        if (_start > 0 && _count + more > _data.Length)
        {
            _data.AsSpan(_start, _count - _start).CopyTo(_data);
            _count -= _start;
            _start = 0;
        }

        if (_count + more <= _data.Length)
        {
            return true;
        }

        // Doubling, but never past the message limit (a 200 MB message must not cost a 256 MB array and its copies).
        var size = (int)Math.Min(Math.Max((long)_count + more, (long)_data.Length * 2), Math.Max((long)_count + more, MaxMessageBytes));
        var growth = Math.Max(0, (long)size - InitialBytes) - _taken;
        if (growth > 0 && budget is not null && !budget.TryTake(growth))
        {
            return false;
        }

        _taken += Math.Max(0, growth);
        var larger = size <= PooledBytes ? ArrayPool<byte>.Shared.Rent(size) : GC.AllocateUninitializedArray<byte>(size);
        _data.AsSpan(0, _count).CopyTo(larger);
        Release(_data);
        _data = larger;
        return true;
    }

    private static void Release(byte[] buffer)
    {
        if (buffer.Length is > 0 and <= PooledBytes)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
