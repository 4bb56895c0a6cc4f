using System.Buffers;

namespace SpaceTestBench.Visa.Servers;

/// <summary>
/// The response waiting to be read by a protocol with read requests (VXI-11 device_read). It references the
/// device session's response until taken; a second response before the first is read is appended to a copy.
/// </summary>
internal sealed class OutputQueue
{
    private ReadOnlySequence<byte> _pending = ReadOnlySequence<byte>.Empty;

    public bool HasData => !_pending.IsEmpty;

    public long Length => _pending.Length;

    public void Add(ReadOnlySequence<byte> response)
    {
        if (response.IsEmpty)
        {
            return;
        }

        if (_pending.IsEmpty)
        {
            _pending = response;
            return;
        }

        var combined = new byte[_pending.Length + response.Length];
        _pending.CopyTo(combined);
        response.CopyTo(combined.AsSpan((int)_pending.Length));
        _pending = new ReadOnlySequence<byte>(combined);
    }

    /// <summary>Before the device session reuses its response buffer: keep a private copy of what is pending.</summary>
    public void Detach()
    {
        if (!_pending.IsEmpty)
        {
            _pending = new ReadOnlySequence<byte>(_pending.ToArray());
        }
    }

    /// <summary>Up to <paramref name="maximum"/> bytes from the front, left in the queue.</summary>
    public ReadOnlySequence<byte> Peek(long maximum) => _pending.Slice(0, Math.Min(maximum, _pending.Length));

    /// <summary>Removes <paramref name="count"/> bytes from the front.</summary>
    public void Advance(long count) => _pending = _pending.Slice(count);

    public void Clear() => _pending = ReadOnlySequence<byte>.Empty;
}
