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

    /// <summary>
    /// The fastest clock: about 11.6 days of bench time per second, a 2,800-hour TID campaign in 10 s. Faster,
    /// the calendar bench time is counted in (it ends in the year 9999) runs out within minutes of serving.
    /// </summary>
    public const double MaximumScale = 1e6;

    /// <summary>A clock starting now, running <paramref name="scale"/> times faster than <paramref name="wall"/>.</summary>
    public ScaledClock(double scale, TimeProvider? wall = null)
    {
        if (!(scale > 0) || scale > MaximumScale)
        {
            throw new ArgumentOutOfRangeException(nameof(scale), scale, $"The time scale must be a positive number up to {MaximumScale:G}.");
        }

        Scale = scale;
        _wall = wall ?? System;
        _origin = _wall.GetUtcNow();
        _wallOriginTimestamp = _wall.GetTimestamp();
        WallTimeToCalendarEnd = TimeSpan.FromTicks((long)((DateTimeOffset.MaxValue - _origin).Ticks / scale));
    }

    /// <summary>Bench seconds per wall second.</summary>
    public double Scale { get; }

    /// <summary>How long (wall time) this clock can run before its bench time passes the end of the calendar (year 9999).</summary>
    public TimeSpan WallTimeToCalendarEnd { get; }

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">Bench time has passed the end of the calendar: never a wrapped-around time.</exception>
    public override DateTimeOffset GetUtcNow()
    {
        var elapsed = _wall.GetElapsedTime(_wallOriginTimestamp);
        return elapsed < WallTimeToCalendarEnd
            ? _origin + TimeSpan.FromTicks((long)(elapsed.Ticks * Scale))
            : throw new InvalidOperationException($"At {Scale:G6} × real time the bench clock has passed the year 9999 after {WallTimeToCalendarEnd} of real time; restart the simulation to serve longer.");
    }

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
