namespace SpaceTestBench.Steps.Resuming;

/// <summary>
/// Marks a field (or a whole type) that a scenario checkpoint leaves out, with the reason a resumed scenario
/// does without it: a cache rebuilt from the bench, a handle on a results series, a delegate that lives within
/// one step, or state that belongs to the run rather than the scenario. Every other field of a scenario-scoped
/// type is checkpointed (<see cref="ScenarioState"/>), and <c>ScenarioStateSweepTests</c> fails on a field whose
/// type cannot be written to a checkpoint unless it carries this mark.
/// </summary>
/// <param name="reason">Why a resumed scenario does not need it, as docs/safety.md would say it.</param>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property | AttributeTargets.Class, Inherited = false)]
public sealed class NotScenarioStateAttribute(string reason) : Attribute
{
    /// <summary>Why a resumed scenario does without it.</summary>
    public string Reason { get; } = reason;
}
