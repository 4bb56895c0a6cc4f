using SpaceTestBench.Results.Quantities;

namespace SpaceTestBench.Results.Analysis;

/// <summary>
/// Single-event cross-sections: σ = N / (Φ · cos θ) with LET_eff = LET / cos θ (the effective-LET
/// approximation for thin sensitive volumes, JESD57 / ESCC 25100 practice), and exact Poisson bounds
/// on N. Zero events give the zero-event bound σ &lt; 3.69/(Φ · cos θ) at 95 % two-sided.
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
        return list.Select(e => Point(e, confidence, perBit)).ToList();
    }

    private static CrossSectionPoint Point(SingleEventExposure exposure, double confidence, bool perBit)
    {
        var let = exposure.LinearEnergyTransfer.In(LetUnit);
        var fluence = exposure.Fluence.In(FluenceUnit);
        var tilt = exposure.Tilt.In(Units.Parse("°"));
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
        var interval = PoissonInterval.TwoSided(exposure.Events, confidence);
        return new CrossSectionPoint(
            exposure,
            new Quantity(let / cosine, LetUnit),
            new Quantity(effectiveFluence, FluenceUnit),
            new Quantity(exposure.Events / normalisation, AreaUnit),
            new Quantity(interval.Lower / normalisation, AreaUnit),
            new Quantity(interval.Upper / normalisation, AreaUnit),
            interval);
    }
}
