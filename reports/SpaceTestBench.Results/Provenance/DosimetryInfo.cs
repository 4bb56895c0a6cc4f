namespace SpaceTestBench.Results.Provenance;

/// <summary>
/// How a radiation source's delivery is measured, as its bench file states it: for a Co-60 cell the dose-rate
/// measurement, the Pb/Al filter box and the dose-enhancement note (MIL-STD-883 TM 1019 §3.3, ESCC 22900 §6.3);
/// for a beam line the fluence measurement, its uniformity and uncertainty, and the ions with energy and range.
/// </summary>
/// <param name="Method">How dose rate or fluence is measured (dosimeter, its traceability).</param>
/// <param name="Uncertainty">The dose-rate or fluence uncertainty ("5 %", k = 1).</param>
/// <param name="FilterBox">The filter box around the DUT (Co-60), if any.</param>
/// <param name="DoseEnhancement">The dose-enhancement note (low-energy scatter, high-Z materials near the die).</param>
/// <param name="FluenceUniformity">Beam uniformity over the DUT area ("±10 %").</param>
/// <param name="Ions">Ions of the beam line with energy, range and LET at the DUT.</param>
/// <param name="Note">Anything else a reader of the report needs (degraders, air gap).</param>
public sealed record DosimetryInfo(
    string? Method,
    string? Uncertainty,
    string? FilterBox,
    string? DoseEnhancement,
    string? FluenceUniformity,
    IReadOnlyList<IonInfo> Ions,
    string? Note);

/// <summary>One ion of a beam line's cocktail.</summary>
/// <param name="Name">The name the run records ("XE").</param>
/// <param name="Species">The ion ("124Xe35+").</param>
/// <param name="Energy">Energy at the DUT ("995 MeV").</param>
/// <param name="Range">Range in silicon ("73 µm").</param>
/// <param name="LinearEnergyTransfer">LET in silicon at the DUT surface.</param>
public sealed record IonInfo(string Name, string? Species, string? Energy, string? Range, string? LinearEnergyTransfer);

/// <summary>A feature file the run followed: the procedure, identified by its hash.</summary>
/// <param name="Uri">The feature file relative to the features root.</param>
/// <param name="Sha256">SHA-256 of the file as run, lower-case hex.</param>
/// <param name="Copy">Path of its copy in the run folder, relative to the folder.</param>
public sealed record ProcedureInfo(string Uri, string Sha256, string Copy);
