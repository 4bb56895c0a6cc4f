using MathNet.Numerics;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;
using SpaceTestBench.Results.Quantities;

namespace SpaceTestBench.Results.Analysis;

/// <summary>
/// BER waterfall analysis of an optical link: per-point bit error ratios with exact Poisson bounds,
/// and a maximum-likelihood fit of the waterfall to the binomial error counts (so error-free points at
/// high power constrain the fit instead of being dropped). The law follows the receiver's modulation
/// (<see cref="ReceiverModulation"/>): BER = f(x) with ln x = ln x_ref + b·(P − P_ref), P in dBm. The receiver
/// sensitivity at a target BER is P_t = P_ref + (ln x_t − ln x_ref)/b with x_t = f⁻¹(BER_t). Its standard error is the
/// delta-method one, with the covariance scaled by φ = deviance/dof when the points scatter more than counting allows
/// (lack of fit, quasi-likelihood), and the power meter's calibration uncertainty (dB, k = 1) added in quadrature —
/// it shifts every point, so the sensitivity, alike.
/// </summary>
public static class BitErrorRatioAnalysis
{
    /// <summary>The default target: 1e-9, the raw BER of the optical inter-satellite links in the reference.</summary>
    public const double DefaultTarget = 1e-9;

    /// <summary>dBm, the unit of received power in the results.</summary>
    public static Unit PowerUnit => Units.DecibelMilliwatt;

    /// <summary>BER of an OOK-like receiver at quality factor Q: ½ erfc(Q/√2).</summary>
    public static double Ratio(double quality) => 0.5 * SpecialFunctions.Erfc(quality / Math.Sqrt(2));

    /// <summary>Q at which the BER is <paramref name="ratio"/>.</summary>
    public static double Quality(double ratio) => Math.Sqrt(2) * SpecialFunctions.ErfcInv(2 * ratio);

