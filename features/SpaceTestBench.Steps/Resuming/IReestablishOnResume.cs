namespace SpaceTestBench.Steps.Resuming;

/// <summary>
/// A scenario-scoped type whose completed steps established a condition that takes bench time to come back
/// after a resume's safe state and settings restore (the chamber's vacuum, the DUT's boot). A resumed scenario
/// calls it once, after its state is restored and before its interrupted step runs again; it waits for the
/// condition (the physics), it never repeats the step's action or records a measurement.
/// </summary>
public interface IReestablishOnResume
{
    /// <summary>
    /// Waits until the condition this type's completed steps established holds again. <paramref name="settingsRestoredAt"/>
    /// is the bench time the resume's settings restore had put the bench's settings back (the DUT's supplies on again):
    /// the time zero of anything a completed step had timed from a switch-on the safe state undid.
    /// </summary>
    Task ReestablishAsync(DateTimeOffset settingsRestoredAt, CancellationToken cancellationToken);
}
