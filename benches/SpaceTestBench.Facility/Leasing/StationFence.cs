namespace SpaceTestBench.Facility.Leasing;

/// <summary>
/// The station's side of fencing: every command carries the fencing number of the lease it is sent
/// under, and the station executes it only when that number is its current lease's. A number below the
/// highest one seen is refused at once; a higher one is admitted only after the authority (the lease
/// table) confirms it is the live lease. So a holder whose lease expired — a paused process, a
/// partitioned host, a duplicate grain activation — can never drive an instrument again.
/// </summary>
/// <param name="isLiveLease">Asks the lease table whether a fencing number is the station's live lease.</param>
public sealed class StationFence(Func<long, CancellationToken, Task<bool>> isLiveLease) : IDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private long highest;
    private long current;

    /// <summary>Commands refused so far.</summary>
    public long Refused => Interlocked.Read(ref refused);

    private long refused;

    /// <summary>The fencing number commands must carry now (0: none).</summary>
    public long Current => Interlocked.Read(ref current);

    /// <summary>
    /// Whether a command carrying <paramref name="fencing"/> may execute. A number below the highest seen is
    /// stale; the current number passes; a new, higher one passes only if the lease table says it is live.
    /// </summary>
    public async Task<bool> PermitsAsync(long fencing, CancellationToken cancellationToken)
    {
        if (fencing > 0 && fencing == Interlocked.Read(ref current))
        {
            return true;
        }

        await gate.WaitAsync(cancellationToken);
        try
        {
            if (fencing > 0 && fencing == current)
            {
                return true;
            }

            if (fencing > highest && await isLiveLease(fencing, cancellationToken))
            {
                highest = fencing;
                Interlocked.Exchange(ref current, fencing);
                return true;
            }

            Interlocked.Increment(ref refused);
            return false;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>The lease with <paramref name="fencing"/> is over (released, or its heartbeat was refused): nothing runs under it any more.</summary>
    public void Revoke(long fencing)
    {
        Interlocked.CompareExchange(ref current, 0, fencing);
    }

    /// <inheritdoc />
    public void Dispose() => gate.Dispose();
}
