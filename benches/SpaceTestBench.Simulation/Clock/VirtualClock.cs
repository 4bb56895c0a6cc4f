namespace SpaceTestBench.Simulation.Clock;

/// <summary>
/// Bench time on a simulated bench. Time stands still while anyone works and jumps ahead when every
/// participant is waiting in <see cref="SleepAsync"/>: to the earliest wake-up, firing any timers due
/// on the way, in order. So a 168-hour anneal takes no wall time, and the simulators, which evaluate
/// their physics lazily from <see cref="GetUtcNow"/>, see exactly the elapsed bench time.
/// Timers created through <see cref="TimeProvider"/> (timeouts, <c>Task.Delay(…, clock)</c>) are passive:
/// they fire when time passes their due time, but never make time pass.
/// Two things can stop time short of the next wake-up, both for service requests a simulator raises from its
/// physics: a signal source (<see cref="AddSignals"/>) evaluated ahead of each jump stops time at the instant
/// a request arises, and a hold (<see cref="Hold"/>), taken by the simulator as the request goes out, keeps
/// time there until the request has been delivered and its receiver has taken note. Delivery is then
/// independent of thread scheduling: time cannot pass a request that is still on its way.
/// </summary>
public sealed class VirtualClock : TimeProvider
{
    private const int SleeperRank = 1;
    private const int YieldRank = 2;
    private readonly Lock _gate = new();
    private readonly DateTimeOffset _epoch;
    private readonly PriorityQueue<Scheduled, (long DueTicks, int Rank, long Sequence)> _queue = new();
    private DateTimeOffset _now;
    private long _sequence;
    private int _participants = 1;
    private int _sleeping;
    private int _holds;
    private bool _advancing;
    private bool _advanceAgain;
    private IVirtualClockSignals[] _signals = [];

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

    /// <summary>
    /// Lets <paramref name="signals"/> stop time at an instant of its own: before every jump the clock asks it to
    /// evaluate up to the jump's target and, if it signals on the way (an instrument raising a service request
    /// from its physics), time stops at that instant and the signal is delivered there.
    /// </summary>
    public void AddSignals(IVirtualClockSignals signals)
    {
        ArgumentNullException.ThrowIfNull(signals);
        lock (_gate)
        {
            _signals = [.. _signals, signals];
        }
    }

    /// <summary>
    /// A barrier: until the returned handle is disposed, time does not move, whoever sleeps (as if one more
    /// participant were awake). A simulator takes one as it raises a service request and releases it once the
    /// request's receivers have taken note, so no jump of time can overtake a request on its way.
    /// </summary>
    public IDisposable Hold()
    {
        lock (_gate)
        {
            _holds++;
        }

        return new Held(this);
    }

    /// <summary>Holds not yet released (<see cref="Hold"/>).</summary>
    public int Holds
    {
        get
        {
            lock (_gate)
            {
                return _holds;
            }
        }
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

    /// <summary>
    /// Waits, without letting time pass, until every other participant sleeps: a participant woken by another's
    /// action (an interlock monitor woken by a step's command) takes its turn at the same bench instant, after the
    /// sleepers due then, instead of running alongside the others. Its reads and commands then interleave with
    /// theirs in one order, not in the order the threads happen to be scheduled (docs/simulators.md, "Determinism").
    /// </summary>
    public Task YieldAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var sleeper = new Sleeper();
        lock (_gate)
        {
            Enqueue(sleeper, _now, YieldRank);
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

    /// <summary>
    /// Jumps time while every participant sleeps and nothing holds it. One thread advances at a time; a call while
    /// another advances (or re-entrantly, from a timer callback) asks it to look again before it stops.
    /// </summary>
    private void AdvanceWhileAllSleep()
    {
        lock (_gate)
        {
            if (_advancing)
            {
                _advanceAgain = true;
                return;
            }

            _advancing = true;
        }

        var done = false;
        try
        {
            AdvanceLoop();
            done = true;
        }
        finally
        {
            if (!done)
            {
                lock (_gate)
                {
                    _advancing = false;
                    _advanceAgain = false;
                }
            }
        }
    }

    private void AdvanceLoop()
    {
        while (true)
        {
            Scheduled? next;
            DateTimeOffset now;
            lock (_gate)
            {
                if (_sleeping < _participants || _holds > 0 || !_queue.TryPeek(out next, out _))
                {
                    if (_advanceAgain)
                    {
                        _advanceAgain = false;
                        continue;
                    }

                    _advancing = false;
                    return;
                }

                if (next.Cancelled)
                {
                    _queue.Dequeue();
                    continue;
                }

                now = _now;
            }

            // Everyone sleeps: time would jump to the earliest item, timer or sleeper, unless a signal arises first.
            if (next.Due > now && SignalBefore(next.Due))
            {
                // Time stopped at the signal; its delivery may hold time or have woken someone: look again.
                continue;
            }

            lock (_gate)
            {
                // Checked again: during the evaluation a hold may have been taken or an earlier item queued.
                if (_sleeping < _participants || _holds > 0 || !_queue.TryPeek(out var first, out _) || !ReferenceEquals(first, next))
                {
                    continue;
                }

                _queue.Dequeue();
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

    /// <summary>
    /// Asks each signal source to evaluate up to <paramref name="due"/>; if one signals first, moves time to that
    /// instant and delivers its signals there. Returns whether a signal was delivered.
    /// </summary>
    private bool SignalBefore(DateTimeOffset due)
    {
        IVirtualClockSignals[] sources;
        lock (_gate)
        {
            sources = _signals;
        }

        foreach (var source in sources)
        {
            if (source.EvaluateUntil(due) is not { } at)
            {
                continue;
            }

            lock (_gate)
            {
                var stop = at < due ? at : due;
                if (stop > _now)
                {
                    _now = stop;
                }
            }

            source.Deliver();
            return true;
        }

        return false;
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

    private void Enqueue(Scheduled item, DateTimeOffset due, int? rank = null)
    {
        item.Due = due;
        // At equal due times timers fire before sleepers wake, so a sleeper sees every timer due by then; a
        // participant yielding its turn (YieldAsync) comes after both.
        _queue.Enqueue(item, (due.UtcTicks, rank ?? (item is Sleeper ? SleeperRank : 0), _sequence++));
    }

    private void Release()
    {
        lock (_gate)
        {
            _holds--;
        }

        AdvanceWhileAllSleep();
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

    private sealed class Held(VirtualClock clock) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                clock.Release();
            }
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
