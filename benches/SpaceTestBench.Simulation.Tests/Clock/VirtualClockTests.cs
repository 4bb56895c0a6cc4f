using SpaceTestBench.Simulation.Clock;

namespace SpaceTestBench.Simulation.Tests.Clock;

public sealed class VirtualClockTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task A_lone_sleeper_moves_time_by_exactly_its_duration()
    {
        var clock = new VirtualClock(Start);

        await clock.SleepAsync(TimeSpan.FromHours(168));

        Assert.That(clock.GetUtcNow(), Is.EqualTo(Start + TimeSpan.FromHours(168)));
        Assert.That(clock.GetElapsedTime(0), Is.EqualTo(TimeSpan.FromHours(168)));
    }

    [Test]
    public async Task A_2800_hour_campaign_of_many_waits_adds_up_exactly()
    {
        // 100 krad(Si) at 36 rad(Si)/h is about 2,800 h: sleep it in one-hour steps.
        var clock = new VirtualClock(Start);

        for (var hour = 0; hour < 2800; hour++)
        {
            await clock.SleepAsync(TimeSpan.FromHours(1));
        }

        Assert.That(clock.GetUtcNow() - Start, Is.EqualTo(TimeSpan.FromHours(2800)));
    }

    [Test]
    public async Task Passive_timers_fire_in_due_order_at_their_due_time_while_time_passes()
    {
        var clock = new VirtualClock(Start);
        var fired = new List<(string Name, DateTimeOffset At)>();
        using var late = clock.CreateTimer(_ => fired.Add(("late", clock.GetUtcNow())), null, TimeSpan.FromMinutes(30), Timeout.InfiniteTimeSpan);
        using var early = clock.CreateTimer(_ => fired.Add(("early", clock.GetUtcNow())), null, TimeSpan.FromMinutes(10), Timeout.InfiniteTimeSpan);

        await clock.SleepAsync(TimeSpan.FromHours(1));

        Assert.That(fired, Is.EqualTo(new[] { ("early", Start.AddMinutes(10)), ("late", Start.AddMinutes(30)) }));
    }

    [Test]
    public async Task A_periodic_timer_fires_once_per_period()
    {
        var clock = new VirtualClock(Start);
        var ticks = 0;
        using var timer = clock.CreateTimer(_ => ticks++, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));

        await clock.SleepAsync(TimeSpan.FromSeconds(10));

        Assert.That(ticks, Is.EqualTo(10));
    }

    [Test]
    public async Task A_timer_changed_or_disposed_before_its_due_time_does_not_fire()
    {
        var clock = new VirtualClock(Start);
        var fired = 0;
        var changed = clock.CreateTimer(_ => fired++, null, TimeSpan.FromMinutes(1), Timeout.InfiniteTimeSpan);
        changed.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        var disposed = clock.CreateTimer(_ => fired++, null, TimeSpan.FromMinutes(1), Timeout.InfiniteTimeSpan);
        disposed.Dispose();

        await clock.SleepAsync(TimeSpan.FromHours(1));

        Assert.That(fired, Is.Zero);
        changed.Dispose();
    }

    [Test]
    public async Task Task_Delay_on_the_clock_is_passive_and_completes_when_a_sleeper_passes_it()
    {
        var clock = new VirtualClock(Start);
        var delay = Task.Delay(TimeSpan.FromMinutes(5), clock);

        Assert.That(delay.IsCompleted, Is.False, "A passive timer must not move time on its own.");
        await clock.SleepAsync(TimeSpan.FromMinutes(10));
        await delay;

        Assert.That(clock.GetUtcNow(), Is.EqualTo(Start.AddMinutes(10)));
    }

    [Test]
    public async Task With_two_participants_time_waits_until_both_sleep_and_then_wakes_the_earliest()
    {
        var clock = new VirtualClock(Start);
        using var monitor = clock.Join();

        var stepWait = clock.SleepAsync(TimeSpan.FromHours(2));
        Assert.That(clock.GetUtcNow(), Is.EqualTo(Start), "One of two participants is still working: time must stand still.");
        Assert.That(stepWait.IsCompleted, Is.False);

        var monitorWait = clock.SleepAsync(TimeSpan.FromMinutes(15));
        await monitorWait;
        Assert.That(clock.GetUtcNow(), Is.EqualTo(Start.AddMinutes(15)));
        Assert.That(stepWait.IsCompleted, Is.False);

        monitor.Dispose();
        await stepWait;
        Assert.That(clock.GetUtcNow(), Is.EqualTo(Start.AddHours(2)));
    }

    [Test]
    public async Task A_participant_that_yields_takes_its_turn_once_the_others_sleep_at_the_same_instant_after_sleepers_due_then()
    {
        var clock = new VirtualClock(Start);
        using var monitor = clock.Join();
        var order = new List<string>();

        // The monitor, woken while the step runner works, yields: it must not run until the runner sleeps.
        var turn = clock.YieldAsync().ContinueWith(_ => order.Add($"monitor at {clock.GetUtcNow() - Start}"), TaskScheduler.Default);
        await Task.Delay(50);
        Assert.That(turn.IsCompleted, Is.False, "the step runner is still awake: the yielding monitor waits for its turn");

        // A sleeper due at the same instant goes first; time does not move for the turn.
        var stepWait = clock.SleepAsync(TimeSpan.Zero).ContinueWith(_ => order.Add($"runner at {clock.GetUtcNow() - Start}"), TaskScheduler.Default);
        await stepWait;
        Assert.That(turn.IsCompleted, Is.False, "the runner, awake again, has not slept since its wait ended");
        var laterWait = clock.SleepAsync(TimeSpan.FromMinutes(1));
        await turn;

        Assert.That(order, Is.EqualTo(new[] { "runner at 00:00:00", "monitor at 00:00:00" }));
        monitor.Dispose();
        await laterWait;
        Assert.That(clock.GetUtcNow(), Is.EqualTo(Start.AddMinutes(1)));
    }

    [Test]
    public void A_cancelled_sleep_ends_cancelled_and_does_not_move_time()
    {
        var clock = new VirtualClock(Start);
        using var other = clock.Join();
        using var cancellation = new CancellationTokenSource();
        var sleep = clock.SleepAsync(TimeSpan.FromHours(1), cancellation.Token);

        cancellation.Cancel();

        Assert.ThrowsAsync<TaskCanceledException>(() => sleep);
        Assert.That(clock.GetUtcNow(), Is.EqualTo(Start));
    }

    [Test]
    public void Negative_durations_are_refused()
    {
        var clock = new VirtualClock(Start);

        Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => clock.SleepAsync(TimeSpan.FromSeconds(-1)));
    }

    [Test]
    public async Task A_hold_keeps_time_where_it_is_until_released_however_long_everyone_sleeps()
    {
        var clock = new VirtualClock(Start);
        var hold = clock.Hold();

        var sleep = clock.SleepAsync(TimeSpan.FromHours(1));
        Assert.That(sleep.IsCompleted, Is.False, "the only participant sleeps, but a hold is out");
        Assert.That(clock.GetUtcNow(), Is.EqualTo(Start));
        Assert.That(clock.Holds, Is.EqualTo(1));

        hold.Dispose();
        hold.Dispose();
        await sleep;
        Assert.That(clock.GetUtcNow(), Is.EqualTo(Start.AddHours(1)));
        Assert.That(clock.Holds, Is.Zero, "a handle releases once");
    }

    [Test]
    public async Task A_signal_stops_time_at_its_instant_and_its_hold_keeps_it_there_until_its_receiver_wakes()
    {
        var clock = new VirtualClock(Start);
        using var monitor = clock.Join();
        using var woken = new CancellationTokenSource();
        using var receiverMayRun = new ManualResetEventSlim();
        var receivedAt = default(DateTimeOffset);
        // A source that signals once, 7 minutes in, and delivers on another thread (as a request on the wire would).
        clock.AddSignals(new OneSignal(Start.AddMinutes(7), () =>
        {
            var hold = clock.Hold();
            ThreadPool.QueueUserWorkItem(_ =>
            {
                receiverMayRun.Wait();
                receivedAt = clock.GetUtcNow();
                woken.Cancel();
                hold.Dispose();
            });
        }));

        var step = clock.SleepAsync(TimeSpan.FromHours(2));
        var watch = clock.SleepAsync(TimeSpan.FromHours(4), woken.Token);

        // Everyone sleeps and the receiver has not run yet (however late the thread pool is): time waits at the signal.
        Assert.That(clock.GetUtcNow(), Is.EqualTo(Start.AddMinutes(7)));
        Assert.That(step.IsCompleted || watch.IsCompleted, Is.False);
        receiverMayRun.Set();
        Assert.That(async () => await watch, Throws.InstanceOf<OperationCanceledException>());
        Assert.That(receivedAt, Is.EqualTo(Start.AddMinutes(7)), "delivered at its instant, with time held there");
        Assert.That(step.IsCompleted, Is.False, "the other sleeper's wake-up is still ahead");
        monitor.Dispose();
        await step;
        Assert.That(clock.GetUtcNow(), Is.EqualTo(Start.AddHours(2)));
    }

    private sealed class OneSignal(DateTimeOffset at, Action deliver) : IVirtualClockSignals
    {
        private bool _signalled;

        public DateTimeOffset? EvaluateUntil(DateTimeOffset target) => !_signalled && at <= target ? at : null;

        public void Deliver()
        {
            _signalled = true;
            deliver();
        }
    }
}
