using SpaceTestBench.Results.Quantities;

namespace SpaceTestBench.Results.Analysis;

/// <summary>
/// Single-event cross-sections: σ = N / (Φ · cos θ) with LET_eff = LET / cos θ (the effective-LET
/// approximation for thin sensitive volumes, JESD57 / ESCC 25100 practice), and exact Poisson bounds
/// on N (Garwood, two-sided). Zero events give the zero-event bound σ &lt; 3.69/(Φ · cos θ) at 95 % two-sided (the
/// one-sided 95 % bound would be 3.00/Φ). A stated fluence uncertainty u (relative, k = 1, from the beam's dosimetry)
/// widens the interval: its half-widths on the log scale, ln(σ/σ_low) and ln(σ_high/σ), are combined in quadrature with
/// z·u (z the normal quantile of the interval); a zero-event bound, which has no log-scale half-width, is multiplied by
/// exp(z·u). Without a stated uncertainty the interval is counting-only, and says so.
/// </summary>
public static class CrossSectionAnalysis
{
    /// <summary>LET unit of the results.</summary>
    public static Unit LetUnit { get; } = Units.Parse("MeV·cm²/mg");

    /// <summary>Cross-section unit of the results.</summary>
    public static Unit AreaUnit { get; } = Units.Parse("cm²");

    /// <summary>Fluence unit of the results.</summary>
    public static Unit FluenceUnit { get; } = Units.Parse("ions/cm²");

    /// <summary>Tilt beyond which cos θ scaling is meaningless for a real die (ECSS-E-ST-10-12C: tilt ≤ 60° doubles the LET).</summary>
    public static Quantity MaximumTilt { get; } = new(80, Units.Parse("°"));

    /// <summary>The cross-section of every exposure, at <paramref name="confidence"/> (two-sided).</summary>
    public static IReadOnlyList<CrossSectionPoint> Compute(IEnumerable<SingleEventExposure> exposures, double confidence = 0.95)
    {
        ArgumentNullException.ThrowIfNull(exposures);
        var list = exposures.ToList();
        var perBit = list.Count > 0 && list.All(e => e.BitsExposed is > 0);
        var intervalOf = PoissonInterval.TwoSidedMemo(confidence);
        return list.Select(e => Point(e, confidence, perBit, intervalOf)).ToList();
    }

    /// <summary>Degrees, the unit tilts are taken in.</summary>
    public static Unit DegreeUnit { get; } = Units.Parse("°");

    private static CrossSectionPoint Point(SingleEventExposure exposure, double confidence, bool perBit, Func<long, CountInterval> intervalOf)
    {
        var let = exposure.LinearEnergyTransfer.In(LetUnit);
        var fluence = exposure.Fluence.In(FluenceUnit);
        var tilt = exposure.Tilt.In(DegreeUnit);
        if (!(fluence > 0))
        {
            throw new AnalysisException($"An exposure at LET {exposure.LinearEnergyTransfer} has fluence {exposure.Fluence}; a cross-section needs a positive fluence.");
        }

        if (tilt < 0 || tilt > MaximumTilt.Value)
        {
            throw new AnalysisException($"An exposure at LET {exposure.LinearEnergyTransfer} is tilted {exposure.Tilt}; the effective-LET approximation holds for 0° to {MaximumTilt}.");
        }

        if (exposure.Events < 0)
        {
            throw new AnalysisException($"An exposure at LET {exposure.LinearEnergyTransfer} counts {exposure.Events} events.");
        }

        var cosine = Math.Cos(tilt * Math.PI / 180);
        var effectiveFluence = fluence * cosine;
        var normalisation = effectiveFluence * (perBit ? exposure.BitsExposed!.Value : 1);
        if (exposure.FluenceUncertainty is { } u && !(u >= 0 && u < 1))
        {
            throw new AnalysisException($"An exposure at LET {exposure.LinearEnergyTransfer} states a fluence uncertainty of {u}; it is relative (0.1 for ±10 %).");
        }

        var interval = intervalOf(exposure.Events);
        var sigma = exposure.Events / normalisation;
        var (lower, upper) = Widen(sigma, interval.Lower / normalisation, interval.Upper / normalisation, exposure.FluenceUncertainty ?? 0, confidence);
        return new CrossSectionPoint(
            exposure,
            new Quantity(let / cosine, LetUnit),
            new Quantity(effectiveFluence, FluenceUnit),
            new Quantity(sigma, AreaUnit),
            new Quantity(lower, AreaUnit),
            new Quantity(upper, AreaUnit),
            interval);
    }

    /// <summary>
    /// Combines a counting interval [<paramref name="lower"/>, <paramref name="upper"/>] about <paramref name="estimate"/> with a
    /// relative standard uncertainty <paramref name="relative"/> (k = 1) of the normalisation, in quadrature on the log scale.
    /// </summary>
    public static (double Lower, double Upper) Widen(double estimate, double lower, double upper, double relative, double confidence)
    {
        if (!(relative > 0))
        {
            return (lower, upper);
        }

        var z = MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, 0.5 + (confidence / 2));
        var spread = z * relative;
        if (!(estimate > 0))
        {
            return (0, upper * Math.Exp(spread));
        }

        double Combine(double half) => Math.Sqrt((half * half) + (spread * spread));
        return (estimate * Math.Exp(-Combine(Math.Log(estimate / lower))), estimate * Math.Exp(Combine(Math.Log(upper / estimate))));
    }

    /// <summary>The convention of a cross-section interval at <paramref name="confidence"/> with fluence uncertainty <paramref name="relative"/>.</summary>
    public static string Convention(double confidence, double? relative) => CountInterval.Describe(confidence, oneSided: false) + (relative is > 0
        ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $", fluence ±{relative * 100:0.#} % (k = 1) combined in quadrature on the log scale")
        : ", counting only (no fluence uncertainty stated)");
}
