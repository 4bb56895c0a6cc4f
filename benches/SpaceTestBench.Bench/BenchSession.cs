using Serilog;
using SpaceTestBench.Bench.Definitions;
using SpaceTestBench.Bench.Duts;
using SpaceTestBench.Bench.Resilience;
using SpaceTestBench.Bench.Safety;
using SpaceTestBench.Instruments;
using SpaceTestBench.Instruments.Roles;
using SpaceTestBench.Results.Recording;
using SpaceTestBench.Simulation;
using SpaceTestBench.Simulation.Clock;
using SpaceTestBench.Simulation.Faults;
using SpaceTestBench.Visa;

namespace SpaceTestBench.Bench;

/// <summary>
/// A bench in use: the simulators it asked for are serving, a driver is open for every instrument, roles
/// resolve to drivers behind the bench's fault handling, and the bench file's interlocks are watched.
/// Every abort path ends in <see cref="SafeStateAsync(SafeStateReason, string, CancellationToken)"/>;
/// disposing it runs the safe state too, then closes the drivers and stops the simulators.
/// </summary>
public sealed class BenchSession : IAsyncDisposable
{
    private readonly List<InstrumentHandle> _instruments;
    private readonly ILogger _log;
    private readonly SemaphoreSlim _safeState = new(1, 1);
    private readonly Dictionary<(string Role, Type Capability), object> _roles = [];
    private readonly Lock _rolesGate = new();
    private SimulatedFacilityHost? _host;
    private InterlockMonitor? _monitor;
    private (string? Scenario, int Step) _waitStep;
    private CancellationToken _stop;
    private int _waitOrdinal;
    private bool _disposed;
    private CampaignAttachment? _campaign;

    private BenchSession(BenchDefinition definition, DutProfile dut, TimeProvider clock, List<InstrumentHandle> instruments, ILogger log)
    {
        Definition = definition;
        Dut = dut;
        Clock = clock;
        _instruments = instruments;
        _log = log;
        Safety = new BenchSafety(clock, definition.Safety, RolesOf);
    }

    /// <summary>Faults, interlock trips, safe states, the settings journal, and per-scenario interlock actions.</summary>
    public BenchSafety Safety { get; }

    /// <summary>
    /// Where long waits record their progress, so a resumed run waits only the rest: the attached campaign's
    /// (<see cref="AttachCampaign"/>); null when no campaign is attached or it keeps no checkpoints.
    /// </summary>
    public IWaitCheckpoints? Checkpoints => Volatile.Read(ref _campaign)?.Checkpoints;

    /// <summary>
    /// A campaign takes the bench for its lifetime: bench events (interlock trips, safe states, faults) are recorded
    /// into <paramref name="results"/> and long waits checkpoint into <paramref name="checkpoints"/> until the returned
    /// attachment is disposed. The bench outlives its campaigns (a facility station keeps its bench open between
    /// them), so this is a scoped attachment rather than constructor wiring; one campaign at a time: a second while
    /// one is attached is refused, since both would record the same bench events and checkpoint the same waits.
    /// </summary>
    /// <exception cref="InvalidOperationException">Another campaign is attached.</exception>
    public IDisposable AttachCampaign(ResultRecorder results, IWaitCheckpoints? checkpoints)
    {
        ArgumentNullException.ThrowIfNull(results);
        var attachment = new CampaignAttachment(this, checkpoints);
        if (Interlocked.CompareExchange(ref _campaign, attachment, null) is not null)
        {
            throw new InvalidOperationException($"Another campaign is attached to bench '{Definition.Name}'; it must end before a new one starts.");
        }

        Safety.AttachResults(results);
        return attachment;
    }

    private void Detach(CampaignAttachment attachment)
    {
        if (Interlocked.CompareExchange(ref _campaign, null, attachment) == attachment)
        {
            Safety.AttachResults(null);
        }
    }

