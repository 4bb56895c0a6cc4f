using SpaceTestBench.Results;
using SpaceTestBench.Results.Recording;

namespace SpaceTestBench.Steps.Procedures;

/// <summary>
/// How a step turns recorded measurements into its outcome: the verdict is the limit's, never asserted by
/// hand; a measurement outside its limit fails the step with <see cref="LimitViolationException"/> (verdict
/// Fail: the device, not the bench). A step records all its measurements before it fails.
/// </summary>
public static class Judgement
{
    /// <summary>Fails the step if <paramref name="measurement"/> missed its limit; returns it otherwise.</summary>
    public static MeasurementRecorded Judged(this MeasurementRecorded measurement)
    {
        ArgumentNullException.ThrowIfNull(measurement);
        return measurement.Verdict == Verdict.Fail ? throw new LimitViolationException(measurement) : measurement;
    }

    /// <summary>Fails the step on the first of <paramref name="measurements"/> that missed its limit.</summary>
    public static void AllJudged(this IEnumerable<MeasurementRecorded> measurements)
    {
        ArgumentNullException.ThrowIfNull(measurements);
        if (measurements.FirstOrDefault(m => m.Verdict == Verdict.Fail) is { } failed)
        {
            throw new LimitViolationException(failed);
        }
    }
}
