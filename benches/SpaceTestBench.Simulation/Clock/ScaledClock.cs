namespace SpaceTestBench.Simulation.Clock;

/// <summary>
/// Bench time running at a fixed multiple of real time, for a simulated facility that serves outside
/// clients (<c>spacebench simulate --time-scale X</c>): nobody waits in a bench session there, so time
/// must pass on its own. With a scale of 1 it is the wall clock; 3600 makes an hour pass every second.
/// </summary>
public sealed class ScaledClock : TimeProvider
{
    private readonly TimeProvider _wall;
    private readonly DateTimeOffset _origin;
    private readonly long _wallOriginTimestamp;

    /// <summary>A clock starting now, running <paramref name="scale"/> times faster than <paramref name="wall"/>.</summary>
    public ScaledClock(double scale, TimeProvider? wall = null)
    {
        if (!(scale > 0) || double.IsInfinity(scale))
        {
            throw new ArgumentOutOfRangeException(nameof(scale), scale, "The time scale must be a positive, finite number.");
        }

        Scale = scale;
        _wall = wall ?? System;
        _origin = _wall.GetUtcNow();
        _wallOriginTimestamp = _wall.GetTimestamp();
    }

    /// <summary>Bench seconds per wall second.</summary>
    public double Scale { get; }

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => _origin + TimeSpan.FromTicks((long)(_wall.GetElapsedTime(_wallOriginTimestamp).Ticks * Scale));

    /// <inheritdoc />
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <inheritdoc />
    public override long GetTimestamp() => (GetUtcNow() - _origin).Ticks;

    /// <inheritdoc />
    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        new ScaledTimer(_wall.CreateTimer(callback, state, ToWall(dueTime), ToWall(period)), this);

    private TimeSpan ToWall(TimeSpan bench) =>
        bench == Timeout.InfiniteTimeSpan ? bench : TimeSpan.FromTicks((long)(bench.Ticks / Scale));

    private sealed class ScaledTimer(ITimer inner, ScaledClock clock) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => inner.Change(clock.ToWall(dueTime), clock.ToWall(period));

        public void Dispose() => inner.Dispose();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
