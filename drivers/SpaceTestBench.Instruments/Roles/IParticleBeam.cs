namespace SpaceTestBench.Instruments.Roles;

/// <summary>
/// The particle beam role: a heavy-ion or proton beam line. Values are SI: energy J, LET J·m²/kg
/// (1 MeV·cm²/mg = 1.602e-11 J·m²/kg), flux m⁻²·s⁻¹, fluence m⁻² (measured normal to the beam), tilt rad,
/// dose Gy.
/// </summary>
public interface IParticleBeam : IInstrument
{
    /// <summary>The species the facility offers (its names, e.g. "XE", "PROTON").</summary>
    [IdempotentQuery]
    Task<IReadOnlyList<string>> GetSpeciesCatalogAsync(CancellationToken cancellationToken = default);

    /// <summary>Selects a species (the shutter must be closed).</summary>
    Task SelectSpeciesAsync(string species, CancellationToken cancellationToken = default);

    /// <summary>Sets the beam energy (protons; a cocktail ion's energy is fixed).</summary>
    Task SetEnergyAsync(double joules, CancellationToken cancellationToken = default);

    /// <summary>Tilts the DUT: the angle between the beam and the die normal.</summary>
    Task SetTiltAsync(double radians, CancellationToken cancellationToken = default);

    /// <summary>Sets the flux.</summary>
    Task SetFluxAsync(double perSquareMetrePerSecond, CancellationToken cancellationToken = default);

    /// <summary>The beam as it is now.</summary>
    [IdempotentQuery]
    Task<BeamSettings> GetBeamAsync(CancellationToken cancellationToken = default);

    /// <summary>Opens or closes the shutter.</summary>
    Task SetShutterOpenAsync(bool open, CancellationToken cancellationToken = default);

    /// <summary>Whether the shutter is open (it closes by itself at the fluence target).</summary>
    [IdempotentQuery]
    Task<bool> IsShutterOpenAsync(CancellationToken cancellationToken = default);

    /// <summary>Fluence since the last reset.</summary>
    [IdempotentQuery]
    Task<double> MeasureFluenceAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Whether the shutter is open and the fluence since the last reset, in one exchange: the fluence-overrun interlock
    /// asks both at every look.
    /// </summary>
    [IdempotentQuery]
    Task<(bool ShutterOpen, double Fluence)> ReadExposureAsync(CancellationToken cancellationToken = default);

    /// <summary>Resets the fluence (and beam dose) counters.</summary>
    Task ResetFluenceAsync(CancellationToken cancellationToken = default);

    /// <summary>Closes the shutter by itself at this fluence; null: no target.</summary>
    Task SetFluenceTargetAsync(double? perSquareMetre, CancellationToken cancellationToken = default);

    /// <summary>Dose the beam deposited in silicon since the last reset.</summary>
    [IdempotentQuery]
    Task<double> MeasureDoseAsync(CancellationToken cancellationToken = default);
}
