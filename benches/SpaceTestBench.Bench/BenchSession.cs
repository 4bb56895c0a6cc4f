using Serilog;
using SpaceTestBench.Bench.Definitions;
using SpaceTestBench.Bench.Duts;
using SpaceTestBench.Instruments;
using SpaceTestBench.Instruments.Roles;
using SpaceTestBench.Simulation;
using SpaceTestBench.Simulation.Clock;
using SpaceTestBench.Visa;
using SpaceTestBench.Visa.Servers;

namespace SpaceTestBench.Bench;

/// <summary>
/// A bench in use: the simulators it asked for are serving, a driver is open for every instrument, and
/// roles resolve to drivers. Disposing it puts every instrument in its safe state, closes the drivers and
/// stops the simulators.
/// </summary>
public sealed class BenchSession : IAsyncDisposable
{
    private readonly List<OpenInstrument> _instruments;
    private readonly List<SocketServer> _servers;
    private readonly ILogger _log;
    private bool _disposed;

    private BenchSession(BenchDefinition definition, DutProfile dut, TimeProvider clock, List<OpenInstrument> instruments, List<SocketServer> servers, ILogger log)
    {
        Definition = definition;
        Dut = dut;
        Clock = clock;
        _instruments = instruments;
        _servers = servers;
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

    /// <summary>Starts the simulators the bench file asks for and opens a driver per instrument.</summary>
    public static async Task<BenchSession> OpenAsync(BenchDefinition definition, DutProfile dut, ILogger? log = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(dut);
        log ??= Serilog.Core.Logger.None;
        TimeProvider clock = definition.Clock == BenchClockKind.Virtual ? new VirtualClock(TimeProvider.System.GetUtcNow()) : TimeProvider.System;
        var instruments = new List<OpenInstrument>();
        var servers = new List<SocketServer>();
        var session = new BenchSession(definition, dut, clock, instruments, servers, log);
        try
        {
            var simulatedDut = dut.ToSimulation();
            var seed = definition.Seed;
            foreach (var instrument in definition.Instruments.Values)
            {
                var roles = definition.Roles.Values.Where(r => r.InstrumentId == instrument.Id).ToList();
                var what = $"{Describe(roles, instrument)} ({instrument.Model} at {instrument.Resource ?? "simulator"})";
                var resource = instrument.Resource;
                if (instrument.Simulated)
                {
                    var context = new SimulatorContext(
                        clock, instrument.SerialNumber ?? $"SIM{seed:D6}", seed++, simulatedDut,
                        roles.Select(r => new SimulatorWiring(r.Name, r.Channel ?? 1, r.Rail)).ToList());
                    if (!SimulatorCatalog.TryCreate(instrument.Model, context, out var simulator))
                    {
                        throw new BenchOpenException($"{what}: there is no simulator of this model.", null);
                    }

                    var server = SocketServer.Start(simulator);
                    servers.Add(server);
                    resource = server.ResourceString;
                    log.Information("Simulated {Model} for {Roles} serving at {Resource}", instrument.Model, Describe(roles, instrument), resource);
                }

                InstrumentDrivers.TryGet(instrument.Model, out var driver);
                IInstrument? opened = null;
                try
                {
                    var visa = await VisaResourceManager.OpenAsync(resource!, new VisaOpenOptions { TimeoutMilliseconds = instrument.TimeoutMilliseconds }, cancellationToken);
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

                instruments.Add(new OpenInstrument(instrument, resource!, opened));
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
                $"the role '{roleName}' needs a {Capability(typeof(T))} but {open.Definition.Model} is not one.");
        }

        return new BenchRole<T>(role.Name, typed, open.Definition, role.Channel ?? 1, role.Rail);
    }

    /// <summary>Waits <paramref name="duration"/> of bench time (instant on a virtual clock).</summary>
    public Task WaitAsync(TimeSpan duration, CancellationToken cancellationToken = default) =>
        Clock is VirtualClock virtualClock
            ? virtualClock.SleepAsync(duration, cancellationToken)
            : Task.Delay(duration, Clock, cancellationToken);

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

        foreach (var server in _servers)
        {
            await server.DisposeAsync();
        }
    }

    private static string Describe(List<RoleDefinition> roles, InstrumentDefinition instrument) =>
        roles.Count == 0 ? $"instrument '{instrument.Id}'" : $"role {string.Join(", ", roles.Select(r => $"'{r.Name}'"))}";

    private static string Capability(Type type) => type == typeof(IDcPowerSupply) ? "DC power supply" : type.Name;

    private sealed record OpenInstrument(InstrumentDefinition Definition, string Resource, IInstrument Driver);
}
