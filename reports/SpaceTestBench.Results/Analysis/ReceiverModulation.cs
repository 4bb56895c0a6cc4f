namespace SpaceTestBench.Results.Analysis;

/// <summary>
/// The receiver the BER waterfall law follows (DUT profile characteristic "optical terminal: modulation"). Each law is
/// BER = f(x) with x ∝ P^k; k = 1 is the textbook receiver.
/// </summary>
public enum ReceiverModulation
{
    /// <summary>OOK, thermal-noise-limited direct detection: BER = ½·erfc(Q/√2), Q ∝ P.</summary>
    OnOffKeying,

    /// <summary>Optically preamplified DPSK, balanced detection: BER = ½·e^−n, n (photons per bit) ∝ P.</summary>
    DifferentialPhaseShiftKeying,

    /// <summary>Homodyne BPSK: BER = ½·erfc(√(2n)), n ∝ P.</summary>
    HomodyneBinaryPhaseShiftKeying,

    /// <summary>
    /// M-ary PPM with ideal photon counting on a Poisson channel without background counts: a symbol is lost when no photon
    /// arrives (probability e^−K_s) and then guessed, so BER = M/(2(M − 1))·(1 − 1/M)·e^−K_s = ½·e^−K_s whatever M, K_s ∝ P.
    /// Background or dark counts put a floor under it that this law does not have: a deviance far above its degrees of
    /// freedom says the assumption fails.
    /// </summary>
    PulsePositionModulation,
}

/// <summary>Names and laws of <see cref="ReceiverModulation"/>.</summary>
public static class ReceiverModulations
{
    /// <summary>The DUT characteristic the modulation is read from.</summary>
    public const string CharacteristicKey = "optical terminal: modulation";

    /// <summary>Reads "OOK", "DPSK", "BPSK" or "PPM" (case-insensitive; "16-PPM" counts as PPM).</summary>
    public static bool TryParse(string? text, out ReceiverModulation modulation)
    {
        var t = (text ?? "").Trim().ToUpperInvariant();
        (var ok, modulation) = t switch
        {
            "OOK" or "NRZ-OOK" or "RZ-OOK" => (true, ReceiverModulation.OnOffKeying),
            "DPSK" => (true, ReceiverModulation.DifferentialPhaseShiftKeying),
            "BPSK" or "HOMODYNE BPSK" or "BPSK-HOMODYNE" or "HOMODYNE-BPSK" => (true, ReceiverModulation.HomodyneBinaryPhaseShiftKeying),
            _ when t.EndsWith("PPM", StringComparison.Ordinal) => (true, ReceiverModulation.PulsePositionModulation),
            _ => (false, ReceiverModulation.OnOffKeying),
        };
        return ok;
    }

    /// <summary>The short name ("DPSK").</summary>
    public static string Name(this ReceiverModulation modulation) => modulation switch
    {
        ReceiverModulation.OnOffKeying => "OOK",
        ReceiverModulation.DifferentialPhaseShiftKeying => "DPSK",
        ReceiverModulation.HomodyneBinaryPhaseShiftKeying => "BPSK (homodyne)",
        _ => "PPM",
    };

    /// <summary>The law as printed: "BER = ½·e^−n, n ∝ P^k".</summary>
    public static string Law(this ReceiverModulation modulation) => modulation switch
    {
        ReceiverModulation.OnOffKeying => "BER = ½·erfc(Q/√2), Q ∝ P^k",
        ReceiverModulation.DifferentialPhaseShiftKeying => "BER = ½·e^−n, n ∝ P^k",
        ReceiverModulation.HomodyneBinaryPhaseShiftKeying => "BER = ½·erfc(√(2n)), n ∝ P^k",
        _ => "BER = ½·e^−K_s, K_s ∝ P^k (ideal photon counting, no background)",
    };

    /// <summary>The name of the variable x the law is written in ("Q", "n", "K_s").</summary>
    public static string Variable(this ReceiverModulation modulation) => modulation switch
    {
        ReceiverModulation.OnOffKeying => "Q",
        ReceiverModulation.PulsePositionModulation => "K_s",
        _ => "n",
    };

    /// <summary>BER at x.</summary>
    public static double Ratio(this ReceiverModulation modulation, double x) => modulation switch
    {
        ReceiverModulation.OnOffKeying => 0.5 * MathNet.Numerics.SpecialFunctions.Erfc(x / Math.Sqrt(2)),
        ReceiverModulation.HomodyneBinaryPhaseShiftKeying => 0.5 * MathNet.Numerics.SpecialFunctions.Erfc(Math.Sqrt(2 * x)),
        _ => 0.5 * Math.Exp(-x),
    };

    /// <summary>dBER/dx at x.</summary>
    public static double Slope(this ReceiverModulation modulation, double x) => modulation switch
    {
        ReceiverModulation.OnOffKeying => -Math.Exp(-x * x / 2) / Math.Sqrt(2 * Math.PI),
        ReceiverModulation.HomodyneBinaryPhaseShiftKeying => x > 0 ? -Math.Exp(-2 * x) / Math.Sqrt(2 * Math.PI * x) : double.NegativeInfinity,
        _ => -0.5 * Math.Exp(-x),
    };

    /// <summary>x at which the BER is <paramref name="ratio"/>.</summary>
    public static double Inverse(this ReceiverModulation modulation, double ratio) => modulation switch
    {
        ReceiverModulation.OnOffKeying => Math.Sqrt(2) * MathNet.Numerics.SpecialFunctions.ErfcInv(2 * ratio),
        ReceiverModulation.HomodyneBinaryPhaseShiftKeying => Math.Pow(MathNet.Numerics.SpecialFunctions.ErfcInv(2 * ratio), 2) / 2,
        _ => -Math.Log(2 * ratio),
    };
}
