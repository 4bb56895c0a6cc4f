namespace SpaceTestBench.Bench;

/// <summary>
/// Where a bench's long waits record their progress, and where a resumed run learns how much of a wait was
/// already done. The run's results store implements it; the bench only calls it.
/// </summary>
public interface IWaitCheckpoints
{
    /// <summary>The scenario (its results id) and step now running; a wait's ordinal counts within it.</summary>
    (string? ScenarioId, int StepIndex) CurrentStep { get; }

    /// <summary>Bench time already waited, before an interruption, in wait <paramref name="ordinal"/> of the current step (zero if none).</summary>
    TimeSpan AlreadyWaited(int ordinal, TimeSpan duration);

    /// <summary>Records that <paramref name="done"/> of wait <paramref name="ordinal"/> (of <paramref name="duration"/>) has passed.</summary>
    void Progress(int ordinal, TimeSpan duration, TimeSpan done);

    /// <summary>
    /// Saves the world's physics now, inside the current step, at a physical milestone a cut after it must not undo
    /// (an exposure that reached its dose): a resume of the step starts from there, not from before it.
    /// </summary>
    void Milestone();
}