    /// <summary>A campaign's hold on the bench; disposing it detaches the campaign (idempotent).</summary>
    private sealed class CampaignAttachment(BenchSession bench, IWaitCheckpoints? checkpoints) : IDisposable
    {
        public IWaitCheckpoints? Checkpoints { get; } = checkpoints;

        public void Dispose() => bench.Detach(this);
    }

    /// <summary>How many interlock evaluations the monitor has made (for the cost figures in docs/safety.md).</summary>
    public long InterlockEvaluations => _monitor?.Evaluations ?? 0;

    /// <summary>The bench file.</summary>
    public BenchDefinition Definition { get; }

    /// <summary>The device under test.</summary>
    public DutProfile Dut { get; }

    /// <summary>Bench time: virtual on a simulated bench, the wall clock on a real one.</summary>
    public TimeProvider Clock { get; }

    /// <summary>The instruments as opened: id, model, resource, identity.</summary>
    public IEnumerable<(InstrumentDefinition Definition, string Resource, IInstrument Driver)> Instruments =>
        _instruments.Select(i => (i.Definition, i.Resource, i.Driver));

    /// <summary>Watches the bench file's interlocks from now on (the run calls it once the results are attached).</summary>
    public void StartInterlocks()
    {
        if (_monitor is not null)
        {
            return;
        }

        _monitor = new InterlockMonitor(this, _log);
        _monitor.Start();
    }

    /// <summary>
    /// Restores the simulated world's physics an interrupted run saved (<c>run --resume</c>). The interlocks have been
    /// watching the freshly started simulators since the bench opened; what they learnt of that world (where the chamber
    /// air was when its setpoint last changed, a controller alarm armed around room temperature) does not hold for the
    /// restored one, whose chamber may be at 125 °C. So they start watching afresh, as on a real bench opened onto a
    /// chamber that is already hot: without it a controller alarm armed around the fresh world's air requests service the
    /// moment the restored air is outside it, and the deviation interlock trips on a jump no chamber made.
    /// </summary>
    /// <exception cref="InvalidOperationException">The bench has no simulators.</exception>
    public async Task RestoreWorldAsync(string state)
    {
        var world = Simulation ?? throw new InvalidOperationException("This bench has no simulated world to restore.");
        if (_monitor is { } watching)
        {
            _monitor = null;
            await watching.DisposeAsync();
        }

        world.RestoreState(state);
        StartInterlocks();
    }

    /// <summary>The simulated world (the DUT's ground truth and DUT-level faults); null on a bench with no simulators.</summary>
    public SimulatedFacility? Simulation => _host?.Facility;

    /// <summary>Starts the simulators the bench file asks for and opens a driver per instrument.</summary>
    /// <exception cref="BenchOpenException">An instrument's model or role is unknown, or it cannot be started or does not answer; the message names role, model and resource.</exception>
    public static Task<BenchSession> OpenAsync(BenchDefinition definition, DutProfile dut, ILogger? log = null, CancellationToken cancellationToken = default) =>
        OpenAsync(definition, dut, null, log, cancellationToken);

