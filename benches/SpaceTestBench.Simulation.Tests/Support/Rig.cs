using SpaceTestBench.Instruments.Roles;
using SpaceTestBench.Simulation.Clock;
using SpaceTestBench.Simulation.Dut;
using SpaceTestBench.Simulation.Faults;
using SpaceTestBench.Simulation.Hosting;
using SpaceTestBench.Simulation.Instruments;
using SpaceTestBench.Visa;
using SpaceTestBench.Visa.Sessions;

namespace SpaceTestBench.Simulation.Tests.Support;

/// <summary>
/// A small simulated bench for tests: one facility on a virtual clock, simulators served over real loopback
/// sockets behind fault injectors, and real drivers opened on them by resource string.
/// </summary>
internal sealed class Rig : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _disposables = [];

    private Rig(SimulatedDut dut, int seed, DateTimeOffset? start)
    {
        Clock = new VirtualClock(start ?? new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero));
        Facility = new SimulatedFacility(Clock, dut, seed);
    }

    public VirtualClock Clock { get; }

    /// <summary>The wall clock the fault injectors time reboots on: moved by the test, never by the machine's speed.</summary>
    public Microsoft.Extensions.Time.Testing.FakeTimeProvider Wall { get; } = new();

    /// <summary>A rig holding <paramref name="dut"/> (a factory, so test classes hold it like a session they were given).</summary>
    public static Rig Create(SimulatedDut dut, int seed = 1) => new(dut, seed, null);

    /// <summary>A rig whose bench time starts at <paramref name="start"/>, as a resumed run's bench continues its bench time.</summary>
    public static Rig CreateAt(SimulatedDut dut, DateTimeOffset start, int seed = 1) => new(dut, seed, start);

    public SimulatedFacility Facility { get; }

    public double Hours => (Clock.GetUtcNow() - Facility.Start).TotalHours;

    /// <summary>Serves <paramref name="simulator"/>, opens <paramref name="create"/>'s driver on it, and returns both with the injector.</summary>
    public async Task<(T Driver, FaultInjector Faults)> OpenAsync<T>(ISimulatedInstrument simulator, Func<IMessageBasedSession, T> create, int timeoutMs = 5000)
        where T : IInstrument
    {
        var injector = new FaultInjector(simulator, Facility, seed: 5, Wall);
        var server = SimulatorServer.Start(injector, SimulatorProtocol.Socket);
        var session = await VisaResourceManager.OpenAsync(server.ResourceString, new VisaOpenOptions { TimeoutMilliseconds = timeoutMs });
        var driver = create(session);
        _disposables.Add(driver);
        _disposables.Add(server);
        _disposables.Add(new Disposer(injector.Dispose));
        await driver.OpenAsync();
        return (driver, injector);
    }

    /// <summary>Opens a raw session to a freshly served simulator (for byte-level fault tests).</summary>
    public async Task<(IMessageBasedSession Session, FaultInjector Faults, string Resource)> ServeAsync(ISimulatedInstrument simulator, int timeoutMs = 5000)
    {
        var injector = new FaultInjector(simulator, Facility, seed: 5, Wall);
        var server = SimulatorServer.Start(injector, SimulatorProtocol.Socket);
        var session = await VisaResourceManager.OpenAsync(server.ResourceString, new VisaOpenOptions { TimeoutMilliseconds = timeoutMs });
        _disposables.Add(session);
        _disposables.Add(server);
        _disposables.Add(new Disposer(injector.Dispose));
        return (session, injector, server.ResourceString);
    }

    public void Advance(TimeSpan duration) => Clock.Advance(duration);

    public void AdvanceHours(double hours) => Clock.Advance(TimeSpan.FromHours(hours));

    public void AdvanceSeconds(double seconds) => Clock.Advance(TimeSpan.FromSeconds(seconds));

    public async ValueTask DisposeAsync()
    {
        for (var i = _disposables.Count - 1; i >= 0; i--)
        {
            await _disposables[i].DisposeAsync();
        }
    }

    private sealed class Disposer(Action dispose) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            dispose();
            return ValueTask.CompletedTask;
        }
    }
}
