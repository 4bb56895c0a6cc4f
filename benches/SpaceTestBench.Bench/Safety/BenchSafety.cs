using System.Reflection;
using SpaceTestBench.Bench.Definitions;
using SpaceTestBench.Bench.Resilience;
using SpaceTestBench.Results.Quantities;
using SpaceTestBench.Results.Recording;
using SpaceTestBench.Simulation.Clock;

namespace SpaceTestBench.Bench.Safety;

/// <summary>
/// The bench's safety record and controls, shared by the steps, the interlock monitor and the instrument
/// handles: instrument faults, interlock trips and safe-state runs as they happened (each also recorded in
/// the results), the journal of commanded settings, the per-scenario interlock actions, and the gate that
/// holds the steps' instrument calls while an interlock responds. Steps use it to assert on safety
/// ("the latch-up interlock responded within 50 ms") without the feature file having to arm anything.
/// </summary>
public sealed class BenchSafety : IDisposable
{
    private static readonly TimeSpan GatePoll = TimeSpan.FromMilliseconds(1);
    private readonly Lock _gate = new();
    private readonly List<InstrumentFaultRecord> _faults = [];
    private readonly List<InterlockTrip> _trips = [];
    private readonly List<SafeStateReport> _safeStates = [];
    private readonly Dictionary<string, InterlockAction> _actions = new(StringComparer.OrdinalIgnoreCase);
    private readonly AsyncLocal<bool> _responding = new();
    private CancellationTokenSource _abort = new();
    private ResultRecorder? _results;
    private ScenarioRecorder? _scenario;
    private InterlockTrip? _abortedBy;
    private InstrumentFaultException? _blindedBy;
    private int _responses;

    internal BenchSafety(TimeProvider clock, SafetyDefinition definition, Func<InstrumentHandle, IReadOnlyList<string>> rolesOf)
    {
        Clock = clock;
        Definition = definition;
        RolesOfHandle = rolesOf;
    }

    /// <summary>The bench file's safety section.</summary>
    public SafetyDefinition Definition { get; }

    /// <summary>The settings commanded through roles, last value of each, in order.</summary>
    public SettingsJournal Journal { get; } = new();

    /// <summary>Every instrument fault seen, recovered or not.</summary>
    public IReadOnlyList<InstrumentFaultRecord> InstrumentFaults
    {
        get
        {
            lock (_gate)
            {
                return [.. _faults];
            }
        }
    }

    /// <summary>Every interlock trip, in order.</summary>
    public IReadOnlyList<InterlockTrip> Trips
    {
        get
        {
            lock (_gate)
            {
                return [.. _trips];
            }
        }
    }

    /// <summary>Every run of the safe-state sequence, in order.</summary>
    public IReadOnlyList<SafeStateReport> SafeStates
    {
        get
        {
            lock (_gate)
            {
                return [.. _safeStates];
            }
        }
    }

    /// <summary>The trip that stopped the current scenario, if one did.</summary>
    public InterlockTrip? AbortedBy
    {
        get
        {
            lock (_gate)
            {
                return _abortedBy;
            }
        }
    }

    internal TimeProvider Clock { get; }

    internal Func<InstrumentHandle, IReadOnlyList<string>> RolesOfHandle { get; }

    /// <summary>The operator's stop (Ctrl-C, SIGTERM) that <see cref="BenchSession.StopOn"/> named; none until then.</summary>
    internal CancellationToken OperatorStop { get; set; }

    /// <summary>Cancelled when the current scenario is stopped by an interlock; bench waits end with it.</summary>
    internal CancellationToken AbortToken
    {
        get
        {
            lock (_gate)
            {
                return _abort.Token;
            }
        }
    }

    /// <summary>Raised (on the monitor's thread) after an interlock tripped and the bench responded.</summary>
    public event EventHandler<InterlockTrip>? Tripped;

    /// <summary>
    /// Records bench events into <paramref name="results"/> from now on (events between scenarios are run-level); null: no
    /// longer. Only <see cref="BenchSession.AttachCampaign"/> calls it, for the campaign's lifetime.
    /// </summary>
    internal void AttachResults(ResultRecorder? results)
    {
        lock (_gate)
        {
            _results = results;
        }
    }

