namespace SpaceTestBench.Visa.Scpi;

/// <summary>
/// The SCPI-99 error/event queue: first in, first out; when full, the newest entry is replaced by
/// -350 "Queue overflow"; an empty queue reads 0,"No error".
/// </summary>
public sealed class ScpiErrorQueue
{
    private readonly Queue<ScpiError> _queue = new();
    private bool _overflowed;

    /// <summary>A queue holding at most <paramref name="capacity"/> entries (SCPI requires at least 2).</summary>
    public ScpiErrorQueue(int capacity = 20)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 2);
        Capacity = capacity;
    }

    /// <summary>Maximum entries, including the overflow marker.</summary>
    public int Capacity { get; }

    /// <summary>Entries waiting to be read.</summary>
    public int Count => _queue.Count;

    /// <summary>Adds an error; on overflow the last slot reads -350.</summary>
    public void Push(ScpiError error)
    {
        if (_overflowed)
        {
            return;
        }

        if (_queue.Count == Capacity - 1)
        {
            _queue.Enqueue(ScpiError.QueueOverflow);
            _overflowed = true;
            return;
        }

        _queue.Enqueue(error);
    }

    /// <summary>Removes and returns the oldest error, or 0,"No error".</summary>
    public ScpiError Pop()
    {
        if (_queue.Count == 0)
        {
            return ScpiError.NoError;
        }

        var error = _queue.Dequeue();
        if (_queue.Count == 0)
        {
            _overflowed = false;
        }

        return error;
    }

    /// <summary>Empties the queue (*CLS).</summary>
    public void Clear()
    {
        _queue.Clear();
        _overflowed = false;
    }
}
