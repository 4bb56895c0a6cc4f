namespace SpaceTestBench.Visa.Servers;

/// <summary>
/// The VISA lock of one served instrument: at most one exclusive holder, or any number of shared holders
/// presenting the same key. While it is held, clients without it wait (or are refused) before their
/// messages reach the instrument. Owners are the protocol's clients (VXI-11 links, HiSLIP sessions).
/// </summary>
internal sealed class DeviceLock(TimeProvider clock)
{
    private readonly Lock _gate = new();
    private readonly HashSet<object> _shared = [];
    private object? _exclusive;
    private string? _sharedKey;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>True if an exclusive lock is held, and how many clients hold any lock.</summary>
    public (bool Exclusive, int Holders) Info
    {
        get
        {
            lock (_gate)
            {
                return (_exclusive is not null, (_exclusive is null ? 0 : 1) + _shared.Count(o => o != _exclusive));
            }
        }
    }

    /// <summary>What <paramref name="owner"/> holds.</summary>
    public (bool Exclusive, bool Shared) HeldBy(object owner)
    {
        lock (_gate)
        {
            return (_exclusive == owner, _shared.Contains(owner));
        }
    }

    /// <summary>True if <paramref name="owner"/> may use the instrument now.</summary>
    public bool Permits(object owner)
    {
        lock (_gate)
        {
            return PermitsUnlocked(owner);
        }
    }

    /// <summary>Waits until <paramref name="owner"/> may use the instrument; false if <paramref name="timeout"/> passes first.</summary>
    public Task<bool> WaitPermittedAsync(object owner, TimeSpan timeout, CancellationToken cancellationToken) =>
        WaitAsync(() => PermitsUnlocked(owner), timeout, cancellationToken);

    /// <summary>Takes the exclusive lock, waiting up to <paramref name="timeout"/> for other holders to release theirs.</summary>
    public Task<bool> AcquireExclusiveAsync(object owner, TimeSpan timeout, CancellationToken cancellationToken) =>
        WaitAsync(
            () =>
            {
                if ((_exclusive is null || _exclusive == owner) && _shared.All(o => o == owner))
                {
                    _exclusive = owner;
                    return true;
                }

                return false;
            },
            timeout,
            cancellationToken);

    /// <summary>Joins the shared lock of <paramref name="key"/>, waiting up to <paramref name="timeout"/> for a conflicting lock to go.</summary>
    public Task<bool> AcquireSharedAsync(object owner, string key, TimeSpan timeout, CancellationToken cancellationToken) =>
        WaitAsync(
            () =>
            {
                if ((_exclusive is null || _exclusive == owner) && (_sharedKey is null || _sharedKey == key))
                {
                    _sharedKey = key;
                    _shared.Add(owner);
                    return true;
                }

                return false;
            },
            timeout,
            cancellationToken);

    /// <summary>Releases the exclusive lock if <paramref name="owner"/> holds it, else its shared lock; says which.</summary>
    public LockRelease Release(object owner)
    {
        lock (_gate)
        {
            LockRelease released;
            if (_exclusive == owner)
            {
                _exclusive = null;
                released = LockRelease.Exclusive;
            }
            else if (_shared.Remove(owner))
            {
                if (_shared.Count == 0)
                {
                    _sharedKey = null;
                }

                released = LockRelease.Shared;
            }
            else
            {
                return LockRelease.NotHeld;
            }

            SignalUnlocked();
            return released;
        }
    }

    /// <summary>Drops every lock <paramref name="owner"/> holds (its client went away).</summary>
    public void ReleaseAll(object owner)
    {
        while (Release(owner) != LockRelease.NotHeld)
        {
        }
    }

    private bool PermitsUnlocked(object owner) =>
        _exclusive == owner || (_exclusive is null && (_shared.Count == 0 || _shared.Contains(owner)));

    private async Task<bool> WaitAsync(Func<bool> attempt, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = clock.GetTimestamp();
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (attempt())
                {
                    return true;
                }

                changed = _changed.Task;
            }

            var remaining = timeout == Timeout.InfiniteTimeSpan ? Timeout.InfiniteTimeSpan : timeout - clock.GetElapsedTime(deadline);
            if (remaining != Timeout.InfiniteTimeSpan && remaining <= TimeSpan.Zero)
            {
                return false;
            }

            try
            {
                await changed.WaitAsync(remaining, clock, cancellationToken);
            }
            catch (TimeoutException)
            {
                return false;
            }
        }
    }

    private void SignalUnlocked()
    {
        var changed = _changed;
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        changed.SetResult();
    }
}

/// <summary>What a release freed.</summary>
internal enum LockRelease
{
    NotHeld,
    Exclusive,
    Shared,
}