    /// <summary>
    /// A scenario starts: its events go to <paramref name="scenario"/>, the bench-file actions of the
    /// interlocks apply again, and any stop of the previous scenario is cleared.
    /// </summary>
    public void BeginScenario(ScenarioRecorder? scenario)
    {
        lock (_gate)
        {
            _scenario = scenario;
            _actions.Clear();
            _abortedBy = null;
            _blindedBy = null;
            if (_abort.IsCancellationRequested)
            {
                _abort.Dispose();
                _abort = new CancellationTokenSource();
            }
        }
    }

    /// <summary>The scenario ended: events are run-level again.</summary>
    public void EndScenario()
    {
        lock (_gate)
        {
            _scenario = null;
        }
    }

    /// <summary>
    /// For the current scenario only, what happens after <paramref name="interlockNameOrKind"/> trips (an SEL
    /// test continues after a latch-up, a TID test stops): by the interlock's bench-file name or its kind.
    /// </summary>
    public void SetAction(string interlockNameOrKind, InterlockAction action)
    {
        ArgumentNullException.ThrowIfNull(interlockNameOrKind);
        if (!Definition.Interlocks.Any(i => Matches(i, interlockNameOrKind)))
        {
            throw new ArgumentException(
                $"the bench declares no interlock '{interlockNameOrKind}'; it has: {string.Join(", ", Definition.Interlocks.Select(i => $"{i.Name} ({i.Kind})"))}.", nameof(interlockNameOrKind));
        }

        lock (_gate)
        {
            _actions[interlockNameOrKind] = action;
        }
    }

    /// <summary>The action for <paramref name="interlock"/> in the current scenario.</summary>
    public InterlockAction ActionFor(InterlockDefinition interlock)
    {
        ArgumentNullException.ThrowIfNull(interlock);
        lock (_gate)
        {
            return _actions.TryGetValue(interlock.Name, out var byName) ? byName
                : _actions.TryGetValue(interlock.Kind.ToString(), out var byKind) ? byKind
                : interlock.OnTrip;
        }
    }

    /// <summary>Records a bench event in the current scenario, or at run level between scenarios.</summary>
    public void Record(BenchEventKind kind, string? role, string message, IReadOnlyDictionary<string, Quantity>? values = null)
    {
        ScenarioRecorder? scenario;
        ResultRecorder? results;
        lock (_gate)
        {
            scenario = _scenario;
            results = _results;
        }

        try
        {
            if (scenario is not null)
            {
                scenario.RecordEvent(kind, role, message, values);
            }
            else
            {
                results?.RecordEvent(kind, role, message, values);
            }
        }
        catch (ObjectDisposedException)
        {
            // The run's record is closed (the bench outlives it while it shuts down); the event stays in this object.
        }
    }

    internal void Fault(InstrumentFaultRecord fault)
    {
        lock (_gate)
        {
            _faults.Add(fault);
        }

        Record(BenchEventKind.InstrumentFault, fault.Role,
            $"{fault.Instrument}: {fault.Operation} failed: {fault.Error}{(fault.Recovered ? " Recovered by retrying." : "")}");
    }

    internal void Note(string role, string message) => Record(BenchEventKind.Note, role, message);

    internal void Add(SafeStateReport report)
    {
        lock (_gate)
        {
            _safeStates.Add(report);
        }

        var stages = string.Join("; ", report.Stages.Select((s, i) =>
            $"{i + 1}. {s.Name} ({(s.Instruments.Count == 0 ? "nothing to do" : string.Join(", ", s.Instruments))}) {s.Duration.TotalMilliseconds:0} ms{(s.Failures.Count == 0 ? "" : " FAILED: " + string.Join("; ", s.Failures))}"));
        var values = new Dictionary<string, Quantity> { ["duration"] = new(report.Duration.TotalMilliseconds, Units.Parse("ms")) };
        Record(BenchEventKind.SafeState, null,
            $"Safe state ({report.Reason}: {report.Detail}) {(report.Complete ? "reached" : "INCOMPLETE")} in {report.Duration.TotalMilliseconds:0} ms: {stages}", values);
    }

