namespace SpaceTestBench.Steps.Planning;

/// <summary>How a step's bench time was estimated.</summary>
public enum EstimateKind
{
    /// <summary>The step only sets or judges: no bench time passes.</summary>
    Instant,

    /// <summary>Computed from the step's parameters (and the DUT profile's stated characteristics).</summary>
    Estimated,

    /// <summary>Only a bound is known (a timeout, an allowed time): the step takes at most this long.</summary>
    AtMost,

    /// <summary>Nothing in the parameters says how long it takes.</summary>
    Unknown,
}

/// <summary>
/// The bench time one step is expected to take, and the reasoning in words ("150 krad(Si) ÷ 50 rad(Si)/h"),
/// so an operator can check the plan against the procedure. An unknown is said, never counted as zero.
/// </summary>
/// <param name="Kind">How it was estimated.</param>
/// <param name="Duration">The bench time (for <see cref="EstimateKind.AtMost"/> the bound); null when unknown.</param>
/// <param name="Basis">Where the number comes from.</param>
public sealed record StepEstimate(EstimateKind Kind, TimeSpan? Duration, string Basis)
{
    /// <summary>A step that takes no bench time.</summary>
    public static StepEstimate Instant { get; } = new(EstimateKind.Instant, TimeSpan.Zero, "no wait");

    /// <summary>A computed estimate.</summary>
    public static StepEstimate Of(TimeSpan duration, string basis) => new(EstimateKind.Estimated, duration, basis);

    /// <summary>A computed estimate, seconds.</summary>
    public static StepEstimate Seconds(double seconds, string basis) => Of(TimeSpan.FromSeconds(Math.Max(seconds, 0)), basis);

    /// <summary>Only a bound.</summary>
    public static StepEstimate AtMost(TimeSpan bound, string basis) => new(EstimateKind.AtMost, bound, basis);

    /// <summary>Unknown, with the reason.</summary>
    public static StepEstimate Unknown(string why) => new(EstimateKind.Unknown, null, why);
}
