using SpaceTestBench.Results.Recording;

namespace SpaceTestBench.Results;

/// <summary>A measurement fell outside its limits: the step fails with verdict Fail (the device, not the bench).</summary>
public sealed class LimitViolationException(MeasurementRecorded measurement)
    : Exception($"{measurement.Name} = {measurement.Value} is outside its limit {measurement.Limit}.")
{
    /// <summary>The failing measurement.</summary>
    public MeasurementRecorded Measurement { get; } = measurement;
}
