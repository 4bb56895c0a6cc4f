namespace SpaceTestBench.Results.Provenance;

/// <summary>
/// An instrument's calibration as the bench file records it (ISO/IEC 17025 §6.4.13). A calibration is valid
/// through its due date (UTC) and lapses at the start of the next day.
/// </summary>
/// <param name="Due">The last day the calibration is valid; null when none is recorded.</param>
/// <param name="Certificate">The calibration certificate's number.</param>
/// <param name="Laboratory">Who calibrated it.</param>
/// <param name="NotRequiredBecause">Why the instrument needs no calibration (it measures nothing the results depend on); null if it does.</param>
public sealed record CalibrationRecord(DateOnly? Due, string? Certificate, string? Laboratory, string? NotRequiredBecause)
{
    /// <summary>The instant the calibration lapses: the start (UTC) of the day after <see cref="Due"/>.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public DateTimeOffset? LapsesAt => Due is { } due ? new DateTimeOffset(due.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null;

    /// <summary>True if a calibration is required and recorded and still valid at <paramref name="time"/>.</summary>
    public bool ValidAt(DateTimeOffset time) => LapsesAt is { } lapses && time < lapses;
}
