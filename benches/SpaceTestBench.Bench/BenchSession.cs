using Serilog;
using SpaceTestBench.Bench.Definitions;
using SpaceTestBench.Bench.Duts;
using SpaceTestBench.Instruments;
using SpaceTestBench.Instruments.Roles;
using SpaceTestBench.Simulation;
using SpaceTestBench.Simulation.Clock;
using SpaceTestBench.Simulation.Faults;
using SpaceTestBench.Visa;

namespace SpaceTestBench.Bench;

/// <summary>
/// A bench in use: the simulators it asked for are serving, a driver is open for every instrument, and
/// roles resolve to drivers. Disposing it puts every instrument in its safe state, closes the drivers and
/// stops the simulators.
/// </summary>
public sealed class BenchSession : IAsyncDisposable
{
    private readonly List<OpenInstrument> _instruments;
    private readonly ILogger _log;
    private SimulatedFacilityHost? _host;
    private bool _disposed;

    private BenchSession(BenchDefinition definition, DutProfile dut, TimeProvider clock, List<OpenInstrument> instruments, ILogger log)
    {
        Definition = definition;
        Dut = dut;
        Clock = clock;
        _instruments = instruments;
        _log = log;
    }

    /// <summary>The bench file.</summary>
    public BenchDefinition Definition { get; }

    /// <summary>The device under test.</summary>
    public DutProfile Dut { get; }

    /// <summary>Bench time: virtual on a simulated bench, the wall clock on a real one.</summary>
    public TimeProvider Clock { get; }

    /// <summary>The instruments as opened: id, model, resource, identity.</summary>
    public IEnumerable<(InstrumentDefinition Definition, string Resource, IInstrument Driver)> Instruments =>
        _instruments.Select(i => (i.Definition, i.Resource, i.Driver));

    /// <summary>The simulated world (the DUT's ground truth and DUT-level faults); null on a bench with no simulators.</summary>
    public SimulatedFacility? Simulation => _host?.Facility;

    /// <summary>Starts the simulators the bench file asks for and opens a driver per instrument.</summary>
    /// <exception cref="BenchOpenException">An instrument's model or role is unknown, or it cannot be started or does not answer; the message names role, model and resource.</exception>
    public static async Task<BenchSession> OpenAsync(BenchDefinition definition, DutProfile dut, ILogger? log = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(dut);
        log ??= Serilog.Core.Logger.None;
        Validate(definition);
        TimeProvider clock = definition.Clock == BenchClockKind.Virtual ? new VirtualClock(TimeProvider.System.GetUtcNow()) : TimeProvider.System;
        var instruments = new List<OpenInstrument>();
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
                InstrumentDrivers.TryGet(instrument.Model, out var driver);
                IInstrument? opened = null;
                try
                {
                    var options = new VisaOpenOptions
                    {
                        TimeoutMilliseconds = instrument.TimeoutMilliseconds,
                        PortmapperPort = hosted?.PortmapperPort ?? VisaOpenOptions.StandardPortmapperPort,
                    };
                    var visa = await VisaResourceManager.OpenAsync(resource, options, cancellationToken);
                    opened = driver.Create(visa);
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

                instruments.Add(new OpenInstrument(instrument, resource, opened));
                log.Information("Opened {Model} at {Resource}: {Identity}", instrument.Model, resource, opened.Identity);
            }

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
        if (open.Driver is not T typed)
        {
            throw new BenchConfigurationException(
                Definition.File, JsonFields.Child("$.roles", roleName),
                $"the role '{roleName}' needs {BenchRoles.Describe(typeof(T))} but the {open.Definition.Model} is not one.");
        }

        return new BenchRole<T>(role.Name, typed, open.Definition, role.Channel ?? 1, role.Rail);
    }

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

    /// <summary>Waits <paramref name="duration"/> of bench time (instant on a virtual clock).</summary>
    public Task WaitAsync(TimeSpan duration, CancellationToken cancellationToken = default) =>
        Clock is VirtualClock virtualClock
            ? virtualClock.SleepAsync(duration, cancellationToken)
            : Task.Delay(duration, Clock, cancellationToken);

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

            await WaitAsync(left < pollInterval ? left : pollInterval, cancellationToken);
        }
    }

    /// <summary>Puts every instrument in its safe state; tries all of them even if one fails.</summary>
    public async Task SafeStateAsync(CancellationToken cancellationToken = default)
    {
        var failures = new List<Exception>();
        foreach (var instrument in _instruments)
        {
            try
            {
                await instrument.Driver.SafeStateAsync(cancellationToken);
            }
            catch (Exception e) when (e is VisaException or IOException)
            {
                _log.Error(e, "Safe state failed for {Model} at {Resource}", instrument.Definition.Model, instrument.Resource);
                failures.Add(e);
            }
        }

        if (failures.Count > 0)
        {
            throw new AggregateException("Some instruments could not be put in their safe state.", failures);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            await SafeStateAsync();
        }
        catch (AggregateException e)
        {
            _log.Error(e, "Closing the bench without a complete safe state");
        }

        foreach (var instrument in _instruments)
        {
            await instrument.Driver.DisposeAsync();
        }

        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
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

                if (!driver.Roles.Any(kind.Capability.IsAssignableFrom))
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

    private sealed record OpenInstrument(InstrumentDefinition Definition, string Resource, IInstrument Driver);
}
