namespace SpaceTestBench.Results.Provenance;

/// <summary>The laboratory that runs the bench, as its bench file states it (ISO/IEC 17025 §7.8.2.1 b).</summary>
/// <param name="Name">The laboratory's name.</param>
/// <param name="Address">Where the tests are done.</param>
public sealed record FacilityInfo(string Name, string? Address)
{
    /// <summary>The accreditation that covers the bench, or null when the laboratory states none.</summary>
    public AccreditationInfo? Accreditation { get; init; }

    /// <summary>The first part of every report's document number ("ESTF-QR"); the run id follows it.</summary>
    public string? DocumentPrefix { get; init; }

    /// <summary>The laboratory's ambient conditions during tests (ISO/IEC 17025 §7.8.3.1 a).</summary>
    public LaboratoryConditions? Ambient { get; init; }
}

/// <summary>An accreditation of the laboratory.</summary>
/// <param name="Body">Who accredits it ("DAkkS", "UKAS", "A2LA").</param>
/// <param name="Number">The accreditation or certificate number.</param>
/// <param name="Standard">The standard it is accredited to ("ISO/IEC 17025:2017").</param>
/// <param name="Scope">Which tests the accreditation covers; tests outside it must be marked as such.</param>
public sealed record AccreditationInfo(string Body, string Number, string? Standard, string? Scope);

/// <summary>The laboratory's ambient conditions, as quantities written by people ("23 °C ± 2 K").</summary>
/// <param name="Temperature">Room temperature and its band.</param>
/// <param name="RelativeHumidity">Relative humidity and its band.</param>
/// <param name="Pressure">Atmospheric pressure, if controlled or recorded.</param>
/// <param name="Note">How the conditions are controlled or monitored.</param>
public sealed record LaboratoryConditions(string? Temperature, string? RelativeHumidity, string? Pressure, string? Note);
