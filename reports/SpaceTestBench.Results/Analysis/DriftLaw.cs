using MathNet.Numerics;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;
using SpaceTestBench.Results.Quantities;

namespace SpaceTestBench.Results.Analysis;

/// <summary>
/// Least-squares fitting of one <see cref="DriftModel"/>: P(D) = P0 + ΔP·B(D), B(D) = g(D; s)/g(D_max; s). For a fixed
/// shape s the law is linear in (P0, ΔP), so the residual sum of squares is profiled over ln s on a grid spanning its whole
/// plausible range and refined by golden-section search: no iterative minimiser to wander off to infinity, and a shape that
/// the data do not bound shows up as a minimum at the edge of the range, which is refused.
/// </summary>
internal static class DriftLaw
{
    /// <summary>|correlation| above which two parameters are taken as not separately determined.</summary>
    public const double CorrelationLimit = 0.999;

    private const int GridPoints = 161;

    public static int ParameterCount(DriftModel model) => model == DriftModel.Linear ? 2 : 3;

    public static double Value(DriftModel model, Vector<double> theta, double dose, double reference) =>
        theta[0] + (theta[1] * Basis(model, dose, theta.Count > 2 ? Math.Exp(theta[2]) : 1, reference));

    /// <summary>B(D) = g(D; s)/g(D_ref; s): 0 at D = 0, 1 at the reference dose.</summary>
    public static double Basis(DriftModel model, double dose, double shape, double reference) => model switch
    {
        DriftModel.Linear => dose / reference,
        DriftModel.PowerLaw => dose > 0 ? Math.Pow(dose / reference, shape) : 0,
        DriftModel.ExponentialLeakage => SpecialFunctions.Expm1(dose / shape) / SpecialFunctions.Expm1(reference / shape),
        DriftModel.Saturating => -SpecialFunctions.Expm1(-dose / shape) / -SpecialFunctions.Expm1(-reference / shape),
        _ => throw new ArgumentOutOfRangeException(nameof(model), model, null),
    };

    /// <summary>The range of ln s searched: n from 0.05 to 10; D_s from D_max/50 to 50·D_max.</summary>
    public static (double Low, double High) ShapeRange(DriftModel model, double reference) => model == DriftModel.PowerLaw
        ? (Math.Log(0.05), Math.Log(10))
        : (Math.Log(reference / 50), Math.Log(reference * 50));

    public static string Formula(DriftModel model, string doseUnit) => model switch
    {
        DriftModel.Linear => "P(D) = P0 + a·D",
        DriftModel.PowerLaw => "P(D) = P0 + a·D^n",
        DriftModel.ExponentialLeakage => "P(D) = P0 + I_s·(exp(D/D_s) − 1)",
        DriftModel.Saturating => "P(D) = P0 + A·(1 − exp(−D/D_s))",
        _ => model.ToString(),
    } + $", D in {doseUnit}";

