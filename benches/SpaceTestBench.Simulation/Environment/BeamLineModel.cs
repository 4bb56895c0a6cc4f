using SpaceTestBench.Simulation.Physics;

namespace SpaceTestBench.Simulation.Environment;

/// <summary>
/// A heavy-ion or proton beam line: fluence Φ = ∫ φ dt while the shutter is open (measured normal to the
/// beam), the DUT tilted by θ sees LET_eff = LET/cos θ, and the beam deposits
/// D = 1.602e-5·LET·Φ rad(Si). A fluence target closes the shutter when reached, as the facility's beam
/// control does at the end of a run.
/// </summary>
internal sealed class BeamLineModel
{
    public ParticleSpecies Species { get; set; } = BeamCatalog.Find("XE")!;

    /// <summary>Beam axis to die normal, rad.</summary>
    public double Tilt { get; set; }

    /// <summary>φ, particles/(cm²·s).</summary>
    public double Flux { get; set; } = 1e3;

    public bool ShutterOpen { get; set; }

    /// <summary>Φ since the last reset, particles/cm².</summary>
    public double Fluence { get; private set; }

    /// <summary>Φ target at which the shutter closes; null: none.</summary>
    public double? FluenceTarget { get; set; }

    /// <summary>Dose the beam deposited since the last reset, rad(Si).</summary>
    public double DoseRad { get; private set; }

    public double EffectiveLet => Species.LinearEnergyTransfer / Math.Cos(Tilt);

    /// <summary>Flux crossing the die plane, φ·cos θ.</summary>
    public double FluxOnDie => ShutterOpen ? Flux * Math.Cos(Tilt) : 0;

    /// <summary>Dose rate into the DUT, rad(Si)/s.</summary>
    public double DoseRate => ShutterOpen ? PhysicalConstants.RadPerLetFluence * Species.LinearEnergyTransfer * Flux : 0;

    public void ResetFluence()
    {
        Fluence = 0;
        DoseRad = 0;
    }

    public double TimeToTarget() =>
        ShutterOpen && FluenceTarget is { } target && Flux > 0 ? Math.Max(0, (target - Fluence) / Flux) : double.PositiveInfinity;

    public void Advance(double seconds)
    {
        if (!ShutterOpen)
        {
            return;
        }

        DoseRad += DoseRate * seconds;
        Fluence += Flux * seconds;
        if (FluenceTarget is { } target && Fluence >= target * (1 - 1e-12))
        {
            Fluence = Math.Max(Fluence, target);
            ShutterOpen = false;
        }
    }
}
