namespace SpaceTestBench.Simulation.Physics;

/// <summary>Constants and unit factors the simulators' formulas use (CODATA 2018 exact values where defined).</summary>
internal static class PhysicalConstants
{
    /// <summary>Planck constant, J·s.</summary>
    public const double Planck = 6.62607015e-34;

    /// <summary>Speed of light in vacuum, m/s.</summary>
    public const double SpeedOfLight = 299_792_458;

    /// <summary>Boltzmann constant, eV/K.</summary>
    public const double BoltzmannEv = 8.617333262e-5;

    /// <summary>0 °C in kelvin.</summary>
    public const double ZeroCelsius = 273.15;

    /// <summary>
    /// Dose deposited in silicon by a fluence of ions: D[rad(Si)] = 1.602e-5 · LET[MeV·cm²/mg] · Φ[cm⁻²]
    /// (1 MeV = 1.602e-13 J, 1 mg = 1e-6 kg, 1 rad = 0.01 J/kg).
    /// </summary>
    public const double RadPerLetFluence = 1.602176634e-5;

    /// <summary>One standard atmosphere in Pa.</summary>
    public const double Atmosphere = 101_325;
}