    /// <summary>Fits <paramref name="model"/>, or says why the data cannot identify it.</summary>
    public static DriftCandidate Fit(DriftModel model, double[] doses, double[] values, Unit doseUnit, Unit valueUnit, double confidence)
    {
        var k = ParameterCount(model);
        var n = doses.Length;
        var reference = doses.Max();
        if (doses.Distinct().Count() < k || n < k + 3)
        {
            return new DriftCandidate(model, null,
                $"{k} parameters need at least {k} distinct doses and {k + 3} points (AICc counts the scatter as a parameter and needs N > k + 2); there are {doses.Distinct().Count()} doses and {n} points.");
        }

        var pooled = Pooled.Of(doses, values);
        double logShape = 0;
        if (k == 3)
        {
            var (low, high) = ShapeRange(model, reference);
            var grid = Enumerable.Range(0, GridPoints).Select(i => low + ((high - low) * i / (GridPoints - 1))).ToArray();
            var rss = grid.Select(s => Linear(model, pooled, Math.Exp(s), reference).Rss).ToArray();
            var best = Array.IndexOf(rss, rss.Min());
            if (best == 0 || best == grid.Length - 1)
            {
                return new DriftCandidate(model, null, $"its {ShapeName(model)} runs to the edge of its range ({ShapeText(model, Math.Exp(grid[best]), doseUnit)}): the data do not bound it.");
            }

            logShape = GoldenSection(s => Linear(model, pooled, Math.Exp(s), reference).Rss, grid[best - 1], grid[best + 1]);
        }

        var shape = Math.Exp(logShape);
        var (p0, amplitude, residual) = Linear(model, pooled, shape, reference);
        var theta = Vector<double>.Build.DenseOfArray(k == 3 ? [p0, amplitude, logShape] : [p0, amplitude]);

        // JᵀJ summed over the distinct doses, each row weighted by its count.
        var information = Matrix<double>.Build.Dense(k, k);
        for (var i = 0; i < pooled.Doses.Length; i++)
        {
            var row = Vector<double>.Build.Dense(k);
            row[0] = 1;
            row[1] = Basis(model, pooled.Doses[i], shape, reference);
            if (k == 3)
            {
                const double h = 1e-5;
                row[2] = amplitude * (Basis(model, pooled.Doses[i], Math.Exp(logShape + h), reference) - Basis(model, pooled.Doses[i], Math.Exp(logShape - h), reference)) / (2 * h);
            }

            information += row.OuterProduct(row) * pooled.Weights[i];
        }

        var dof = n - k;
        var variance = residual / dof;
        Matrix<double> covariance;
        try
        {
            covariance = information.Inverse() * variance;
        }
        catch (ArgumentException)
        {
            return new DriftCandidate(model, null, "its parameters are not separately determined by the data (JᵀJ is singular).");
        }

        if (!covariance.Enumerate().All(double.IsFinite) || Enumerable.Range(0, k).Any(i => !(covariance[i, i] >= 0)))
        {
            return new DriftCandidate(model, null, "its parameters are not separately determined by the data (JᵀJ is singular).");
        }

        var names = ParameterNames(model, reference, doseUnit);
        var (largest, pair) = (0.0, "");
        for (var i = 0; i < k; i++)
        {
            for (var j = i + 1; j < k; j++)
            {
                var denominator = Math.Sqrt(covariance[i, i] * covariance[j, j]);
                var correlation = denominator > 0 ? Math.Abs(covariance[i, j] / denominator) : 1;
                if (correlation > largest)
                {
                    (largest, pair) = (correlation, $"{names[i]} and {names[j]}");
                }
            }
        }

        if (largest > CorrelationLimit)
        {
            return new DriftCandidate(model, null, $"{pair} trade off almost perfectly (|correlation| = {largest:0.######}): the data do not determine them separately.");
        }

        var t = StudentT.InvCDF(0, 1, dof, 0.5 + (confidence / 2));
        var parameters = new List<FittedParameter>
        {
            Symmetric(names[0], new Quantity(p0, valueUnit), Math.Sqrt(covariance[0, 0]), t, confidence),
            Symmetric(names[1], new Quantity(amplitude, valueUnit), Math.Sqrt(covariance[1, 1]), t, confidence),
        };
        if (k == 3)
        {
            var (low, high) = ShapeRange(model, reference);
            var logError = Math.Sqrt(covariance[2, 2]);
            if (logShape - (t * logError) < low || logShape + (t * logError) > high)
            {
                return new DriftCandidate(model, null,
                    $"its {ShapeName(model)} is not bounded by the data ({ShapeText(model, shape, doseUnit)}, standard error of its logarithm {logError:0.##}: the interval runs past the edge of its range).");
            }

            parameters.Add(new FittedParameter(names[2], new Quantity(shape, model == DriftModel.PowerLaw ? Units.One : doseUnit), shape * logError,
                Math.Exp(logShape - (t * logError)), Math.Exp(logShape + (t * logError)), confidence));
        }

        var kPrime = k + 1;
        var aicc = (n * Math.Log(Math.Max(residual, double.Epsilon) / n)) + (2 * kPrime) + (2.0 * kPrime * (kPrime + 1) / (n - kPrime - 1));
        return new DriftCandidate(model, new DriftModelFit(model, Formula(model, doseUnit.Symbol), parameters, Math.Sqrt(variance), dof, aicc, largest)
        {
            ReferenceDose = reference,
            Theta = theta,
            Covariance = covariance,
        }, null);
    }

    /// <summary>
    /// The dose at which the fitted law reaches <paramref name="bound"/> (the limit the drift heads towards), with a
    /// delta-method standard error on ln D (numerical gradient in the fitting parameters); null if it never does.
    /// </summary>
    public static (double Dose, double LogError)? DoseAt(DriftModelFit fit, double bound)
    {
        var dose = Solve(fit.Model, fit.Theta, bound, fit.ReferenceDose);
        if (dose is not { } d || !(d > 0))
        {
            return null;
        }

        var gradient = Vector<double>.Build.Dense(fit.Theta.Count);
        for (var i = 0; i < fit.Theta.Count; i++)
        {
            var h = 1e-6 * Math.Max(1, Math.Abs(fit.Theta[i]));
            var (up, down) = (fit.Theta.Clone(), fit.Theta.Clone());
            up[i] += h;
            down[i] -= h;
            if (Solve(fit.Model, up, bound, fit.ReferenceDose) is not { } du || Solve(fit.Model, down, bound, fit.ReferenceDose) is not { } dd || !(du > 0) || !(dd > 0))
            {
                return (d, double.NaN);
            }

            gradient[i] = (Math.Log(du) - Math.Log(dd)) / (2 * h);
        }

        return (d, Math.Sqrt(gradient * fit.Covariance * gradient));
    }

