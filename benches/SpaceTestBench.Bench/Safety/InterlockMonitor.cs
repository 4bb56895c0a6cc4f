using System.Reflection;
using SpaceTestBench.Bench.Resilience;
using SpaceTestBench.Bench.Safety.Interlocks;
using SpaceTestBench.Instruments.Roles;
using SpaceTestBench.Simulation.Clock;

namespace SpaceTestBench.Bench.Safety;

/// <summary>
/// Evaluates the bench's interlocks continuously while the bench is open, each at its own cadence: its
/// period while its hazard is present or near, up to its idle period while it is absent or far (see
/// docs/safety.md for why). On a virtual clock the monitor is a participant: time jumps only when it and
/// the step runner both wait, so no hazard can pass between two evaluations unseen. A command through a
/// role an interlock watches (the beam shutter, the source, a chamber setpoint) makes it look at once.
/// </summary>
internal sealed class InterlockMonitor : IAsyncDisposable
{
    private readonly InterlockContext _context;
    private readonly List<Interlock> _interlocks;
    private readonly Dictionary<Interlock, DateTimeOffset> _due = [];
    private readonly Dictionary<Interlock, long> _commands = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private readonly IDisposable? _participation;
    private readonly Serilog.ILogger _log;
    private CancellationTokenSource _wake = new();
    private Task? _loop;
    private Interlock? _evaluating;
    private bool _disposed;
    private long _evaluations;

    public InterlockMonitor(BenchSession session, Serilog.ILogger log)
    {
        _context = new InterlockContext(session);
        _log = log;
        _interlocks = [.. session.Definition.Safety.Interlocks.Select(i => Interlock.Create(i, session))];
        foreach (var interlock in _interlocks)
        {
            _due[interlock] = session.Clock.GetUtcNow();
            _commands[interlock] = 0;
        }

        foreach (var interlock in _interlocks)
        {
            interlock.Woken += OnWoken;
        }

        if (_interlocks.Count > 0)
        {
            _participation = (session.Clock as VirtualClock)?.Join();
            session.Safety.Commanded += OnCommanded;
        }
    }

    /// <summary>Evaluations so far (every interlock reading counts one).</summary>
    public long Evaluations => Interlocked.Read(ref _evaluations);