    /// <summary>
    /// Opens the bench as <see cref="OpenAsync(BenchDefinition, DutProfile, ILogger?, CancellationToken)"/>; a
    /// virtual clock starts at <paramref name="benchStart"/> (a resumed run continues its bench time), else at the bench
    /// file's <see cref="BenchDefinition.ClockStart"/>, else at the wall clock's now.
    /// </summary>
    public static async Task<BenchSession> OpenAsync(BenchDefinition definition, DutProfile dut, DateTimeOffset? benchStart, ILogger? log = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(dut);
        log ??= Serilog.Core.Logger.None;
        Validate(definition);
        TimeProvider clock = definition.Clock == BenchClockKind.Virtual ? new VirtualClock(benchStart ?? definition.ClockStart ?? TimeProvider.System.GetUtcNow()) : TimeProvider.System;
        var instruments = new List<InstrumentHandle>();
        var session = new BenchSession(definition, dut, clock, instruments, log);
        try
        {
            if (definition.Instruments.Values.Any(i => i.Simulated))
            {
                session._host = await SimulatedFacilityHost.StartAsync(definition, dut, clock, log);
            }

            foreach (var instrument in definition.Instruments.Values)
            {
                var roles = RolesOf(definition, instrument);
                var hosted = instrument.Resource is null ? session._host!.Instruments.First(h => h.Definition.Id == instrument.Id) : null;
                var resource = instrument.Resource ?? hosted!.Resource;
                // A simulated instrument's service request line is seen in process, as a GPIB controller sees its SRQ line.
                var line = hosted?.Faults.Instrument as Simulation.Instruments.IServiceRequester;
                InstrumentDrivers.TryGet(instrument.Model, out var driver);
                IInstrument? opened = null;
                var options = new VisaOpenOptions
                {
                    TimeoutMilliseconds = instrument.TimeoutMilliseconds,
                    PortmapperPort = hosted?.PortmapperPort ?? VisaOpenOptions.StandardPortmapperPort,
                };
                try
                {
                    opened = driver.Create(InstrumentHandle.WithLine(await VisaResourceManager.OpenAsync(resource, options, cancellationToken), line));
                    await opened.OpenAsync(cancellationToken);
                }
                catch (Exception e) when (e is VisaException or IOException)
                {
                    if (opened is not null)
                    {
                        await opened.DisposeAsync();
                    }

                    throw new BenchOpenException($"{Describe(roles, instrument)} ({instrument.Model} at {resource}): {e.Message}", e);
                }

                instruments.Add(new InstrumentHandle(instrument, resource, options, opened, instrument.Retry ?? definition.Safety.Retry, session.Safety, line));
                log.Information("Opened {Model} at {Resource}: {Identity}", instrument.Model, resource, opened.Identity);
            }

            // Interlocks protect every scenario from the moment the bench is open, whether or not a feature asks.
            session.StartInterlocks();
            return session;
        }
        catch
        {
            await session.DisposeAsync();
            throw;
        }
    }

    /// <summary>The driver playing <paramref name="roleName"/>, as the capability <typeparamref name="T"/>.</summary>
    public BenchRole<T> Role<T>(string roleName) where T : IInstrument
    {
        if (!Definition.Roles.TryGetValue(roleName, out var role))
        {
            throw new BenchConfigurationException(
                Definition.File, "$.roles", $"the bench has no role '{roleName}'; it has: {string.Join(", ", Definition.Roles.Keys)}.");
        }

        var open = _instruments.First(i => i.Definition.Id == role.InstrumentId);
        if (open.Driver is not T)
        {
            throw new BenchConfigurationException(
                Definition.File, JsonFields.Child("$.roles", roleName),
                $"the role '{roleName}' needs {BenchRoles.Describe(typeof(T))} but the {open.Definition.Model} is not one.");
        }

        T proxy;
        lock (_rolesGate)
        {
            if (!_roles.TryGetValue((role.Name, typeof(T)), out var cached))
            {
                cached = RoleProxy.Create<T>(role.Name, open, Safety);
                _roles[(role.Name, typeof(T))] = cached;
            }

            proxy = (T)cached;
        }

        return new BenchRole<T>(role.Name, proxy, open.Definition, role.Channel ?? 1, role.Rail);
    }

    /// <summary>
    /// Calls <paramref name="handler"/> whenever the instrument with this id or playing this role requests service
    /// (IEEE 488.2 SRQ), if the bench can deliver its requests: the watch (dispose it to stop), or null if it cannot
    /// (then the caller polls). A simulator raises its requests at the exact bench time its physics crosses the
    /// armed condition and holds bench time there until <paramref name="handler"/> has returned, so the handler
    /// notes the request and returns; it must not wait in bench time.
    /// </summary>
    public IDisposable? WatchServiceRequests(string instrumentIdOrRole, Action handler) =>
        _host?.Find(instrumentIdOrRole)?.Faults.Instrument is Simulation.Instruments.IServiceRequester requester
            ? requester.WatchServiceRequests(handler)
            : null;

