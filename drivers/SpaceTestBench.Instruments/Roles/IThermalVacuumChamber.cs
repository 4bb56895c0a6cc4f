namespace SpaceTestBench.Instruments.Roles;

/// <summary>
/// A thermal chamber that can also pump down (thermal-vacuum testing). A feature file asking for vacuum
/// needs its "thermal chamber" role played by one of these. Pressure is in pascal.
/// </summary>
public interface IThermalVacuumChamber : IThermalChamber
{
    /// <summary>Starts the pump-down (<paramref name="pumpDown"/>) or vents the chamber.</summary>
    Task SetVacuumAsync(bool pumpDown, CancellationToken cancellationToken = default);

    /// <summary>Measures the chamber pressure.</summary>
    [IdempotentQuery]
    Task<double> MeasurePressureAsync(CancellationToken cancellationToken = default);
}
