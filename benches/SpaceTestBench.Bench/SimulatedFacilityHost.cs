using Serilog;
using SpaceTestBench.Bench.Definitions;
using SpaceTestBench.Bench.Duts;
using SpaceTestBench.Simulation;
using SpaceTestBench.Simulation.Faults;
using SpaceTestBench.Simulation.Hosting;

namespace SpaceTestBench.Bench;

/// <summary>A simulated instrument being served.</summary>
/// <param name="Definition">Its bench entry.</param>
/// <param name="Roles">The roles it plays.</param>
/// <param name="Resource">The VISA resource string clients open.</param>
/// <param name="Faults">Its fault injector.</param>
/// <param name="PortmapperPort">For VXI-11: where clients ask for the core channel (111 for other protocols, which do not use it).</param>
public sealed record HostedInstrument(InstrumentDefinition Definition, IReadOnlyList<RoleDefinition> Roles, string Resource, FaultInjector Faults, int PortmapperPort = Visa.VisaOpenOptions.StandardPortmapperPort);

/// <summary>
/// The simulated part of a bench, running: one <see cref="SimulatedFacility"/> holding the DUT, a simulator
/// per simulated instrument wired to it by the instrument's roles, each behind its fault injector and served
/// on loopback. Used by <see cref="BenchSession"/> (virtual clock) and by <c>spacebench simulate</c>
/// (real or scaled time).
/// </summary>
public sealed class SimulatedFacilityHost : IAsyncDisposable
{
    private readonly List<SimulatorServer> _servers;

    private SimulatedFacilityHost(SimulatedFacility facility, List<HostedInstrument> instruments, List<SimulatorServer> servers)
    {
        Facility = facility;
        Instruments = instruments;
        _servers = servers;
    }

    /// <summary>The simulated world.</summary>
    public SimulatedFacility Facility { get; }

    /// <summary>The instruments served, in bench-file order.</summary>
    public IReadOnlyList<HostedInstrument> Instruments { get; }

    /// <summary>Starts every simulated instrument of <paramref name="definition"/> on <paramref name="clock"/>.</summary>
    public static async Task<SimulatedFacilityHost> StartAsync(BenchDefinition definition, DutProfile dut, TimeProvider clock, ILogger? log = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(dut);
        log ??= Serilog.Core.Logger.None;
        var facility = new SimulatedFacility(clock, dut.ToSimulation(), definition.Seed);
        var instruments = new List<HostedInstrument>();
        var servers = new List<SimulatorServer>();
        var seed = definition.Seed;
        try
        {
            foreach (var instrument in definition.Instruments.Values)
            {
                var roles = definition.Roles.Values.Where(r => r.InstrumentId == instrument.Id).ToList();
                var instrumentSeed = seed++;
                if (!instrument.Simulated)
                {
                    continue;
                }

                var what = $"{BenchSession.Describe(roles, instrument)} ({instrument.Model} at simulator)";
                var context = new SimulatorContext(
                    facility, instrument.SerialNumber ?? $"SIM{instrumentSeed:D6}", instrumentSeed,
                    roles.Select(r => new SimulatorWiring(r.Name, r.Channel, r.Rail)).ToList());
                Simulation.Instruments.ISimulatedInstrument simulator;
                try
                {
                    if (!SimulatorCatalog.TryCreate(instrument.Model, context, out simulator))
                    {
                        throw new BenchOpenException($"{what}: there is no simulator of this model.", null);
                    }
                }
                catch (Exception e) when (e is ArgumentException or InvalidOperationException)
                {
                    throw new BenchOpenException($"{what}: {e.Message}", e);
                }

                var injector = new FaultInjector(simulator, facility, instrumentSeed);
                foreach (var scheduled in instrument.Faults)
                {
                    injector.Inject(scheduled.Fault, scheduled.Trigger);
                }

                SimulatorServer server;
                try
                {
                    server = SimulatorServer.Start(injector, instrument.Protocol, instrument.Port);
                }
                catch (Exception e) when (e is System.Net.Sockets.SocketException or NotSupportedException)
                {
                    injector.Dispose();
                    throw new BenchOpenException($"{what}: cannot serve it over {instrument.Protocol} on port {instrument.Port}: {e.Message}", e);
                }

                servers.Add(server);
                instruments.Add(new HostedInstrument(instrument, roles, server.ResourceString, injector, server.PortmapperPort));
                log.Information("Simulated {Model} for {Roles} serving at {Resource}", instrument.Model, BenchSession.Describe(roles, instrument), server.ResourceString);
            }

            return new SimulatedFacilityHost(facility, instruments, servers);
        }
        catch
        {
            foreach (var server in servers)
            {
                await server.DisposeAsync();
            }

            foreach (var hosted in instruments)
            {
                hosted.Faults.Dispose();
            }

            throw;
        }
    }

    /// <summary>The hosted instrument with this id, or playing this role.</summary>
    public HostedInstrument? Find(string instrumentIdOrRole) =>
        Instruments.FirstOrDefault(i => i.Definition.Id.Equals(instrumentIdOrRole, StringComparison.Ordinal))
        ?? Instruments.FirstOrDefault(i => i.Roles.Any(r => r.Name.Equals(instrumentIdOrRole, StringComparison.OrdinalIgnoreCase)));

    /// <summary>Stops every server and disarms every fault.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var server in _servers)
        {
            await server.DisposeAsync();
        }

        foreach (var hosted in Instruments)
        {
            hosted.Faults.Dispose();
        }
    }
}
