namespace SpaceTestBench.Visa.Sessions;

/// <summary>
/// The deadline of one I/O operation, linked to the caller's token. One per session and reused: with the
/// system clock the token source is reset rather than reallocated, so a query costs no timer allocation.
/// </summary>
internal sealed class IoDeadline(TimeProvider clock) : IDisposable
{
    private CancellationTokenSource _source = new(Timeout.InfiniteTimeSpan, clock);
    private CancellationTokenRegistration _link;

    /// <summary>Arms the deadline; the returned token is cancelled when it passes or when <paramref name="caller"/> is.</summary>
    public CancellationToken Start(int timeoutMilliseconds, CancellationToken caller)
    {
        caller.ThrowIfCancellationRequested();
        if (!_source.TryReset())
        {
            // A source that fired, or one on a test clock, cannot be reset.
            _source.Dispose();
            _source = new CancellationTokenSource(Timeout.InfiniteTimeSpan, clock);
        }

        if (timeoutMilliseconds >= 0)
        {
            _source.CancelAfter(timeoutMilliseconds);
        }

        if (caller.CanBeCanceled)
        {
            _link = caller.UnsafeRegister(static state => ((CancellationTokenSource)state!).Cancel(), _source);
        }

        return _source.Token;
    }

    /// <summary>True if the operation was cancelled by the deadline rather than by the caller.</summary>
    public bool Expired(CancellationToken caller) => _source.IsCancellationRequested && !caller.IsCancellationRequested;

    /// <summary>Disarms the deadline and the link to the caller's token.</summary>
    public void Stop()
    {
        _link.Dispose();
        _link = default;
        _source.TryReset();
    }

    public void Dispose()
    {
        _link.Dispose();
        _source.Dispose();
    }
}
