namespace SpaceTestBench.Visa.Sessions;

/// <summary>A session with an instrument resource (IVI VISA.NET <c>IVisaSession</c>).</summary>
public interface IVisaSession : IAsyncDisposable
{
    /// <summary>The resource string as the user gave it.</summary>
    string ResourceName { get; }

    /// <summary>The parsed resource.</summary>
    Resources.ResourceName Resource { get; }

    /// <summary>
    /// I/O timeout in milliseconds (wall clock: bytes move in real time even on a simulated bench);
    /// <see cref="Timeout.Infinite"/> waits for ever.
    /// </summary>
    int TimeoutMilliseconds { get; set; }

    /// <summary>The lock this session holds on the resource.</summary>
    ResourceLockState LockState => ResourceLockState.Unlocked;

    /// <summary>
    /// Locks the resource (IVI <c>LockResource</c>): exclusively when <paramref name="sharedKey"/> is null,
    /// otherwise a shared lock that other sessions presenting the same key may also hold. Waits up to
    /// <paramref name="timeoutMilliseconds"/> for another session's lock to be released, then throws
    /// <see cref="VisaResourceLockedException"/>. Returns the key of a shared lock.
    /// </summary>
    Task<string?> LockResourceAsync(int timeoutMilliseconds, string? sharedKey = null, CancellationToken cancellationToken = default) =>
        throw new VisaOperationNotSupportedException(ResourceName, "locking");

    /// <summary>Releases this session's lock (IVI <c>UnlockResource</c>).</summary>
    Task UnlockResourceAsync(CancellationToken cancellationToken = default) =>
        throw new VisaOperationNotSupportedException(ResourceName, "locking");
}
