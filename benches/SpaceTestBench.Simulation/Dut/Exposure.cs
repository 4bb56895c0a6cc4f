namespace SpaceTestBench.Simulation.Dut;

/// <summary>The radiation field on the DUT during one integration step.</summary>
/// <param name="DoseRate">Total dose rate into the DUT (gamma and beam), rad(Si)/s.</param>
/// <param name="FluxOnDie">Beam particles crossing the die plane, φ·cos θ, cm⁻²·s⁻¹ (0 with the shutter closed).</param>
/// <param name="BeamFlux">Beam flux normal to the beam, cm⁻²·s⁻¹ (0 with the shutter closed).</param>
/// <param name="EffectiveLet">LET/cos θ, MeV·cm²/mg.</param>
/// <param name="IsProton">True for a proton beam (cross-sections in energy).</param>
/// <param name="EnergyMeV">Beam energy, MeV.</param>
internal readonly record struct Exposure(double DoseRate, double FluxOnDie, double BeamFlux, double EffectiveLet, bool IsProton, double EnergyMeV)
{
    public static Exposure None => new(0, 0, 0, 0, false, 0);

    /// <summary>Event rate of an effect with these cross-sections, s⁻¹ (σ per unit fluence normal to the die for ions).</summary>
    public double Rate(SeeCrossSections? sections)
    {
        if (sections is null || BeamFlux <= 0)
        {
            return 0;
        }

        return IsProton
            ? (sections.Proton?.At(EnergyMeV) ?? 0) * BeamFlux
            : (sections.HeavyIon?.At(EffectiveLet) ?? 0) * FluxOnDie;
    }
}