    internal void Add(InterlockTrip trip, IReadOnlyDictionary<string, Quantity> values)
    {
        lock (_gate)
        {
            _trips.Add(trip);
        }

        var kind = trip.Kind == InterlockKind.Latchup ? BenchEventKind.SingleEventLatchup : BenchEventKind.InterlockTrip;
        var timing = trip.RespondedInTime ? "" : $" SLOWER than the allowed {trip.AllowedResponseTime!.Value.TotalMilliseconds:0} ms.";
        Record(kind, trip.Role,
            $"The {trip.Name} interlock tripped: {trip.Reading} beyond {trip.Limit}; {trip.Response} in {trip.ResponseTime.TotalMilliseconds:0.0} ms; the scenario {(trip.Action == InterlockAction.Stop ? "was stopped" : "continues")}.{timing}",
            values);
        Tripped?.Invoke(this, trip);
    }

    /// <summary>Stops the current scenario: the steps' next bench call throws, a bench wait ends now.</summary>
    internal void Abort(InterlockTrip trip)
    {
        CancellationTokenSource abort;
        lock (_gate)
        {
            _abortedBy ??= trip;
            abort = _abort;
        }

        abort.Cancel();
    }

    /// <summary>
    /// Stops the current scenario because an interlock cannot read its instrument (<paramref name="fault"/>): a
    /// scenario nobody can watch is not run on. Its next bench call, or the wait it is in, throws an
    /// <see cref="InstrumentFaultException"/>, so it ends in Error and its safe state runs.
    /// </summary>
    internal void AbortBlind(string interlock, InstrumentFaultException fault)
    {
        CancellationTokenSource abort;
        lock (_gate)
        {
            _blindedBy ??= new InstrumentFaultException(
                fault.Role, fault.Instrument, fault.Operation,
                $"the {interlock} interlock cannot read it, so the scenario cannot be protected and was stopped ({fault.InnerException?.Message ?? fault.Message})", fault);
            abort = _abort;
        }

        abort.Cancel();
    }

    /// <summary>The fault that stopped the current scenario because an interlock cannot read its instrument; never for the monitor's own flow.</summary>
    internal InstrumentFaultException? BlindedBy
    {
        get
        {
            if (_responding.Value)
            {
                return null;
            }

            lock (_gate)
            {
                return _blindedBy;
            }
        }
    }

    internal void ThrowIfAborted()
    {
        if (_responding.Value)
        {
            return;
        }

        if (AbortedBy is { } trip)
        {
            throw new InterlockTrippedException(trip);
        }

        if (BlindedBy is { } blinded)
        {
            throw blinded;
        }
    }

    /// <summary>Whether the calling flow is the interlock monitor's (<see cref="MarkMonitorFlow"/>).</summary>
    internal bool InMonitorFlow => _responding.Value;

    /// <summary>Marks the calling flow (the interlock monitor's) as privileged: it passes the gate and is never aborted.</summary>
    internal void MarkMonitorFlow() => _responding.Value = true;

    /// <summary>An interlock responds: the steps' instrument calls wait until this is disposed.</summary>
    internal IDisposable Respond()
    {
        Interlocked.Increment(ref _responses);
        return new Responding(this);
    }

    /// <summary>Waits, in bench time, while an interlock responds (a step's reading in mid power cycle would be wrong).</summary>
    internal async Task EnterAsync(CancellationToken cancellationToken)
    {
        // Polled in bench time rather than awaited on a signal: on a virtual clock a step blocked on a signal
        // is not sleeping, and time could never pass for the response's power-off wait.
        while (!_responding.Value && Volatile.Read(ref _responses) > 0)
        {
            if (Clock is VirtualClock virtualClock)
            {
                await virtualClock.SleepAsync(GatePoll, cancellationToken);
            }
            else
            {
                await Task.Delay(GatePoll, Clock, cancellationToken);
            }
        }
    }

    internal void Leave(string role, MethodInfo method) => Commanded?.Invoke(role, method);

    /// <summary>Raised after a role operation, so the monitor can look at once when a hazard may have appeared.</summary>
    internal event Action<string, MethodInfo>? Commanded;

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_gate)
        {
            _abort.Dispose();
        }
    }

    private static bool Matches(InterlockDefinition interlock, string nameOrKind) =>
        interlock.Name.Equals(nameOrKind, StringComparison.OrdinalIgnoreCase) || interlock.Kind.ToString().Equals(nameOrKind, StringComparison.OrdinalIgnoreCase);

    private sealed class Responding(BenchSafety safety) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                Interlocked.Decrement(ref safety._responses);
            }
        }
    }
}
