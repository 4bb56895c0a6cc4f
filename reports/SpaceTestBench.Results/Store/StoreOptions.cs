namespace SpaceTestBench.Results.Store;

/// <summary>
/// How the store batches series points. Every other event is committed on its own before
/// <see cref="Recording.IResultSink.Emit"/> returns. Series points wait in memory and are committed
/// together: when <see cref="MaxPendingPoints"/> are waiting, when the oldest has waited
/// <see cref="FlushInterval"/> of wall-clock time, or as soon as any other event is recorded. So a point
/// is durable at most <see cref="FlushInterval"/> after it was appended, and always before any
/// measurement, event or step recorded after it.
/// </summary>
public sealed record StoreOptions
{
    /// <summary>The longest a series point waits before it is committed. Default 1 s.</summary>
    public TimeSpan FlushInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The most series points that wait before they are committed together. Default 8192.</summary>
    public int MaxPendingPoints { get; init; } = 8192;

    /// <summary>
    /// The clock the flush interval runs on. Wall clock, not bench time: durability is about real
    /// crashes, and a virtual bench clock stands still while the bench works.
    /// </summary>
    public TimeProvider WallClock { get; init; } = TimeProvider.System;
}
