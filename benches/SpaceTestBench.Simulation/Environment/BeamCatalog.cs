namespace SpaceTestBench.Simulation.Environment;

/// <summary>
/// What the simulated beam line offers: a heavy-ion cocktail and a variable-energy proton line.
/// </summary>
/// <remarks>
/// The cocktail is a typical cyclotron M/Q≈5 cocktail with energies, LETs and ranges of the order the
/// UCL Heavy Ion Facility publishes (C to Xe, LET 1.3–62.5 MeV·cm²/mg, ranges 70–270 µm); they are
/// engineering values for the simulator, not a facility's current table. Proton LETs follow the shape of
/// NIST PSTAR stopping powers in silicon; at 67 and 200 MeV they give the 1.36 and 0.62 krad(Si) per
/// 1e10 p/cm² of the qualification reference.
/// </remarks>
public static class BeamCatalog
{
    /// <summary>Lowest and highest proton energy the proton line delivers, MeV.</summary>
    public const double MinimumProtonEnergy = 10;

    /// <summary>Highest proton energy, MeV.</summary>
    public const double MaximumProtonEnergy = 230;

    private static readonly (double EnergyMeV, double Let)[] ProtonLet =
    [
        (10, 0.0346), (20, 0.0210), (30, 0.0152), (50, 0.0102), (67, 0.00849),
        (100, 0.0060), (150, 0.0045), (200, 0.00387), (230, 0.0035),
    ];

    /// <summary>The heavy-ion cocktail and the proton line, by mnemonic.</summary>
    public static IReadOnlyList<ParticleSpecies> Species { get; } =
    [
        new("C", "13C4+", 131, 1.3, 269, false),
        new("NE", "22Ne7+", 238, 3.3, 202, false),
        new("AL", "27Al8+", 250, 5.7, 131, false),
        new("AR", "36Ar11+", 353, 9.9, 120, false),
        new("CR", "53Cr16+", 505, 16.0, 86, false),
        new("NI", "58Ni18+", 582, 20.4, 85, false),
        new("KR", "84Kr25+", 769, 32.4, 92, false),
        new("XE", "124Xe35+", 995, 62.5, 73, false),
        new("PROTON", "p", 200, ProtonLetAt(200), ProtonRangeAt(200), true),
    ];

    /// <summary>Finds a species by mnemonic (case-insensitive).</summary>
    public static ParticleSpecies? Find(string mnemonic) =>
        Species.FirstOrDefault(s => s.Mnemonic.Equals(mnemonic, StringComparison.OrdinalIgnoreCase));

    /// <summary>The proton species at another energy.</summary>
    public static ParticleSpecies ProtonAt(double energyMeV) =>
        new("PROTON", "p", energyMeV, ProtonLetAt(energyMeV), ProtonRangeAt(energyMeV), true);

    /// <summary>Proton LET in silicon, MeV·cm²/mg, log-log interpolated.</summary>
    public static double ProtonLetAt(double energyMeV)
    {
        var e = Math.Clamp(energyMeV, ProtonLet[0].EnergyMeV, ProtonLet[^1].EnergyMeV);
        for (var i = 1; i < ProtonLet.Length; i++)
        {
            if (e <= ProtonLet[i].EnergyMeV)
            {
                var (e0, l0) = ProtonLet[i - 1];
                var (e1, l1) = ProtonLet[i];
                var f = Math.Log(e / e0) / Math.Log(e1 / e0);
                return Math.Exp(Math.Log(l0) + (f * Math.Log(l1 / l0)));
            }
        }

        return ProtonLet[^1].Let;
    }

    /// <summary>
    /// Approximate CSDA range of protons in silicon, µm: Bragg–Kleeman R = a·E^1.75 fitted to about
    /// 2 mm at 20 MeV (PSTAR order of magnitude).
    /// </summary>
    public static double ProtonRangeAt(double energyMeV) => 11.1 * Math.Pow(energyMeV, 1.75);
}
