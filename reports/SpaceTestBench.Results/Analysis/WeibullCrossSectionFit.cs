using MathNet.Numerics;
using MathNet.Numerics.LinearAlgebra;
using SpaceTestBench.Results.Quantities;

namespace SpaceTestBench.Results.Analysis;

/// <summary>
/// Fits the Weibull σ(LET) curve to single-event exposures by maximum likelihood on the event counts:
/// N_i ~ Poisson(Φ_i · cos θ_i · σ(LET_eff,i)). Counting the events (rather than least squares on σ)
/// weighs every exposure by its statistics and lets zero-event exposures below the onset pin L0.
/// Parameters are fitted as (ln σsat, ln(L_min − L0), ln W, ln s), L_min being the lowest effective LET
/// with events: σsat, W and s stay positive and L0 stays below the first LET that upset the device, as it
/// must. Confidence intervals are taken on that scale, where the likelihood is nearly quadratic, and
/// mapped back (so they are asymmetric); standard errors are carried back by the delta method.
/// Over-dispersion: when the deviance exceeds its degrees of freedom, φ = deviance/dof scales the covariance and the
/// likelihood-ratio drop (quasi-likelihood), and the result says so. Fluence dosimetry: a stated relative uncertainty u
/// (k = 1, the largest the exposures state) is a common scale error of every σ, so it enters σsat only (L0, W and s do not
/// change when every fluence is scaled), combined in quadrature on the log scale; without one the intervals are counting-only.
/// An onset below the lowest LET tested is not measured: it is reported as "&lt; L_min".
/// </summary>
public static class WeibullCrossSectionFit
{
    /// <summary>Fewest exposures the four-parameter fit accepts.</summary>
    public const int MinimumExposures = 5;

