namespace SpaceTestBench.Steps.Resuming;

/// <summary>
/// A scenario-scoped type whose step can continue inside itself after a cut, from a checkpoint saved in it (in a long
/// wait or at a milestone), rather than run again from its start: a TID ladder cut inside a later exposure keeps the
/// dose steps it had exposed and tested and goes on with the exposure under way. While <see cref="ResumableHere"/> holds,
/// such a checkpoint carries the scenario's state beside the world's physics; a resume of that step restores that state
/// (not the one from before the step), and keeps the step's measurements recorded before the checkpoint, which the step,
/// seeing its progress in that state, does not record again.
/// </summary>
public interface IResumableInsideStep
{
    /// <summary>
    /// Whether the running step's state now, with the world's physics now, is a point it can continue from: everything it
    /// recorded so far is complete and it will not record it again. False outside such a stretch (between steps, or in a
    /// part of the step that runs again from its start).
    /// </summary>
    bool ResumableHere { get; }
}