    /// <summary>Whether the bench has <paramref name="roleName"/>.</summary>
    public bool HasRole(string roleName) => Definition.Roles.ContainsKey(roleName);

    /// <summary>
    /// The fault injector of the simulated instrument with this id or playing this role, to make it
    /// misbehave at a chosen moment.
    /// </summary>
    public FaultInjector Faults(string instrumentIdOrRole)
    {
        ArgumentNullException.ThrowIfNull(instrumentIdOrRole);
        return _host?.Find(instrumentIdOrRole)?.Faults
            ?? throw new BenchConfigurationException(
                Definition.File, "$.instruments",
                $"no simulated instrument '{instrumentIdOrRole}' (by id or role) on this bench; faults can be injected only into simulators.");
    }

    /// <summary>
    /// Waits <paramref name="duration"/> of bench time (instant on a virtual clock). A wait of at least the
    /// checkpoint interval (an anneal, a dwell) records its progress as it goes, and in a resumed run waits
    /// only what was left. An interlock that stops the scenario ends the wait with <see cref="InterlockTrippedException"/>.
    /// </summary>
    public async Task WaitAsync(TimeSpan duration, CancellationToken cancellationToken = default)
    {
        var interval = Definition.Safety.CheckpointInterval;
        if (Checkpoints is not { } checkpoints || duration < interval)
        {
            await SleepAsync(duration, cancellationToken);
            return;
        }

        var ordinal = NextWaitOrdinal();
        var done = checkpoints.AlreadyWaited(ordinal, duration);
        if (done > TimeSpan.Zero)
        {
            Safety.Note("bench", $"Resuming a wait of {duration.TotalHours:0.###} h with {(duration - done).TotalHours:0.###} h left ({done.TotalHours:0.###} h were done before the interruption).");
        }

        while (done < duration)
        {
            var chunk = duration - done < interval ? duration - done : interval;
            await SleepAsync(chunk, cancellationToken);
            done += chunk;
            checkpoints.Progress(ordinal, duration, done);
        }
    }

    /// <summary>
    /// Checkpoints the world's physics at a milestone of the running step (<see cref="IWaitCheckpoints.Milestone"/>): an
    /// exposure that reached its dose, so a cut before the step's end resumes with that dose delivered and the source's
    /// log of its end, rather than from an earlier look and an exposure to finish again.
    /// </summary>
    public void CheckpointMilestone() => Checkpoints?.Milestone();

    /// <summary>The step a wait belongs to changed: the ordinal of its long waits starts again.</summary>
    private int NextWaitOrdinal()
    {
        var step = Checkpoints?.CurrentStep ?? (null, 0);
        if (step != _waitStep)
        {
            _waitStep = step;
            _waitOrdinal = 0;
        }

        return _waitOrdinal++;
    }

    /// <summary>
    /// Ends every bench wait when <paramref name="stop"/> is cancelled (Ctrl-C, SIGTERM): a week-long dwell
    /// on a real bench must not hold the operator's stop. The interrupted step stays unfinished and a
    /// resumed run waits only what was left. Once it is cancelled, a safe state no longer waits for a silent
    /// instrument to come back (<see cref="Resilience.InstrumentHandle"/>'s reconnect window).
    /// </summary>
    public void StopOn(CancellationToken stop)
    {
        _stop = stop;
        Safety.OperatorStop = stop;
    }

    /// <summary>
    /// The operator's stop given to <see cref="StopOn"/> (none before): for a hook's own waits, since a Reqnroll hook
    /// cannot take a <see cref="CancellationToken"/> parameter (its container resolves no struct).
    /// </summary>
    public CancellationToken Stopping => _stop;

