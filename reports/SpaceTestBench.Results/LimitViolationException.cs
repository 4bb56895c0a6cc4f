using SpaceTestBench.Results.Recording;

namespace SpaceTestBench.Results;

/// <summary>
/// Measurements fell outside their limits: the step fails with verdict Fail (the device, not the bench). Thrown
/// by the engine when a step ends with a failed measurement, after the step recorded all of them.
/// </summary>
public sealed class LimitViolationException : Exception
{
    /// <summary>One measurement missed its limit.</summary>
    public LimitViolationException(MeasurementRecorded measurement)
        : this([measurement])
    {
    }

    /// <summary>These measurements missed their limits (at least one).</summary>
    public LimitViolationException(IReadOnlyList<MeasurementRecorded> measurements)
        : base(Describe(measurements))
    {
        Measurements = measurements;
    }

    /// <summary>The first failing measurement.</summary>
    public MeasurementRecorded Measurement => Measurements[0];

    /// <summary>Every failing measurement of the step, in recording order.</summary>
    public IReadOnlyList<MeasurementRecorded> Measurements { get; }

    private static string Describe(IReadOnlyList<MeasurementRecorded> measurements)
    {
        ArgumentNullException.ThrowIfNull(measurements);
        if (measurements.Count == 0)
        {
            throw new ArgumentException("A limit violation needs the measurement that missed its limit.", nameof(measurements));
        }

        return string.Join("; ", measurements.Select(m => $"{m.Name} = {m.Value} is outside its limit {m.Limit}{(m.Decision is { } d ? $" ({d})" : "")}")) + ".";
    }
}
