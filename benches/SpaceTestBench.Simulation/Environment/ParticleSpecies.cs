namespace SpaceTestBench.Simulation.Environment;

/// <summary>A beam species a facility offers, with its stopping in silicon.</summary>
/// <param name="Mnemonic">The adapter protocol's name for it ("XE", "KR", "PROTON").</param>
/// <param name="Description">What it is ("124Xe35+").</param>
/// <param name="EnergyMeV">Energy at the DUT surface, MeV (for protons: the default energy).</param>
/// <param name="LinearEnergyTransfer">LET in silicon at the DUT surface, MeV·cm²/mg.</param>
/// <param name="RangeMicrometres">Range in silicon, µm.</param>
/// <param name="IsProton">Protons cause SEE through nuclear reactions; their cross-sections go with energy, not LET.</param>
public sealed record ParticleSpecies(
    string Mnemonic, string Description, double EnergyMeV, double LinearEnergyTransfer, double RangeMicrometres, bool IsProton);
