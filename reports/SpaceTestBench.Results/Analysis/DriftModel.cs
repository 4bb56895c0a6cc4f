namespace SpaceTestBench.Results.Analysis;

/// <summary>
/// The drift laws a TID parametric is fitted with; the one with the lowest AICc among those the data identify is
/// chosen. Each is written as P(D) = P0 + ΔP·g(D)/g(D_max), so its amplitude ΔP is the drift at the highest dose tested
/// (well determined by the data, and nearly uncorrelated with the shape parameter).
/// </summary>
public enum DriftModel
{
    /// <summary>P0 + a·D: steady build-up of trapped charge (two parameters).</summary>
    Linear,

    /// <summary>P0 + a·D^n: sub-linear (n &lt; 1, saturating trapped charge) or accelerating (n &gt; 1) drift.</summary>
    PowerLaw,

    /// <summary>
    /// P0 + I_s·(exp(D/D_s) − 1): the leakage onset of field-oxide trapped charge, the law the simulated DUT follows
    /// (ΔI = I_s·(exp(D_ot/D_s) − 1) with D_ot ≈ D while the oxide charge does not anneal).
    /// </summary>
    ExponentialLeakage,

    /// <summary>P0 + A·(1 − exp(−D/D_s)): trapped charge that saturates (build-up balanced by anneal).</summary>
    Saturating,
}
