namespace SpaceTestBench.Instruments.Roles;

/// <summary>The beam at the DUT, in SI.</summary>
/// <param name="Species">The facility's name for the species.</param>
/// <param name="EnergyJoules">Energy at the DUT surface, J.</param>
/// <param name="LinearEnergyTransfer">LET in silicon, J·m²/kg.</param>
/// <param name="EffectiveLinearEnergyTransfer">LET/cos(tilt), J·m²/kg.</param>
/// <param name="RangeMetres">Range in silicon, m.</param>
/// <param name="TiltRadians">Beam to die normal, rad.</param>
/// <param name="Flux">Flux, m⁻²·s⁻¹.</param>
public sealed record BeamSettings(
    string Species,
    double EnergyJoules,
    double LinearEnergyTransfer,
    double EffectiveLinearEnergyTransfer,
    double RangeMetres,
    double TiltRadians,
    double Flux);
