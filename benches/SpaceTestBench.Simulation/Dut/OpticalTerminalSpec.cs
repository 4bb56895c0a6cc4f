namespace SpaceTestBench.Simulation.Dut;

/// <summary>Modulation formats the receiver models know.</summary>
public enum OpticalModulation
{
    /// <summary>On-off keying, thermal-noise-limited direct detection: BER = ½·erfc(Q/√2), Q ∝ P.</summary>
    OnOffKeying,

    /// <summary>Optically preamplified DPSK with balanced detection: BER = ½·exp(−n).</summary>
    DifferentialPhaseShiftKeying,

    /// <summary>Homodyne BPSK: BER = ½·erfc(√(2n)).</summary>
    HomodyneBinaryPhaseShiftKeying,
}

/// <summary>
/// The DUT's optical inter-satellite-link terminal as tested in loop-back through the link emulator and
/// the attenuator: what it transmits and what its receiver needs.
/// </summary>
/// <param name="Modulation">Modulation format.</param>
/// <param name="DataRateBitsPerSecond">Line rate, bit/s.</param>
/// <param name="WavelengthMetres">Carrier wavelength, m.</param>
/// <param name="TransmitPowerWatts">Power the transmitter launches (into its telescope in flight, into the test path on the bench), W: the budget's Pt.</param>
/// <param name="BeamDivergenceRadians">1/e² half-angle divergence, rad (sets the pointing loss).</param>
/// <param name="SensitivityWatts">OOK: received power for BER 1e-9 (Q = 6), W.</param>
/// <param name="PenaltyDecibels">DPSK/BPSK: implementation penalty over the quantum limit, dB.</param>
/// <param name="FrequencyTrackingRangeHertz">Largest Doppler shift the receiver tracks, Hz.</param>
/// <param name="AcquisitionSeconds">Time to acquire once the signal is there, s.</param>
/// <param name="AcquisitionThresholdWatts">Least mean received power to acquire and hold lock, W.</param>
/// <param name="ProcessingLatencySeconds">Framing and processing delay added to the path delay, s.</param>
/// <param name="FrequencyTrackingRateHertzPerSecond">Fastest Doppler change the receiver's frequency loop follows, Hz/s (null: the profile states none, and the rate is not modelled).</param>
public sealed record OpticalTerminalSpec(
    OpticalModulation Modulation,
    double DataRateBitsPerSecond,
    double WavelengthMetres,
    double TransmitPowerWatts,
    double BeamDivergenceRadians,
    double SensitivityWatts,
    double PenaltyDecibels,
    double FrequencyTrackingRangeHertz,
    double AcquisitionSeconds,
    double AcquisitionThresholdWatts,
    double ProcessingLatencySeconds,
    double? FrequencyTrackingRateHertzPerSecond = null)
{
    /// <summary>
    /// Diameter of the terminal's telescope, m (its gain (πD/λ)² in the link budget); null: the profile states none, and
    /// a link budget cannot be drawn for it.
    /// </summary>
    public double? ApertureMetres { get; init; }

    /// <summary>Photons per bit received at <paramref name="watts"/>, after the implementation penalty.</summary>
    public double PhotonsPerBit(double watts)
    {
        var photonEnergy = Physics.PhysicalConstants.Planck * Physics.PhysicalConstants.SpeedOfLight / WavelengthMetres;
        return watts * Math.Pow(10, -PenaltyDecibels / 10) / (photonEnergy * DataRateBitsPerSecond);
    }

    /// <summary>The raw bit error ratio at a received power of <paramref name="watts"/>.</summary>
    public double BitErrorRatioAt(double watts)
    {
        if (watts <= 0)
        {
            return 0.5;
        }

        var ber = Modulation switch
        {
            // Q = 5.9978 gives BER 1e-9; thermal noise does not grow with the signal, so Q ∝ P.
            OpticalModulation.OnOffKeying => 0.5 * MathNet.Numerics.SpecialFunctions.Erfc(QFactorAtSensitivity * watts / SensitivityWatts / Math.Sqrt(2)),
            OpticalModulation.DifferentialPhaseShiftKeying => 0.5 * Math.Exp(-PhotonsPerBit(watts)),
            OpticalModulation.HomodyneBinaryPhaseShiftKeying => 0.5 * MathNet.Numerics.SpecialFunctions.Erfc(Math.Sqrt(2 * PhotonsPerBit(watts))),
            _ => 0.5,
        };
        return Math.Min(0.5, ber);
    }

    /// <summary>The Q-factor at which ½·erfc(Q/√2) = 1e-9.</summary>
    public const double QFactorAtSensitivity = 5.997807;
}