    private async Task SleepAsync(TimeSpan duration, CancellationToken cancellationToken)
    {
        Safety.ThrowIfAborted();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, Safety.AbortToken, _stop);
        try
        {
            await (Clock is VirtualClock virtualClock
                ? virtualClock.SleepAsync(duration, linked.Token)
                : Task.Delay(duration, Clock, linked.Token));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && !_stop.IsCancellationRequested && Safety.AbortedBy is { } trip)
        {
            throw new InterlockTrippedException(trip);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && !_stop.IsCancellationRequested && Safety.BlindedBy is { } blinded)
        {
            throw blinded;
        }
    }

    /// <summary>
    /// Polls <paramref name="condition"/> every <paramref name="pollInterval"/> of bench time until it holds
    /// (true) or <paramref name="timeout"/> of bench time has passed (false).
    /// </summary>
    public async Task<bool> WaitUntilAsync(Func<CancellationToken, Task<bool>> condition, TimeSpan pollInterval, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(pollInterval, TimeSpan.Zero);
        var deadline = Clock.GetUtcNow() + timeout;
        while (true)
        {
            if (await condition(cancellationToken))
            {
                return true;
            }

            var left = deadline - Clock.GetUtcNow();
            if (left <= TimeSpan.Zero)
            {
                return false;
            }

            // Polls are not long waits: they are neither checkpointed nor counted, so a resumed step's waits line up.
            await SleepAsync(left < pollInterval ? left : pollInterval, cancellationToken);
        }
    }

    /// <summary>Runs the safe-state sequence because a step or a test asked for it; throws if an instrument could not be made safe.</summary>
    public async Task SafeStateAsync(CancellationToken cancellationToken = default)
    {
        var report = await SafeStateAsync(SafeStateReason.Requested, "requested", cancellationToken);
        if (!report.Complete)
        {
            throw new AggregateException(
                "Some instruments could not be put in their safe state: " + string.Join("; ", report.Stages.SelectMany(s => s.Failures)));
        }
    }

    /// <summary>
    /// Runs the one safe-state sequence (docs/safety.md): radiation off, DUT power off, chamber to ambient,
    /// every other instrument; every instrument tried even when one fails. Recorded as a safe-state event
    /// with each stage's timing. One sequence at a time: a second request waits for the first and runs again.
    /// </summary>
    public async Task<SafeStateReport> SafeStateAsync(SafeStateReason reason, string detail, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(detail);
        await _safeState.WaitAsync(cancellationToken);
        try
        {
            var report = await SafeStateSequence.RunAsync(_instruments, RolesOf, reason, detail, Clock, _log, cancellationToken);
            Safety.Add(report);
            _log.Information("Safe state ({Reason}: {Detail}) {Outcome} in {Milliseconds:0} ms", reason, detail, report.Complete ? "reached" : "INCOMPLETE", report.Duration.TotalMilliseconds);
            return report;
        }
        finally
        {
            _safeState.Release();
        }
    }

    /// <summary>
    /// Restores the settings of <paramref name="journal"/> (a resumed run's last checkpoint), in the order
    /// they were last commanded, except radiation on: the chamber setpoint, supply levels and outputs, the
    /// optical path. Returns the settings restored.
    /// </summary>
    public async Task<int> RestoreAsync(IReadOnlyList<JournalEntry> journal, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(journal);
        var restored = 0;
        foreach (var entry in journal.Where(e => !SettingsJournal.NotRestored.Contains(e.Operation)))
        {
            if (!HasRole(entry.Role) || !BenchRoles.TryGet(entry.Role, out var kind))
            {
                continue;
            }

            var method = kind.Capability.GetMethods().Concat(kind.Capability.GetInterfaces().SelectMany(i => i.GetMethods()))
                .FirstOrDefault(m => m.Name == entry.Operation && m.GetParameters().Count(p => p.ParameterType != typeof(CancellationToken)) == entry.Arguments.Count);
            if (method is null)
            {
                continue;
            }

            var role = typeof(BenchSession).GetMethod(nameof(Role))!.MakeGenericMethod(kind.Capability).Invoke(this, [entry.Role])!;
            var instrument = role.GetType().GetProperty("Instrument")!.GetValue(role);
            await (Task)method.Invoke(instrument, SettingsJournal.Arguments(entry, method, cancellationToken))!;
            restored++;
        }

        return restored;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_monitor is not null)
        {
            await _monitor.DisposeAsync();
        }

        var report = await SafeStateAsync(SafeStateReason.SessionEnd, "the bench session was closed");
        if (!report.Complete)
        {
            _log.Error("Closing the bench without a complete safe state");
        }

        foreach (var instrument in _instruments)
        {
            await instrument.Driver.DisposeAsync();
        }

        if (_host is not null)
        {
            // What the bench cost in SCPI exchanges, per instrument: how the main job's cost is counted (docs/architecture.md).
            _log.Information(
                "Simulated instruments exchanged {Messages} program messages ({PerInstrument})",
                _host.Instruments.Sum(i => i.Faults.Messages),
                string.Join(", ", _host.Instruments.Select(i => $"{i.Definition.Id} {i.Faults.Messages}")));
            _log.Information(
                "Simulated instruments' program messages by header: {PerHeader}",
                string.Join("; ", _host.Instruments.Where(i => i.Faults.Messages > 0).Select(i => $"{i.Definition.Id}: {string.Join(", ", i.Faults.MessagesByHeader.Select(h => $"{h.Key} {h.Value}"))}")));
            await _host.DisposeAsync();
        }

        _safeState.Dispose();
        Safety.Dispose();
    }

    /// <summary>"role 'DUT supply'" or "instrument 'psu2'", for messages.</summary>
    internal static string Describe(IReadOnlyList<RoleDefinition> roles, InstrumentDefinition instrument) =>
        roles.Count == 0 ? $"instrument '{instrument.Id}'" : $"role {string.Join(", ", roles.Select(r => $"'{r.Name}'"))}";

    private static List<RoleDefinition> RolesOf(BenchDefinition definition, InstrumentDefinition instrument) =>
        definition.Roles.Values.Where(r => r.InstrumentId == instrument.Id).ToList();

    /// <summary>
    /// A definition built in code skips the loader's checks: check again that every model has a driver and
    /// every role is known and playable, naming role, model and resource.
    /// </summary>
    private static void Validate(BenchDefinition definition)
    {
        foreach (var instrument in definition.Instruments.Values)
        {
            var roles = RolesOf(definition, instrument);
            var where = $"{Describe(roles, instrument)} ({instrument.Model} at {instrument.Resource ?? "simulator"})";
            if (!InstrumentDrivers.TryGet(instrument.Model, out var driver))
            {
                throw new BenchOpenException($"{where}: no driver for the model '{instrument.Model}'; known models: {string.Join(", ", InstrumentDrivers.All.Select(d => d.Model))}.", null);
            }

            foreach (var role in roles)
            {
                if (!BenchRoles.TryGet(role.Name, out var kind))
                {
                    throw new BenchOpenException($"{where}: '{role.Name}' is not a role of the facility's vocabulary; roles: {string.Join(", ", BenchRoles.All.Select(r => r.Name))}.", null);
                }

                if (!driver.Implements(kind.Capability))
                {
                    throw new BenchOpenException($"{where}: the {kind.Name} role needs {kind.Description}, and the {instrument.Model} is not one.", null);
                }
            }
        }

        foreach (var role in definition.Roles.Values.Where(r => !definition.Instruments.ContainsKey(r.InstrumentId)))
        {
            throw new BenchOpenException($"role '{role.Name}': no instrument '{role.InstrumentId}' on the bench.", null);
        }
    }

    private IReadOnlyList<string> RolesOf(InstrumentHandle handle) =>
        [.. Definition.Roles.Values.Where(r => r.InstrumentId == handle.Definition.Id).Select(r => r.Name)];
}
