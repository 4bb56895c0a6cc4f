namespace SpaceTestBench.Instruments.Roles;

/// <summary>
/// The link emulator role: what a space link does to the light between the DUT's transmitter and
/// receiver. Values are SI: s, m, Hz, rad.
/// </summary>
public interface ILinkEmulator : IInstrument
{
    /// <summary>Sets the one-way delay.</summary>
    Task SetOneWayDelayAsync(double seconds, CancellationToken cancellationToken = default);

    /// <summary>Sets the delay of a link of this range (range / c).</summary>
    Task SetRangeAsync(double metres, CancellationToken cancellationToken = default);

    /// <summary>Sets the Doppler shift of the carrier.</summary>
    Task SetDopplerShiftAsync(double hertz, CancellationToken cancellationToken = default);

    /// <summary>Sets the Doppler rate: the shift then changes at this rate from the moment it is set, as it does over a pass.</summary>
    Task SetDopplerRateAsync(double hertzPerSecond, CancellationToken cancellationToken = default);

    /// <summary>Sets the scintillation (fading) profile.</summary>
    Task SetFadingAsync(FadingProfile profile, CancellationToken cancellationToken = default);

    /// <summary>Sets the pointing error: Gaussian jitter (rms per axis) around a bias.</summary>
    Task SetPointingErrorAsync(double jitterRadians, double biasRadians, CancellationToken cancellationToken = default);

    /// <summary>The emulation as set.</summary>
    [IdempotentQuery]
    Task<LinkEmulation> GetEmulationAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Sets what the link budget needs besides the range: the carrier wavelength, the diameters of the transmitting and
    /// receiving telescopes, and the atmospheric loss (dB, as a positive loss; 0 between spacecraft). From then on the
    /// emulator applies the budget's gains and free-space loss, so the range changes the received power.
    /// </summary>
    Task SetLinkBudgetAsync(double wavelengthMetres, double transmitApertureMetres, double receiveApertureMetres, double atmosphericLossDecibels, CancellationToken cancellationToken = default);

    /// <summary>The link budget the emulator applies, term by term.</summary>
    [IdempotentQuery]
    Task<LinkBudgetTerms> GetLinkBudgetAsync(CancellationToken cancellationToken = default);

    /// <summary>The power arriving from the DUT's transmitter at the emulator's input, W: the budget's transmitted power as measured.</summary>
    [IdempotentQuery]
    Task<double> MeasureInputPowerAsync(CancellationToken cancellationToken = default);

    /// <summary>Mean loss the emulated pointing error costs the DUT's beam, dB.</summary>
    [IdempotentQuery]
    Task<double> GetMeanPointingLossAsync(CancellationToken cancellationToken = default);
}
