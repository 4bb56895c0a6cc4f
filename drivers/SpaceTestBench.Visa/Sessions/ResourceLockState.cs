namespace SpaceTestBench.Visa.Sessions;

/// <summary>The lock a session holds (IVI VISA.NET <c>ResourceLockState</c>).</summary>
public enum ResourceLockState
{
    /// <summary>No lock.</summary>
    Unlocked,

    /// <summary>An exclusive lock: no other session may use the resource.</summary>
    ExclusiveLock,

    /// <summary>A shared lock: sessions presenting the same key may use the resource.</summary>
    SharedLock,
}