    private static double? Solve(DriftModel model, Vector<double> theta, double bound, double reference)
    {
        var ratio = (bound - theta[0]) / theta[1];
        if (!(ratio > 0))
        {
            return null;
        }

        var shape = theta.Count > 2 ? Math.Exp(theta[2]) : 1;
        switch (model)
        {
            case DriftModel.Linear:
                return ratio * reference;
            case DriftModel.PowerLaw:
                return reference * Math.Pow(ratio, 1 / shape);
            case DriftModel.ExponentialLeakage:
                return shape * SpecialFunctions.Log1p(ratio * SpecialFunctions.Expm1(reference / shape));
            default:
                var fraction = ratio * -SpecialFunctions.Expm1(-reference / shape);
                return fraction < 1 ? -shape * SpecialFunctions.Log1p(-fraction) : null;
        }
    }

    /// <summary>
    /// Points pooled by dose: least squares on N points equals weighted least squares on the distinct doses' means (weight
    /// the count) plus the scatter within each dose, so a 200,000-row ladder costs what its nine doses cost.
    /// </summary>
    private sealed record Pooled(double[] Doses, double[] Means, double[] Weights, double Within)
    {
        public static Pooled Of(double[] doses, double[] values)
        {
            var groups = doses.Select((d, i) => (Dose: d, Value: values[i])).GroupBy(p => p.Dose).OrderBy(g => g.Key).ToList();
            var means = groups.Select(g => g.Average(p => p.Value)).ToArray();
            var within = groups.Select((g, i) => g.Sum(p => (p.Value - means[i]) * (p.Value - means[i]))).Sum();
            return new Pooled(groups.Select(g => g.Key).ToArray(), means, groups.Select(g => (double)g.Count()).ToArray(), within);
        }
    }

    private static (double P0, double Amplitude, double Rss) Linear(DriftModel model, Pooled data, double shape, double reference)
    {
        double sw = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
        var basis = new double[data.Doses.Length];
        for (var i = 0; i < basis.Length; i++)
        {
            var (w, x, y) = (data.Weights[i], basis[i] = Basis(model, data.Doses[i], shape, reference), data.Means[i]);
            (sw, sx, sy, sxx, sxy) = (sw + w, sx + (w * x), sy + (w * y), sxx + (w * x * x), sxy + (w * x * y));
        }

        var denominator = (sw * sxx) - (sx * sx);
        if (!(denominator > 0) || !double.IsFinite(denominator))
        {
            return (sy / sw, 0, double.PositiveInfinity);
        }

        var amplitude = ((sw * sxy) - (sx * sy)) / denominator;
        var p0 = (sy - (amplitude * sx)) / sw;
        var rss = data.Within;
        for (var i = 0; i < basis.Length; i++)
        {
            var r = data.Means[i] - p0 - (amplitude * basis[i]);
            rss += data.Weights[i] * r * r;
        }

        return (p0, amplitude, rss);
    }

    private static double GoldenSection(Func<double, double> f, double low, double high)
    {
        var ratio = (Math.Sqrt(5) - 1) / 2;
        var (a, b) = (low, high);
        var c = b - (ratio * (b - a));
        var d = a + (ratio * (b - a));
        double fc = f(c), fd = f(d);
        for (var i = 0; i < 80 && b - a > 1e-9; i++)
        {
            if (fc < fd)
            {
                (b, d, fd) = (d, c, fc);
                c = b - (ratio * (b - a));
                fc = f(c);
            }
            else
            {
                (a, c, fc) = (c, d, fd);
                d = a + (ratio * (b - a));
                fd = f(d);
            }
        }

        return (a + b) / 2;
    }

    private static FittedParameter Symmetric(string name, Quantity value, double error, double t, double confidence) =>
        new(name, value, error, value.Value - (t * error), value.Value + (t * error), confidence);

    private static string[] ParameterNames(DriftModel model, double reference, Unit doseUnit)
    {
        var drift = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"drift at {reference:G4} {doseUnit.Symbol} ΔP");
        return model switch
        {
            DriftModel.Linear => ["pre-irradiation value P0 (fitted)", drift],
            DriftModel.PowerLaw => ["pre-irradiation value P0 (fitted)", drift, "drift exponent n"],
            _ => ["pre-irradiation value P0 (fitted)", drift, "dose scale D_s"],
        };
    }

    private static string ShapeName(DriftModel model) => model == DriftModel.PowerLaw ? "exponent n" : "dose scale D_s";

    private static string ShapeText(DriftModel model, double shape, Unit doseUnit) => model == DriftModel.PowerLaw
        ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"n = {shape:G3}")
        : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"D_s = {shape:G3} {doseUnit.Symbol}");
}