    /// <summary>Fits the curve; throws <see cref="AnalysisException"/> if the data cannot determine it.</summary>
    public static WeibullFitResult Fit(IReadOnlyList<CrossSectionPoint> points, double confidence = 0.95)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count < MinimumExposures)
        {
            throw new AnalysisException($"A Weibull fit needs at least {MinimumExposures} exposures (four parameters and one degree of freedom); there are {points.Count}.");
        }

        var withEvents = points.Where(p => !p.ZeroEvents).ToList();
        if (withEvents.Select(p => p.EffectiveLet.Value).Distinct().Count() < 3)
        {
            throw new AnalysisException("A Weibull fit needs events at three or more distinct effective LETs to find the onset, width and saturation.");
        }

        var perBit = points.All(p => p.Exposure.BitsExposed is > 0);
        var lets = points.Select(p => p.EffectiveLet.In(CrossSectionAnalysis.LetUnit)).ToArray();
        var exposures = points.Select(p => p.EffectiveFluence.In(CrossSectionAnalysis.FluenceUnit) * (perBit ? p.Exposure.BitsExposed!.Value : 1)).ToArray();
        var counts = points.Select(p => p.Exposure.Events).ToArray();
        var lowestEventLet = withEvents.Min(p => p.EffectiveLet.In(CrossSectionAnalysis.LetUnit));

        var start = StartingPoint(points, lets, lowestEventLet);
        bool Valid(Vector<double> t) =>
            t.All(double.IsFinite) && lowestEventLet - Math.Exp(t[1]) >= 0 && t[3] > Math.Log(0.2) && t[3] < Math.Log(10);

        // Exposures at the same effective LET are pooled for the fit (their summed counts and exposures are sufficient
        // statistics of a Poisson rate, so the estimate and its information are unchanged) — 200,000 exposures fit as fast
        // as 20; the deviance that judges over-dispersion is taken over the exposures as recorded.
        var groups = Enumerable.Range(0, points.Count).GroupBy(i => lets[i])
            .Select(g => (Let: g.Key, Exposure: g.Sum(i => exposures[i]), Count: g.Sum(i => counts[i]))).ToArray();
        var model = new CountModel((theta, i) => Model(theta, groups[i].Let, lowestEventLet),
            groups.Select(g => g.Count).ToArray(), groups.Select(g => g.Exposure).ToArray(), CountDistribution.Poisson, Valid);
        var pooled = model.Fit(start);
        var ungrouped = new CountModel((theta, i) => Model(theta, lets[i], lowestEventLet), counts, exposures, CountDistribution.Poisson, Valid);
        var outcome = pooled with { Deviance = ungrouped.Deviance(pooled.Theta), DegreesOfFreedom = points.Count - 4 };
        var t = outcome.Theta;
        var dispersion = outcome.DegreesOfFreedom > 0 ? Math.Max(1, outcome.Deviance / outcome.DegreesOfFreedom) : 1;
        double Error(int index) => outcome.Covariance is { } c && c[index, index] >= 0 ? Math.Sqrt(c[index, index] * dispersion) : double.NaN;
        var fluenceUncertainty = points.Select(p => p.Exposure.FluenceUncertainty).Where(u => u is > 0).Max();

        // Likelihood-ratio intervals on the fitting scale: the onset in particular is far from normal
        // (it can sit anywhere between the highest silent LET and the lowest LET with events).
        FittedParameter Positive(string name, int index, Unit unit)
        {
            var (value, error) = (Math.Exp(t[index]), Error(index));
            var (low, high) = model.ProfileInterval(outcome, index, confidence, t[index] - 30, t[index] + 30, dispersion);
            if (index == 0 && fluenceUncertainty is { } u)
            {
                // A common fluence scale error moves σsat alone: in quadrature on the log scale.
                (low, high) = (Math.Log(CrossSectionAnalysis.Widen(value, Math.Exp(low), Math.Exp(high), u, confidence).Lower),
                    Math.Log(CrossSectionAnalysis.Widen(value, Math.Exp(low), Math.Exp(high), u, confidence).Upper));
                error = Math.Sqrt((error * error) + (u * u));
            }

            return new FittedParameter(name, new Quantity(value, unit), value * error, Math.Exp(low), Math.Exp(high), confidence);
        }

        var gap = Math.Exp(t[1]);
        var (gapLow, gapHigh) = model.ProfileInterval(outcome, 1, confidence, Math.Log(lowestEventLet * 1e-9), Math.Log(lowestEventLet), dispersion);
        var threshold = new FittedParameter(
            "onset LET L0", new Quantity(lowestEventLet - gap, CrossSectionAnalysis.LetUnit), gap * Error(1),
            Math.Max(0, lowestEventLet - Math.Exp(gapHigh)), gapLow <= Math.Log(lowestEventLet * 1e-9) ? lowestEventLet : lowestEventLet - Math.Exp(gapLow), confidence);
        return new WeibullFitResult(
            Positive("saturated cross-section σsat", 0, CrossSectionAnalysis.AreaUnit),
            threshold,
            Positive("width W", 2, CrossSectionAnalysis.LetUnit),
            Positive("shape s", 3, Units.One),
            outcome.Converged,
            outcome.Deviance,
            outcome.DegreesOfFreedom,
            ThresholdAtDataEdge: gap < 1e-3 * lowestEventLet)
        {
            Dispersion = dispersion,
            FluenceUncertainty = fluenceUncertainty,
            LowestLetTested = new Quantity(lets.Min(), CrossSectionAnalysis.LetUnit),
        };
    }

    // p(L) = σsat (1 − e^−u), u = ((L − L0)/W)^s, L0 = L_min − e^η; derivatives with respect to (ln σsat, η, ln W, ln s).
    private static (double P, Vector<double> Gradient) Model(Vector<double> theta, double let, double lowestEventLet)
    {
        var gradient = Vector<double>.Build.Dense(4);
        var gap = Math.Exp(theta[1]);
        var (saturated, threshold, width, shape) = (Math.Exp(theta[0]), lowestEventLet - gap, Math.Exp(theta[2]), Math.Exp(theta[3]));
        var x = (let - threshold) / width;
        if (x <= 0)
        {
            return (0, gradient);
        }

        var u = Math.Pow(x, shape);
        var decay = Math.Exp(-u);
        var p = saturated * -SpecialFunctions.Expm1(-u);
        gradient[0] = p;
        gradient[1] = saturated * decay * shape * Math.Pow(x, shape - 1) * (-1 / width) * -gap;
        gradient[2] = saturated * decay * (-shape * u);
        gradient[3] = saturated * decay * shape * u * Math.Log(x);
        return (p, gradient);
    }

    private static Vector<double> StartingPoint(IReadOnlyList<CrossSectionPoint> points, double[] lets, double lowestEventLet)
    {
        var saturated = points.Where(p => !p.ZeroEvents).OrderByDescending(p => p.CrossSection.Value).Take(2).Average(p => p.CrossSection.In(CrossSectionAnalysis.AreaUnit));
        var silentBelow = points.Where(p => p.ZeroEvents && p.EffectiveLet.In(CrossSectionAnalysis.LetUnit) < lowestEventLet)
            .Select(p => p.EffectiveLet.In(CrossSectionAnalysis.LetUnit)).DefaultIfEmpty(0).Max();
        var threshold = silentBelow > 0 ? (silentBelow + lowestEventLet) / 2 : lowestEventLet / 2;
        var sorted = lets.Order().ToArray();
        var width = Math.Max(sorted[sorted.Length / 2] - threshold, 0.1 * sorted[^1]);
        return Vector<double>.Build.DenseOfArray([Math.Log(saturated), Math.Log(lowestEventLet - threshold), Math.Log(width), Math.Log(1.5)]);
    }
}
