namespace SpaceTestBench.Simulation.Physics;

/// <summary>
/// The four-parameter Weibull cross-section used to fit SEE data (ECSS-E-ST-10-12C §9.5.2, JESD57):
/// σ(x) = σ_sat·(1 − exp(−((x − x₀)/W)^s)) for x &gt; x₀, and 0 below the threshold x₀. The variable x is
/// the effective LET in MeV·cm²/mg for heavy ions, or the proton energy in MeV (Bendel/Weibull form).
/// </summary>
/// <param name="SaturationCrossSection">σ_sat in cm² (per bit or per device, as the effect is counted).</param>
/// <param name="Threshold">x₀: LET (MeV·cm²/mg) or energy (MeV) below which no event occurs.</param>
/// <param name="Width">W, in the unit of x.</param>
/// <param name="Shape">s, dimensionless.</param>
public sealed record WeibullCrossSection(double SaturationCrossSection, double Threshold, double Width, double Shape)
{
    /// <summary>σ at <paramref name="x"/>, in cm².</summary>
    public double At(double x) =>
        x <= Threshold ? 0 : SaturationCrossSection * (1 - Math.Exp(-Math.Pow((x - Threshold) / Width, Shape)));
}
