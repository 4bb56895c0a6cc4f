using SpaceTestBench.Simulation.Clock;

namespace SpaceTestBench.Bench.Safety.Interlocks;

/// <summary>What an interlock works with: the bench, its safety record, the safe state, and bench-time waits that are never aborted.</summary>
internal sealed class InterlockContext(BenchSession session)
{
    public BenchSession Session { get; } = session;

    public BenchSafety Safety => Session.Safety;

    public TimeProvider Clock => Session.Clock;

    public bool VirtualTime => Session.Clock is VirtualClock;

    private readonly Lock _setpointsGate = new();
    private readonly Dictionary<string, (double Kelvin, DateTimeOffset ReadAt, long Generation)> _setpoints = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, long> _generations = new(StringComparer.Ordinal); // commands so far, by instrument id

    /// <summary>
    /// The chamber's setpoint through <paramref name="role"/>: read once, then known until a command goes to the chamber
    /// (through any of its roles: the only thing on the bench that changes a setpoint; the monitor calls
    /// <see cref="Commanded"/>, and commands to other instruments leave it known) or until
    /// <paramref name="longest"/> of bench time has passed (a controller that rebooted to its own setpoint is
    /// noticed). It spares the chamber interlocks a setpoint query and its error check at every evaluation, about
    /// half the chamber's exchanges in the main job (docs/safety.md, "Cadence").
    /// </summary>
    public async Task<double> SetpointAsync(string role, TimeSpan longest, CancellationToken cancellationToken)
    {
        long generation;
        lock (_setpointsGate)
        {
            if (_setpoints.TryGetValue(role, out var known) && known.Generation == Generation(role) && Clock.GetUtcNow() - known.ReadAt < longest)
            {
                return known.Kelvin;
            }

            generation = Generation(role);
        }

        var readAt = Clock.GetUtcNow();
        var kelvin = await Session.Role<Instruments.Roles.IThermalChamber>(role).Instrument.GetSetpointAsync(cancellationToken);
        lock (_setpointsGate)
        {
            // A command while it was being read may have changed it: then it is not known for the next look.
            _setpoints[role] = (kelvin, readAt, generation);
        }

        return kelvin;
    }

    // A safe state sends the chamber to ambient without a role command: it makes known setpoints unknown too. Under the gate.
    private long Generation(string role) => _generations.GetValueOrDefault(InstrumentOf(role)) + Safety.SafeStates.Count;

    private string InstrumentOf(string role) =>
        Session.Definition.Roles.TryGetValue(role, out var definition) ? definition.InstrumentId : role;

    /// <summary>A command went through <paramref name="role"/>: a setpoint known of its instrument may have changed.</summary>
    public void Commanded(string role)
    {
        lock (_setpointsGate)
        {
            var instrument = InstrumentOf(role);
            _generations[instrument] = _generations.GetValueOrDefault(instrument) + 1;
        }
    }

    /// <summary>
    /// On a virtual clock, waits until the step runner sleeps, at the same bench instant (<see cref="VirtualClock.YieldAsync"/>):
    /// the monitor then evaluates alone, so its readings and the steps' interleave in one order, whatever the threads'
    /// scheduling, and a run is reproducible value for value. Nothing to wait for on a real bench's clock.
    /// </summary>
    public Task TakeTurnAsync(CancellationToken cancellationToken) =>
        Session.Clock is VirtualClock virtualClock ? virtualClock.YieldAsync(cancellationToken) : Task.CompletedTask;

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
