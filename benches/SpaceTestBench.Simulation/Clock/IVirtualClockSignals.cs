namespace SpaceTestBench.Simulation.Clock;

/// <summary>
/// Something on a <see cref="VirtualClock"/> that can signal at an instant its own evolution decides: a simulated
/// world whose instruments raise an IEEE 488.2 service request when their physics crosses an armed condition.
/// </summary>
public interface IVirtualClockSignals
{
    /// <summary>
    /// Evaluates up to <paramref name="target"/> if anything is armed, stopping at the first instant a signal is
    /// raised; returns that instant, or null when nothing signalled before <paramref name="target"/> (or nothing is
    /// armed, in which case nothing need be evaluated).
    /// </summary>
    DateTimeOffset? EvaluateUntil(DateTimeOffset target);

    /// <summary>Delivers the signals raised at the instant <see cref="EvaluateUntil"/> returned.</summary>
    void Deliver();
}
