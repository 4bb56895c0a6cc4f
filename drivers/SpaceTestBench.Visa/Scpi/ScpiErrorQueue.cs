namespace SpaceTestBench.Visa.Scpi;

/// <summary>
/// The SCPI-99 error/event queue (Vol. 2 §21.8): first in, first out. When an error arrives at a full
/// queue the most recent entry is replaced by -350 "Queue overflow" (the oldest errors are kept, the
/// newest lost); an empty queue reads 0,"No error". Not thread-safe: <see cref="ScpiDevice"/> holds its
/// lock around every use.
/// </summary>
public sealed class ScpiErrorQueue
{
    private readonly ScpiError[] _entries;
    private int _head;
    private int _count;

    /// <summary>A queue holding at most <paramref name="capacity"/> entries (SCPI requires at least 2).</summary>
    public ScpiErrorQueue(int capacity = 20)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 2);
        _entries = new ScpiError[capacity];
    }

    /// <summary>Maximum entries, including the overflow marker.</summary>
    public int Capacity => _entries.Length;

    /// <summary>Entries waiting to be read.</summary>
    public int Count => _count;

    /// <summary>Adds an error; at a full queue the newest entry becomes -350 instead.</summary>
    public void Push(ScpiError error)
    {
        if (_count == _entries.Length)
        {
            _entries[(_head + _count - 1) % _entries.Length] = ScpiError.QueueOverflow;
            return;
        }

        _entries[(_head + _count) % _entries.Length] = error;
        _count++;
    }

    /// <summary>Removes and returns the oldest error, or 0,"No error".</summary>
    public ScpiError Pop()
    {
        if (_count == 0)
        {
            return ScpiError.NoError;
        }

        var error = _entries[_head];
        _entries[_head] = default;
        _head = (_head + 1) % _entries.Length;
        _count--;
        return error;
    }

    /// <summary>The oldest error without removing it, or 0,"No error".</summary>
    public ScpiError Peek() => _count == 0 ? ScpiError.NoError : _entries[_head];

    /// <summary>Empties the queue (*CLS).</summary>
    public void Clear()
    {
        Array.Clear(_entries);
        _head = 0;
        _count = 0;
    }
}
