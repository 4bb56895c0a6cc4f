namespace SpaceTestBench.Results.Provenance;

/// <summary>One bench instrument as it was opened for the run.</summary>
/// <param name="Id">Its id in the bench file.</param>
/// <param name="Model">The model named in the bench file.</param>
/// <param name="Identity">What the instrument said it is (<c>*IDN?</c>: maker, model, serial, firmware).</param>
/// <param name="Resource">The VISA resource string it was opened at.</param>
/// <param name="Simulated">True if a simulator stood in for it.</param>
/// <param name="SerialNumber">Serial number from the bench file, if given.</param>
/// <param name="CalibrationDue">When its calibration expires, if recorded.</param>
/// <param name="Roles">The roles it played.</param>
public sealed record InstrumentInfo(
    string Id,
    string Model,
    string Identity,
    string Resource,
    bool Simulated,
    string? SerialNumber,
    DateOnly? CalibrationDue,
    IReadOnlyList<string> Roles)
{
    /// <summary>Firmware the instrument reported (<c>*IDN?</c>, fourth field), if it did.</summary>
    public string? Firmware { get; init; }

    /// <summary>Its calibration record: certificate, laboratory, due date, or why it needs none. Null in stores written before it was recorded.</summary>
    public CalibrationRecord? Calibration { get; init; }

    /// <summary>For a radiation source: how its dose rate or fluence is measured, from the bench file.</summary>
    public DosimetryInfo? Dosimetry { get; init; }

    /// <summary>The calibration record, or one made from <see cref="CalibrationDue"/> for stores that kept only the date.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public CalibrationRecord CalibrationOrDue => Calibration ?? new CalibrationRecord(CalibrationDue, null, null, null);

    /// <summary>True if the calibration had expired on <paramref name="date"/> (or was never recorded).</summary>
    public bool CalibrationExpiredOn(DateOnly date) => CalibrationDue is not { } due || due < date;
}
