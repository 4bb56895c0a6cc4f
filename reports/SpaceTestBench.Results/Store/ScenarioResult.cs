using SpaceTestBench.Results.Recording;

namespace SpaceTestBench.Results.Store;

/// <summary>A scenario as recorded.</summary>
/// <param name="Info">Which scenario.</param>
/// <param name="StartedBench">Bench time at the start.</param>
/// <param name="FinishedBench">Bench time at the end, if it finished.</param>
/// <param name="RecordedVerdict">The verdict it recorded at its end.</param>
/// <param name="Message">Why it did not pass, if it did not.</param>
/// <param name="Steps">Its steps, started or finished, in order.</param>
/// <param name="Measurements">Its measurements in recording order.</param>
public sealed record ScenarioResult(
    ScenarioInfo Info,
    DateTimeOffset StartedBench,
    DateTimeOffset? FinishedBench,
    Verdict? RecordedVerdict,
    string? Message,
    IReadOnlyList<StepRecord> Steps,
    IReadOnlyList<MeasurementResult> Measurements)
{
    /// <summary>
    /// The recorded verdict combined with every measurement's (the most severe wins), or Aborted if the
    /// scenario never recorded its end.
    /// </summary>
    public Verdict Verdict => RecordedVerdict is { } recorded
        ? Verdicts.Worst(recorded, Verdicts.Worst(Measurements.Select(m => m.Verdict)))
        : Verdict.Aborted;

    /// <summary>
    /// A step's verdict: its outcome combined with its measurements'. A failed step whose measurements all
    /// met their limits failed for another reason (instrument, binding): Error.
    /// </summary>
    public Verdict VerdictOf(StepRecord step)
    {
        ArgumentNullException.ThrowIfNull(step);
        var measured = Verdicts.Worst(Measurements.Where(m => m.StepIndex == step.Index).Select(m => m.Verdict));
        var outcome = step.Outcome switch
        {
            null => Verdict.Aborted,
            StepOutcome.Passed => Verdict.Pass,
            StepOutcome.Failed => measured == Verdict.Fail ? Verdict.Fail : Verdict.Error,
            StepOutcome.Ambiguous => Verdict.Error,
            _ => Verdict.Inconclusive,
        };
        return Verdicts.Worst(outcome, measured);
    }
}
