namespace SpaceTestBench.Simulation.Clock;

/// <summary>
/// Bench time on a simulated bench. Time stands still while anyone works and jumps ahead when every
/// participant is waiting in <see cref="SleepAsync"/>: to the earliest wake-up, firing any timers due
/// on the way, in order. So a 168-hour anneal takes no wall time, and the simulators, which evaluate
/// their physics lazily from <see cref="GetUtcNow"/>, see exactly the elapsed bench time.
/// Timers created through <see cref="TimeProvider"/> (timeouts, <c>Task.Delay(…, clock)</c>) are passive:
/// they fire when time passes their due time, but never make time pass.
/// </summary>
public sealed class VirtualClock : TimeProvider
{
    private readonly Lock _gate = new();
    private readonly DateTimeOffset _epoch;
    private readonly PriorityQueue<Scheduled, (long DueTicks, int Rank, long Sequence)> _queue = new();
    private DateTimeOffset _now;
    private long _sequence;
    private int _participants = 1;
    private int _sleeping;

    /// <summary>A clock starting at <paramref name="start"/>.</summary>
    public VirtualClock(DateTimeOffset start)
    {
        _epoch = start;
        _now = start;
    }

    /// <summary>How many concurrent actors must all be sleeping before time moves (1: the bench's step runner).</summary>
    public int Participants
    {
        get
        {
            lock (_gate)
            {
                return _participants;
            }
        }
    }

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    /// <inheritdoc />
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <inheritdoc />
    public override long GetTimestamp() => (GetUtcNow() - _epoch).Ticks;

    /// <inheritdoc />
    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <summary>Registers another concurrent actor (an interlock monitor); dispose to leave.</summary>
    public IDisposable Join()
    {
        lock (_gate)
        {
            _participants++;
        }

        return new Participation(this);
    }

    /// <summary>Waits <paramref name="duration"/> of bench time; advances the clock if everyone is waiting.</summary>
    public Task SleepAsync(TimeSpan duration, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(duration, TimeSpan.Zero);
        cancellationToken.ThrowIfCancellationRequested();
        var sleeper = new Sleeper();
        lock (_gate)
        {
            Enqueue(sleeper, _now + duration);
            _sleeping++;
        }

        if (cancellationToken.CanBeCanceled)
        {
            sleeper.Registration = cancellationToken.Register(() => CancelSleeper(sleeper, cancellationToken));
        }

        AdvanceWhileAllSleep();
        return sleeper.Completion.Task;
    }

    /// <summary>Moves time forward by <paramref name="duration"/>, firing everything due (for tests and scaled real time).</summary>
    public void Advance(TimeSpan duration)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(duration, TimeSpan.Zero);
        DateTimeOffset target;
        lock (_gate)
        {
            target = _now + duration;
        }

        AdvanceTo(target);
    }

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new VirtualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    private void AdvanceTo(DateTimeOffset target)
    {
        while (true)
        {
            Scheduled? next;
            lock (_gate)
            {
                if (!_queue.TryPeek(out next, out var key) || key.DueTicks > target.UtcTicks)
                {
                    if (target > _now)
                    {
                        _now = target;
                    }

                    return;
                }

                _queue.Dequeue();
                if (next.Cancelled)
                {
                    continue;
                }

                if (next.Due > _now)
                {
                    _now = next.Due;
                }

                if (next is Sleeper)
                {
                    _sleeping--;
                }
            }

            next.Fire();
        }
    }

    private void AdvanceWhileAllSleep()
    {
        while (true)
        {
            Scheduled? next;
            lock (_gate)
            {
                if (_sleeping < _participants)
                {
                    return;
                }

                // Everyone sleeps: jump to the earliest item, timer or sleeper.
                if (!_queue.TryDequeue(out next, out _))
                {
                    return;
                }

                if (next.Cancelled)
                {
                    continue;
                }

                if (next.Due > _now)
                {
                    _now = next.Due;
                }

                if (next is Sleeper)
                {
                    _sleeping--;
                }
            }

            next.Fire();
        }
    }

    private void CancelSleeper(Sleeper sleeper, CancellationToken token)
    {
        lock (_gate)
        {
            if (sleeper.Cancelled || sleeper.Completion.Task.IsCompleted)
            {
                return;
            }

            sleeper.Cancelled = true;
            _sleeping--;
        }

        sleeper.Completion.TrySetCanceled(token);
    }

    private void Enqueue(Scheduled item, DateTimeOffset due)
    {
        item.Due = due;
        // At equal due times timers fire before sleepers wake, so a sleeper sees every timer due by then.
        _queue.Enqueue(item, (due.UtcTicks, item is Sleeper ? 1 : 0, _sequence++));
    }

    private void Leave()
    {
        lock (_gate)
        {
            _participants--;
        }

        AdvanceWhileAllSleep();
    }

    private abstract class Scheduled
    {
        public DateTimeOffset Due { get; set; }

        public bool Cancelled { get; set; }

        public abstract void Fire();
    }

    private sealed class Sleeper : Scheduled
    {
        public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public CancellationTokenRegistration Registration { get; set; }

        public override void Fire()
        {
            Registration.Dispose();
            Completion.TrySetResult();
        }
    }

    /// <summary>A timer handle; each scheduled firing is a separate <see cref="Occurrence"/> so Change can void it.</summary>
    private sealed class VirtualTimer(VirtualClock clock, TimerCallback callback, object? state) : ITimer
    {
        private Occurrence? _pending;
        private TimeSpan _period;
        private bool _disposed;

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (clock._gate)
            {
                if (_disposed)
                {
                    return false;
                }

                _pending?.Void();
                _pending = null;
                _period = period;
                if (dueTime != Timeout.InfiniteTimeSpan)
                {
                    ScheduleLocked(clock._now + dueTime);
                }

                return true;
            }
        }

        public void Dispose()
        {
            lock (clock._gate)
            {
                _disposed = true;
                _pending?.Void();
                _pending = null;
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }

        private void ScheduleLocked(DateTimeOffset due)
        {
            _pending = new Occurrence(this);
            clock.Enqueue(_pending, due);
        }

        private void Fired(Occurrence occurrence)
        {
            lock (clock._gate)
            {
                if (!ReferenceEquals(_pending, occurrence) || _disposed)
                {
                    return;
                }

                _pending = null;
            }

            callback(state);
            lock (clock._gate)
            {
                if (!_disposed && _pending is null && _period > TimeSpan.Zero && _period != Timeout.InfiniteTimeSpan)
                {
                    ScheduleLocked(occurrence.Due + _period);
                }
            }
        }

        private sealed class Occurrence(VirtualTimer timer) : Scheduled
        {
            public void Void() => Cancelled = true;

            public override void Fire() => timer.Fired(this);
        }
    }

    private sealed class Participation(VirtualClock clock) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                clock.Leave();
            }
        }
    }
}
