namespace SpaceTestBench.Instruments.Roles;

/// <summary>
/// The gamma source role: a Co-60 cell with its dosimeter. Dose is in Gy (1 Gy = 100 rad), dose rate in
/// Gy/s, both in silicon at the DUT position.
/// </summary>
public interface IGammaSource : IInstrument
{
    /// <summary>Positions the DUT for this dose rate (the cell moves its table).</summary>
    Task SetDoseRateAsync(double grayPerSecond, CancellationToken cancellationToken = default);

    /// <summary>The dose rate at the DUT position, as the dosimeter reads it (whether or not the source is up).</summary>
    [IdempotentQuery]
    Task<double> MeasureDoseRateAsync(CancellationToken cancellationToken = default);

    /// <summary>Raises (<paramref name="up"/>) or lowers the source.</summary>
    Task SetSourceUpAsync(bool up, CancellationToken cancellationToken = default);

    /// <summary>Whether the source is up (irradiating).</summary>
    [IdempotentQuery]
    Task<bool> IsSourceUpAsync(CancellationToken cancellationToken = default);

    /// <summary>The dosimeter's accumulated dose since its last reset, with its uncertainty.</summary>
    [IdempotentQuery]
    Task<DoseReading> MeasureDoseAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Whether the source is up and the dosimeter's dose, in one exchange: the dose-overrun interlock asks both at
    /// every look, at the pace of the exposure.
    /// </summary>
    [IdempotentQuery]
    Task<(bool SourceUp, DoseReading Dose)> ReadExposureAsync(CancellationToken cancellationToken = default);

    /// <summary>When the source last went up and last went down, as the cell's controller logged it (<see cref="SourceMoves"/>).</summary>
    [IdempotentQuery]
    Task<SourceMoves> ReadSourceMovesAsync(CancellationToken cancellationToken = default);

    /// <summary>Resets the dosimeter's accumulated dose.</summary>
    Task ResetDoseAsync(CancellationToken cancellationToken = default);

    /// <summary>Lowers the source by itself when the dosimeter reaches <paramref name="gray"/>; null: no target.</summary>
    Task SetDoseTargetAsync(double? gray, CancellationToken cancellationToken = default);
}
