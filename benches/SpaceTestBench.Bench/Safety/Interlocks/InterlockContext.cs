using SpaceTestBench.Simulation.Clock;

namespace SpaceTestBench.Bench.Safety.Interlocks;

/// <summary>What an interlock works with: the bench, its safety record, the safe state, and bench-time waits that are never aborted.</summary>
internal sealed class InterlockContext(BenchSession session)
{
    public BenchSession Session { get; } = session;

    public BenchSafety Safety => Session.Safety;

    public TimeProvider Clock => Session.Clock;

    public bool VirtualTime => Session.Clock is VirtualClock;

    /// <summary>Waits in bench time (the monitor is a participant of a virtual clock).</summary>
    public Task WaitAsync(TimeSpan duration, CancellationToken cancellationToken) =>
        Session.Clock is VirtualClock virtualClock ? virtualClock.SleepAsync(duration, cancellationToken) : Task.Delay(duration, Session.Clock, cancellationToken);

    /// <summary>Response time: bench time since <paramref name="benchStart"/>, plus the I/O's wall time on a virtual clock (where I/O takes no bench time).</summary>
    public TimeSpan Since(DateTimeOffset benchStart, long wallStart) =>
        Clock.GetUtcNow() - benchStart + IoWallSince(wallStart);

    /// <summary>The wall time of the I/O since <paramref name="wallStart"/> that <see cref="Since"/> adds (zero on a real bench's clock).</summary>
    public TimeSpan IoWallSince(long wallStart) => VirtualTime ? TimeProvider.System.GetElapsedTime(wallStart) : TimeSpan.Zero;

    /// <summary>Runs the bench's safe-state sequence for a trip.</summary>
    public Task<SafeStateReport> SafeStateAsync(string detail, CancellationToken cancellationToken) =>
        Session.SafeStateAsync(SafeStateReason.InterlockTrip, detail, cancellationToken);
}
