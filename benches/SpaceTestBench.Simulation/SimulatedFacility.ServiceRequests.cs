using SpaceTestBench.Simulation.Clock;

namespace SpaceTestBench.Simulation;

/// <summary>
/// Service requests raised by the physics. An instrument that can be asked for a service request when a physical
/// condition arises (a rail's current above an armed limit) registers a watch; on a virtual clock the world then
/// evaluates ahead of each jump of time while a watch is armed and stops time at the exact instant the condition
/// arises, where the instrument raises its request (and holds time until the request is delivered: see
/// <see cref="VirtualClock.Hold"/>). While nothing is armed the world stays lazy, as everywhere else.
/// </summary>
public sealed partial class SimulatedFacility : IVirtualClockSignals
{
    private readonly List<ServiceRequestWatch> _watches = [];
    private readonly List<ServiceRequestWatch> _raised = [];

    /// <summary>
    /// Registers a physical condition an instrument reports by a service request: <paramref name="armed"/> says
    /// whether the instrument is set to request service for it (and someone listens), <paramref name="arises"/>
    /// whether it arises at the world's time given (evaluated under the world's lock, as a rising edge: the
    /// instrument makes it false again once reported), and <paramref name="deliver"/> raises the request
    /// (called outside the world's lock, with bench time at the instant).
    /// </summary>
    public void WatchServiceRequest(Func<bool> armed, Func<DateTimeOffset, bool> arises, Action deliver)
    {
        lock (_gate)
        {
            _watches.Add(new ServiceRequestWatch(armed, arises, deliver));
        }
    }

    /// <inheritdoc />
    public DateTimeOffset? EvaluateUntil(DateTimeOffset target)
    {
        lock (_gate)
        {
            _raised.Clear();
            if (!_watches.Exists(w => w.Armed()))
            {
                return null;
            }

            if (!AdvanceTo((target - Start).TotalSeconds, CollectRaised))
            {
                return null;
            }

            // On the tick at or after the instant, so the clock never stands behind the evaluated world.
            return Start + TimeSpan.FromTicks((long)Math.Ceiling(_elapsed * TimeSpan.TicksPerSecond));
        }
    }

    /// <inheritdoc />
    public void Deliver()
    {
        ServiceRequestWatch[] raised;
        lock (_gate)
        {
            raised = [.. _raised];
            _raised.Clear();
        }

        foreach (var watch in raised)
        {
            watch.Deliver();
        }
    }

    private bool CollectRaised()
    {
        foreach (var watch in _watches)
        {
            // A watch raised at this very instant is not raised again here: an instrument that did not take its
            // request as reported would otherwise stop time at the same instant for ever.
            if (watch.RaisedAt != _elapsed && watch.Armed() && watch.Arises(Now))
            {
                watch.RaisedAt = _elapsed;
                _raised.Add(watch);
            }
        }

        return _raised.Count > 0;
    }

    private sealed record ServiceRequestWatch(Func<bool> Armed, Func<DateTimeOffset, bool> Arises, Action Deliver)
    {
        public double RaisedAt { get; set; } = double.NaN;
    }
}