    public void Start()
    {
        if (_interlocks.Count > 0)
        {
            _loop = Task.Run(() => RunAsync(_stop.Token));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _context.Safety.Commanded -= OnCommanded;
        if (_loop is not null)
        {
            try
            {
                await _loop;
            }
            catch (OperationCanceledException)
            {
            }
        }

        foreach (var interlock in _interlocks)
        {
            interlock.StopWatching();
        }

        _participation?.Dispose();
        _stop.Dispose();
        lock (_gate)
        {
            _disposed = true;
            _wake.Dispose();
        }
    }

    private async Task RunAsync(CancellationToken stop)
    {
        try
        {
            await WatchAsync(stop);
        }
        finally
        {
            // However the watch ends, the monitor stops being a participant of the virtual clock: a participant
            // that neither works nor sleeps would stop bench time for everyone, and the run would stall for ever.
            _participation?.Dispose();
        }
    }

    private async Task WatchAsync(CancellationToken stop)
    {
        _context.Safety.MarkMonitorFlow();
        // Started while the step runner opens the bench: its first look waits for the runner's first sleep.
        await _context.TakeTurnAsync(stop);
        while (!stop.IsCancellationRequested)
        {
            var now = _context.Clock.GetUtcNow();
            foreach (var interlock in _interlocks)
            {
                DateTimeOffset due;
                long commandsBefore;
                lock (_gate)
                {
                    due = _due[interlock];
                    commandsBefore = _commands[interlock];
                }

                if (due > now)
                {
                    continue;
                }

                TimeSpan next;
                Volatile.Write(ref _evaluating, interlock);
                try
                {
                    next = await interlock.EvaluateAsync(_context, stop);
                }
                catch (InstrumentFaultException e)
                {
                    // The fault is already recorded. The scenario cannot be watched, so it is stopped (Error, then its
                    // safe state) rather than run on unprotected, or left crawling through bench time one failed
                    // read per period; a monitor that stops watching is worse than one that tries again.
                    _log.Error(e, "The {Interlock} interlock could not read its instrument", interlock.Definition.Name);
                    _context.Safety.AbortBlind(interlock.Definition.Name, e);
                    next = interlock.Definition.Period;
                }
                catch (Definitions.BenchConfigurationException e)
                {
                    _log.Error(e, "The {Interlock} interlock could not read its instrument", interlock.Definition.Name);
                    next = interlock.Definition.Period;
                }
#pragma warning disable CA1031 // one instrument's misbehaviour must not end the watch over the others
                catch (Exception e) when (e is not OperationCanceledException && !stop.IsCancellationRequested)
#pragma warning restore CA1031
                {
                    // Anything else an instrument can provoke (an answer a driver cannot read, a connection that
                    // vanished mid-call) must not end the watch either: record it, look again at the period.
                    _log.Error(e, "The {Interlock} interlock failed to evaluate", interlock.Definition.Name);
                    _context.Safety.Note(interlock.Definition.Role, $"The {interlock.Definition.Name} interlock could not evaluate: {e.Message}");
                    next = interlock.Definition.Period;
                }

                Volatile.Write(ref _evaluating, null);
                Interlocked.Increment(ref _evaluations);
                lock (_gate)
                {
                    // A command to its role while it was reading may have changed the hazard after the reading
                    // (the shutter opened just after it was read closed): look again at once, not after `next`.
                    _due[interlock] = _commands[interlock] == commandsBefore ? _context.Clock.GetUtcNow() + next : _context.Clock.GetUtcNow();
                }
            }

            await SleepUntilDueAsync(stop);
        }
    }

    private async Task SleepUntilDueAsync(CancellationToken stop)
    {
        CancellationTokenSource wake;
        TimeSpan wait;
        lock (_gate)
        {
            if (_wake.IsCancellationRequested)
            {
                // Woken while evaluating: the wake-up is not lost, the commanded interlocks are due now.
                _wake.Dispose();
                _wake = new CancellationTokenSource();
                wait = TimeSpan.Zero;
                wake = _wake;
            }
            else
            {
                wait = _due.Values.Min() - _context.Clock.GetUtcNow();
                wake = _wake;
            }
        }

        // Each look at the interlocks begins when the clock gives the monitor its turn: when its sleep ends (the
        // others sleep then), or, when due at once or woken by another's command, once the others sleep at this
        // same instant. Never alongside the step runner, whose reads of the same instruments would otherwise
        // interleave with the monitor's in the order the threads ran, moving every simulated reading's noise.
        if (wait <= TimeSpan.Zero)
        {
            await _context.TakeTurnAsync(stop);
            return;
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stop, wake.Token);
        try
        {
            await _context.WaitAsync(wait, linked.Token);
        }
        catch (OperationCanceledException) when (!stop.IsCancellationRequested)
        {
            // Woken by a command: the interlocks watching it are due now, evaluated once the commanding flow sleeps.
            await _context.TakeTurnAsync(stop);
        }
    }

    private void OnWoken(Interlock interlock)
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _due[interlock] = _context.Clock.GetUtcNow();
            _commands[interlock]++;
            _wake.Cancel();
        }
    }

    private void OnCommanded(string role, MethodInfo method)
    {
        if (IdempotentQueries.IsQuery(method) || method.IsDefined(typeof(InstrumentWatchAttribute), inherit: true))
        {
            // A read, or an instrument's own watch armed or read (an interlock arming its chamber's alarm): no hazard for
            // any interlock to look at, and the setpoint is what it was (it woke the chamber's other interlock and made
            // it query the setpoint again at every arming).
            return;
        }

        _context.Commanded(role);
        // An interlock's own commands (arming its instrument, its response) are not a hazard it must look at again.
        var own = _context.Safety.InMonitorFlow ? Volatile.Read(ref _evaluating) : null;
        var now = _context.Clock.GetUtcNow();
        var woke = false;
        lock (_gate)
        {
            foreach (var interlock in _interlocks.Where(i => !ReferenceEquals(i, own) && i.WatchesCommandsTo(role)))
            {
                _due[interlock] = now;
                _commands[interlock]++;
                woke = true;
            }

            if (woke)
            {
                _wake.Cancel();
            }
        }
    }
}