    /// <summary>Each count's BER with a two-sided Poisson (Garwood) interval at <paramref name="confidence"/>.</summary>
    public static IReadOnlyList<BitErrorRatioPoint> Ratios(IEnumerable<BitErrorCount> counts, double confidence = 0.95)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var intervalOf = PoissonInterval.TwoSidedMemo(confidence);
        return counts.Select(c =>
        {
            if (c.Bits <= 0 || c.Errors < 0 || c.Errors > c.Bits)
            {
                throw new AnalysisException($"At {c.ReceivedPower}: {c.Errors} errors in {c.Bits} bits is not a bit error count.");
            }

            var interval = intervalOf(c.Errors);
            return new BitErrorRatioPoint(c, c.ReceivedPower.ConvertTo(PowerUnit), c.Errors / (double)c.Bits, interval.Lower / c.Bits, Math.Min(1, interval.Upper / c.Bits));
        }).OrderBy(p => p.ReceivedPower.Value).ToList();
    }

    /// <summary>
    /// Fits the waterfall of a <paramref name="modulation"/> receiver and quotes the sensitivity at <paramref name="target"/>, its
    /// interval including <paramref name="powerUncertaintyDecibels"/> (k = 1) of power-meter calibration; throws
    /// <see cref="AnalysisException"/> if the data cannot support it.
    /// </summary>
    public static BitErrorRatioWaterfall Fit(
        IEnumerable<BitErrorCount> counts, double target = DefaultTarget, double confidence = 0.95,
        ReceiverModulation modulation = ReceiverModulation.OnOffKeying, double powerUncertaintyDecibels = 0)
    {
        if (!(powerUncertaintyDecibels >= 0) || !double.IsFinite(powerUncertaintyDecibels))
        {
            throw new AnalysisException($"A received-power uncertainty of {powerUncertaintyDecibels} dB is not a standard uncertainty (0 dB or more).");
        }

        if (!(target > 0 && target < 0.5))
        {
            throw new AnalysisException($"A target BER of {target} is not between 0 and 0.5.");
        }

        var points = Ratios(counts, confidence);
        var informative = points.Where(p => p.Count.Errors > 0 && p.Count.Errors < p.Count.Bits / 2).ToList();
        if (points.Count < 3 || informative.Select(p => p.ReceivedPower.Value).Distinct().Count() < 2)
        {
            throw new AnalysisException("A waterfall fit needs at least three power levels, two of them with errors counted (and fewer than half the bits wrong).");
        }

        var powers = points.Select(p => p.ReceivedPower.Value).ToArray();
        // The reference is the mean power of the points with errors, where the information is: quoting the intercept there
        // keeps it nearly uncorrelated with the slope (at the mean of all powers, 20 dB of error-free points away, the two
        // are collinear to rounding and the information matrix cannot be inverted).
        var reference = informative.Average(p => p.ReceivedPower.Value);
        var start = LinearStart(informative, reference, modulation);
        (double P, Vector<double> Gradient) Law(Vector<double> theta, double power)
        {
            var x = Math.Exp(theta[0] + (theta[1] * (power - reference)));
            var slope = modulation.Slope(x) * x;
            return (modulation.Ratio(x), Vector<double>.Build.DenseOfArray([slope, slope * (power - reference)]));
        }

        // Counts at the same power are pooled for the fit (summed errors and bits are sufficient for a binomial ratio); the
        // deviance that judges lack of fit is taken over the counts as recorded.
        var groups = Enumerable.Range(0, points.Count).GroupBy(i => powers[i])
            .Select(g => (Power: g.Key, Errors: g.Sum(i => points[i].Count.Errors), Bits: g.Sum(i => (double)points[i].Count.Bits))).ToArray();
        var model = new CountModel((theta, i) => Law(theta, groups[i].Power), groups.Select(g => g.Errors).ToArray(), groups.Select(g => g.Bits).ToArray(),
            CountDistribution.Binomial, theta => theta.All(double.IsFinite));
        var pooled = model.Fit(start);
        var ungrouped = new CountModel((theta, i) => Law(theta, powers[i]), points.Select(p => p.Count.Errors).ToArray(), points.Select(p => (double)p.Count.Bits).ToArray(),
            CountDistribution.Binomial, theta => theta.All(double.IsFinite));
        var outcome = pooled with { Deviance = ungrouped.Deviance(pooled.Theta), DegreesOfFreedom = points.Count - 2 };
        var (logQuality, b) = (outcome.Theta[0], outcome.Theta[1]);
        if (!(b > 0))
        {
            throw new AnalysisException("The fitted BER does not fall with received power; check the power column and its unit.");
        }

        var covariance = outcome.Covariance;
        var dispersion = outcome.DegreesOfFreedom > 0 ? Math.Max(1, outcome.Deviance / outcome.DegreesOfFreedom) : 1;
        double Variance(int i, int j) => covariance is null ? double.NaN : covariance[i, j] * dispersion;
        var z = Normal.InvCDF(0, 1, 0.5 + (confidence / 2));
        var qualityRef = Math.Exp(logQuality);
        var logQualityError = Math.Sqrt(Variance(0, 0));
        var slopeError = Math.Sqrt(Variance(1, 1));
        var exponentScale = 10 / Math.Log(10);

        // P_t = P_ref + (ln x_t − ln x_ref)/b; gradient in (ln x_ref, b).
        var offset = (Math.Log(modulation.Inverse(target)) - logQuality) / b;
        var sensitivity = reference + offset;
        var gradient = new[] { -1 / b, -offset / b };
        var fitVariance = (gradient[0] * gradient[0] * Variance(0, 0)) + (2 * gradient[0] * gradient[1] * Variance(0, 1)) + (gradient[1] * gradient[1] * Variance(1, 1));
        var sensitivityError = Math.Sqrt(fitVariance + (powerUncertaintyDecibels * powerUncertaintyDecibels));
        return new BitErrorRatioWaterfall(
            points,
            new Quantity(reference, PowerUnit),
            new FittedParameter($"{modulation.Variable()} at the reference power", new Quantity(qualityRef, Units.One), qualityRef * logQualityError,
                Math.Exp(logQuality - (z * logQualityError)), Math.Exp(logQuality + (z * logQualityError)), confidence),
            FittedParameter.Symmetric($"slope b = d ln {modulation.Variable()} / dP (1/dB)", new Quantity(b, Units.One), slopeError, confidence),
            FittedParameter.Symmetric($"exponent k ({modulation.Variable()} ∝ P^k)", new Quantity(b * exponentScale, Units.One), slopeError * exponentScale, confidence),
            target,
            FittedParameter.Symmetric($"sensitivity at BER {target:0.##E+0}", new Quantity(sensitivity, PowerUnit), sensitivityError, confidence),
            outcome.Converged,
            outcome.Deviance,
            outcome.DegreesOfFreedom)
        {
            Modulation = modulation,
            Dispersion = dispersion,
            PowerUncertaintyDecibels = powerUncertaintyDecibels,
        };
    }

    // Straight line through ln Q of the points with errors: the usual linearised waterfall, to start from.
    private static Vector<double> LinearStart(IReadOnlyList<BitErrorRatioPoint> points, double reference, ReceiverModulation modulation)
    {
        var x = points.Select(p => p.ReceivedPower.Value - reference).ToArray();
        var y = points.Select(p => Math.Log(modulation.Inverse(p.Ratio))).ToArray();
        var (intercept, slope) = MathNet.Numerics.Fit.Line(x, y);
        if (!(slope > 0))
        {
            slope = 0.1;
        }

        return Vector<double>.Build.DenseOfArray([intercept, slope]);
    }
}
