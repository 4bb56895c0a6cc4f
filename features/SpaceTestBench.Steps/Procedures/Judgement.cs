using SpaceTestBench.Results;
using SpaceTestBench.Results.Recording;

namespace SpaceTestBench.Steps.Procedures;

/// <summary>
/// What a procedure may do with a measurement beyond recording it. Judging is not one of them: the engine
/// (<see cref="Running.StepJudge"/>) judges every measurement of a step when the step ends and fails it, after it
/// recorded all of them, if one missed its limit.
/// </summary>
public static class Judgement
{
    /// <summary>
    /// Stops the step now if <paramref name="measurement"/> missed its limit: for a precondition the rest of the
    /// step cannot do without (the DUT did not boot, the tester recovered no clock). Returns it otherwise.
    /// </summary>
    public static MeasurementRecorded StopIfFailed(this MeasurementRecorded measurement)
    {
        ArgumentNullException.ThrowIfNull(measurement);
        return measurement.Verdict == Verdict.Fail ? throw new LimitViolationException(measurement) : measurement;
    }
}
