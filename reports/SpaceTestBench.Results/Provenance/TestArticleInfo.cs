namespace SpaceTestBench.Results.Provenance;

/// <summary>
/// The test article as its DUT profile identifies it (ISO/IEC 17025 §7.8.2.1 e; MIL-STD-883 TM 1019 §3.2): part,
/// lot and date code, package, lid, and the samples kept back unirradiated as controls.
/// </summary>
/// <param name="PartNumber">The manufacturer's part number.</param>
/// <param name="Manufacturer">Who made it.</param>
/// <param name="Lot">The wafer or assembly lot (the lot date code's traceability).</param>
/// <param name="DateCode">The date code marked on the parts.</param>
/// <param name="Package">The package ("CQFP-256").</param>
/// <param name="Delidded">Whether the lid was removed for heavy-ion exposure (heavy ions must reach the die).</param>
/// <param name="ControlSamples">Serials of the samples kept as unirradiated controls.</param>
public sealed record TestArticleInfo(
    string? PartNumber,
    string? Manufacturer,
    string? Lot,
    string? DateCode,
    string? Package,
    bool? Delidded,
    IReadOnlyList<string> ControlSamples);
