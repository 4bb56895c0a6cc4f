using System.Text;
using SpaceTestBench.Simulation.Clock;
using SpaceTestBench.Visa.Scpi;

namespace SpaceTestBench.Simulation.Instruments;

/// <summary>
/// Base of simulators of SCPI instruments: a <see cref="ScpiDevice"/> acting on the shared
/// <see cref="SimulatedFacility"/>. Handlers go through <see cref="World{T}(Func{T})"/> so the physics is
/// evaluated up to now before the command and its consequences are settled after it. Its service requests
/// reach whoever watches them (<see cref="IServiceRequester"/>) with bench time held at their instant.
/// </summary>
public abstract class SimulatedScpiInstrument : ScpiDevice, ISimulatedInstrument, IServiceRequester
{
    private readonly Lock _watchersGate = new();
    private ServiceRequestWatcher[] _watchers = [];

    /// <summary>An instrument answering *IDN? with <paramref name="identity"/>, acting on <paramref name="facility"/>.</summary>
    protected SimulatedScpiInstrument(InstrumentIdentity identity, SimulatedFacility facility)
        : base(identity)
    {
        ArgumentNullException.ThrowIfNull(facility);
        Facility = facility;
    }

    /// <inheritdoc />
    public abstract string Model { get; }

    /// <summary>The world this instrument acts on.</summary>
    public SimulatedFacility Facility { get; }

    /// <inheritdoc />
    public void PowerCycle()
    {
        // Through the device's own message path, so the reset runs under its lock like any command.
        using var session = Connect();
        session.Execute(Encoding.ASCII.GetBytes("*RST;*CLS"));
    }

    /// <inheritdoc />
    public void InjectError(int code, string text) => PushError(new ScpiError(code, text));

    /// <inheritdoc />
    public IDisposable WatchServiceRequests(Action onRequest)
    {
        ArgumentNullException.ThrowIfNull(onRequest);
        var watcher = new ServiceRequestWatcher(this, onRequest);
        lock (_watchersGate)
        {
            _watchers = [.. _watchers, watcher];
        }

        return watcher;
    }

    /// <inheritdoc />
    /// <remarks>The status byte as the device last brought it up to date (at its last message); an instrument whose
    /// condition follows the physics between messages overrides this to bring it up to date first, as a real
    /// instrument's line follows its status at once.</remarks>
    public virtual bool ServiceRequestAsserted => RequestingService;

    /// <summary>Whether anyone watches this instrument's service requests.</summary>
    protected bool Watched
    {
        get
        {
            lock (_watchersGate)
            {
                return _watchers.Length > 0;
            }
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// Under the device lock: bench time is held here, at the request's instant, before anything else can move
    /// it, and released only once every watcher has been told (on a pool thread, outside the device's lock).
    /// </remarks>
    protected override void OnServiceRequest()
    {
        ServiceRequestWatcher[] watchers;
        lock (_watchersGate)
        {
            watchers = _watchers;
        }

        if (watchers.Length == 0)
        {
            return;
        }

        var hold = (Facility.Clock as VirtualClock)?.Hold();
        ThreadPool.UnsafeQueueUserWorkItem(
            _ =>
            {
                try
                {
                    foreach (var watcher in watchers)
                    {
                        watcher.Notify();
                    }
                }
                finally
                {
                    hold?.Dispose();
                }
            },
            null);
    }

    /// <summary>Runs a handler body on the world evaluated to now.</summary>
    protected T World<T>(Func<T> body) => Facility.Run(body);

    /// <summary>Runs a handler body on the world evaluated to now.</summary>
    protected void World(Action body) => Facility.Run(body);

    private sealed class ServiceRequestWatcher(SimulatedScpiInstrument instrument, Action onRequest) : IDisposable
    {
        private volatile bool _disposed;

        public void Notify()
        {
            if (!_disposed)
            {
                onRequest();
            }
        }

        public void Dispose()
        {
            _disposed = true;
            lock (instrument._watchersGate)
            {
                instrument._watchers = [.. instrument._watchers.Where(w => !ReferenceEquals(w, this))];
            }
        }
    }
}
