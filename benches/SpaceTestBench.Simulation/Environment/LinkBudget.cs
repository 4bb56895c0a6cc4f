namespace SpaceTestBench.Simulation.Environment;

/// <summary>
/// The free-space optical link budget: received power Pr = Pt·Gt·Gr·(λ/4πL)²·Lp·Latm, with the gain of a telescope
/// of diameter D, G = (πD/λ)² (diffraction-limited, uniformly illuminated), the free-space loss (λ/4πL)² falling
/// 20 dB a decade of range, the pointing loss Lp and the atmospheric loss Latm (a ground terminal's path only;
/// 1 between two spacecraft). Each term in dB, as a budget table states it; gains positive, losses negative.
/// </summary>
/// <param name="WavelengthMetres">Carrier wavelength λ, m.</param>
/// <param name="RangeMetres">Range L, m.</param>
/// <param name="TransmitApertureMetres">Transmit telescope diameter Dt, m.</param>
/// <param name="ReceiveApertureMetres">Receive telescope diameter Dr, m.</param>
/// <param name="PointingLossDecibels">Mean pointing loss, dB (≤ 0).</param>
/// <param name="AtmosphericLossDecibels">Atmospheric loss, dB (≤ 0; 0 between spacecraft).</param>
public sealed record LinkBudget(double WavelengthMetres, double RangeMetres, double TransmitApertureMetres, double ReceiveApertureMetres, double PointingLossDecibels, double AtmosphericLossDecibels)
{
    /// <summary>The gain of a telescope of diameter <paramref name="diameter"/> at <paramref name="wavelength"/>, dB: 10·log10((πD/λ)²).</summary>
    public static double GainDecibels(double diameter, double wavelength) => 20 * Math.Log10(Math.PI * diameter / wavelength);

    /// <summary>Transmit gain Gt, dB.</summary>
    public double TransmitGainDecibels => GainDecibels(TransmitApertureMetres, WavelengthMetres);

    /// <summary>Receive gain Gr, dB.</summary>
    public double ReceiveGainDecibels => GainDecibels(ReceiveApertureMetres, WavelengthMetres);

    /// <summary>Free-space loss (λ/4πL)², dB (negative); 0 at zero range (no path).</summary>
    public double FreeSpaceLossDecibels => RangeMetres > 0 ? 20 * Math.Log10(WavelengthMetres / (4 * Math.PI * RangeMetres)) : 0;

    /// <summary>Gt + Gr + free-space loss + pointing + atmosphere, dB: received power over transmitted power.</summary>
    public double TotalDecibels => TransmitGainDecibels + ReceiveGainDecibels + FreeSpaceLossDecibels + PointingLossDecibels + AtmosphericLossDecibels;

    /// <summary>The geometric part (gains and free-space loss) with the atmosphere, as a power ratio: what the emulator applies besides pointing.</summary>
    public double PathTransmission => Math.Pow(10, (TransmitGainDecibels + ReceiveGainDecibels + FreeSpaceLossDecibels + AtmosphericLossDecibels) / 10);

    /// <summary>Received power for <paramref name="transmitWatts"/>, W.</summary>
    public double ReceivedWatts(double transmitWatts) => transmitWatts * Math.Pow(10, TotalDecibels / 10);
}
