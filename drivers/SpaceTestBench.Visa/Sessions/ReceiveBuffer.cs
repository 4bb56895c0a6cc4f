namespace SpaceTestBench.Visa.Sessions;

/// <summary>
/// Received bytes not yet read, for transports without END (raw socket, serial): a read takes up to and
/// including the termination character when it is enabled, so one read never runs into the next message.
/// </summary>
internal sealed class ReceiveBuffer(int size)
{
    private int _start;
    private int _end;

    public byte[] Array { get; } = GC.AllocateUninitializedArray<byte>(size);

    public bool IsEmpty => _start == _end;

    /// <summary>Marks <paramref name="count"/> freshly received bytes at the start of <see cref="Array"/> as unread.</summary>
    public void Filled(int count)
    {
        _start = 0;
        _end = count;
    }

    public void Clear() => _start = _end = 0;

    public ReadResult Take(Span<byte> destination, bool terminationEnabled, byte termination)
    {
        var available = Array.AsSpan(_start, _end - _start);
        if (terminationEnabled)
        {
            var at = available.IndexOf(termination);
            var take = at >= 0 ? Math.Min(at + 1, destination.Length) : Math.Min(available.Length, destination.Length);
            available[..take].CopyTo(destination);
            _start += take;
            var status = at >= 0 && take == at + 1 ? ReadStatus.TerminationCharacterEncountered
                : take == destination.Length ? ReadStatus.MaximumCountReached : ReadStatus.Unknown;
            return new ReadResult(take, status);
        }

        var count = Math.Min(available.Length, destination.Length);
        available[..count].CopyTo(destination);
        _start += count;
        return new ReadResult(count, count == destination.Length ? ReadStatus.MaximumCountReached : ReadStatus.Unknown);
    }
}
