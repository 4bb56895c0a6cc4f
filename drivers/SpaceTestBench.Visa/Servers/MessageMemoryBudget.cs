namespace SpaceTestBench.Visa.Servers;

/// <summary>
/// The memory a protocol server's clients may hold in unfinished program messages, all connections together.
/// Each connection is bounded by the longest message accepted; this bounds their sum, so many clients each
/// sending a large message (or a line that never ends) cannot exhaust the process between them.
/// </summary>
public sealed class MessageMemoryBudget
{
    private long _held;

    /// <summary>A budget of <paramref name="totalBytes"/> bytes.</summary>
    public MessageMemoryBudget(long totalBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(totalBytes);
        TotalBytes = totalBytes;
    }

    /// <summary>The most the connections may hold together.</summary>
    public long TotalBytes { get; }

    /// <summary>What they hold now.</summary>
    public long HeldBytes => Interlocked.Read(ref _held);

    /// <summary>Takes <paramref name="bytes"/> from the budget; false (nothing taken) when that would exceed it.</summary>
    public bool TryTake(long bytes)
    {
        while (true)
        {
            var held = Interlocked.Read(ref _held);
            if (held + bytes > TotalBytes)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _held, held + bytes, held) == held)
            {
                return true;
            }
        }
    }

    /// <summary>Gives <paramref name="bytes"/> back.</summary>
    public void Give(long bytes) => Interlocked.Add(ref _held, -bytes);
}
