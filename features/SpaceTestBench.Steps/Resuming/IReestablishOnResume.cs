namespace SpaceTestBench.Steps.Resuming;

/// <summary>
/// A scenario-scoped type whose completed steps established a condition that takes bench time to come back
/// after a resume's safe state and settings restore (the chamber's vacuum, the DUT's boot). A resumed scenario
/// calls it once, after its state is restored and before its interrupted step runs again; it waits for the
/// condition (the physics), it never repeats the step's action or records a measurement.
/// </summary>
public interface IReestablishOnResume
{
    /// <summary>Waits until the condition this type's completed steps established holds again.</summary>
    Task ReestablishAsync(CancellationToken cancellationToken);
}
