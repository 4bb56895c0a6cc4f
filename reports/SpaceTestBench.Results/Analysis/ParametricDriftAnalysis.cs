using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;
using SpaceTestBench.Results.Quantities;

namespace SpaceTestBench.Results.Analysis;

/// <summary>
/// Total-ionising-dose drift of a parametric (MIL-STD-883 TM 1019, ESCC 22900 step-stress): a
/// least-squares fit (MathNet Levenberg–Marquardt) of P(D) = P0 + a·D^n to the irradiation steps, with
/// n fitted as ln n so it stays positive; standard errors are s²(JᵀJ)⁻¹ from the residual scatter. The
/// failure dose D_f = ((L − P0)/a)^(1/n) is where the fit meets the limit L the drift heads towards, with
/// a delta-method interval on ln D_f. The model-free answer is given too: the last dose step at which
/// every sample passed and the first at which one failed. Anneal points are not fitted (the drift law
/// does not hold once the dose stops) but are judged and reported.
/// </summary>
public static class ParametricDriftAnalysis
{
    /// <summary>Fewest distinct irradiation dose steps the three-parameter fit accepts.</summary>
    public const int MinimumDoseSteps = 4;

    /// <summary>Fits the drift of <paramref name="name"/>; throws <see cref="AnalysisException"/> if the data cannot support it.</summary>
    public static ParametricDriftResult Fit(string name, IReadOnlyList<DosePoint> points, Limit? limit = null, double confidence = 0.95)
    {
        ArgumentNullException.ThrowIfNull(points);
        var irradiation = points.Where(p => !p.IsAnneal).ToList();
        if (irradiation.Count == 0)
        {
            throw new AnalysisException($"'{name}' has no measurements during irradiation to fit.");
        }

        var doseUnit = irradiation[0].Dose.Unit;
        var valueUnit = irradiation[0].Value.Unit;
        if (limit is not null && limit.Dimension != valueUnit.Dimension)
        {
            throw new AnalysisException($"The limit {limit} of '{name}' is a {limit.Dimension}; the measurements are a {valueUnit.Dimension}.");
        }

        var doses = irradiation.Select(p => Convert(p.Dose, doseUnit, name)).ToArray();
        var values = irradiation.Select(p => Convert(p.Value, valueUnit, name)).ToArray();
        if (doses.Any(d => d < 0))
        {
            throw new AnalysisException($"'{name}' has a negative dose.");
        }

        if (doses.Distinct().Count() < MinimumDoseSteps)
        {
            throw new AnalysisException($"A drift fit of '{name}' needs at least {MinimumDoseSteps} dose steps (three parameters and one degree of freedom); there are {doses.Distinct().Count()}.");
        }

        var x = Vector<double>.Build.DenseOfArray(doses);
        var y = Vector<double>.Build.DenseOfArray(values);
        var model = ObjectiveFunction.NonlinearModel(
            (p, d) => d.Map(dose => p[0] + (p[1] * Math.Pow(dose, Math.Exp(p[2])))),
            (p, d) =>
            {
                var jacobian = Matrix<double>.Build.Dense(d.Count, 3);
                var exponent = Math.Exp(p[2]);
                for (var i = 0; i < d.Count; i++)
                {
                    var power = d[i] > 0 ? Math.Pow(d[i], exponent) : 0;
                    jacobian[i, 0] = 1;
                    jacobian[i, 1] = power;
                    jacobian[i, 2] = d[i] > 0 ? p[1] * power * Math.Log(d[i]) * exponent : 0;
                }

                return jacobian;
            },
            x, y);
        NonlinearMinimizationResult fit;
        try
        {
            fit = new LevenbergMarquardtMinimizer(maximumIterations: 1000).FindMinimum(model, StartingPoint(doses, values));
        }
        catch (Exception e) when (e is ArgumentException or MathNet.Numerics.NonConvergenceException)
        {
            // A parametric that does not drift (a functional test passing at every step) leaves the exponent free and the
            // minimiser wanders off to infinity: there is no drift law to report, which is a result, not a crash.
            throw new AnalysisException($"No drift law could be fitted to '{name}' ({e.Message}); its values {(values.Max() - values.Min() == 0 ? "do not change with dose" : "do not follow a power law in dose")}.");
        }

        var p = fit.MinimizingPoint;
        var covariance = fit.Covariance;
        double Error(int i) => covariance is not null && covariance[i, i] >= 0 ? Math.Sqrt(covariance[i, i]) : double.NaN;

        var dof = doses.Length - 3;
        var residuals = y - fit.MinimizedValues;
        var z = Normal.InvCDF(0, 1, 0.5 + (confidence / 2));
        var exponentValue = Math.Exp(p[2]);
        var coefficientUnit = Units.One; // value unit per dose unit^n has no symbol of its own
        var result = new ParametricDriftResult(
            name, doseUnit, valueUnit,
            FittedParameter.Symmetric("pre-irradiation value P0", new Quantity(p[0], valueUnit), Error(0), confidence),
            FittedParameter.Symmetric($"drift coefficient a ({valueUnit.Symbol} per {doseUnit.Symbol}^n)", new Quantity(p[1], coefficientUnit), Error(1), confidence),
            new FittedParameter("drift exponent n", new Quantity(exponentValue, Units.One), exponentValue * Error(2),
                Math.Exp(p[2] - (z * Error(2))), Math.Exp(p[2] + (z * Error(2))), confidence),
            Math.Sqrt(residuals.DotProduct(residuals) / dof), dof, limit,
            null, false, null, null, new Quantity(doses.Max(), doseUnit));

        if (limit is null)
        {
            return result;
        }

        var (lastPassing, firstFailing) = ObservedFailure(points, limit, doseUnit, name);
        var bound = BoundAhead(limit, valueUnit, p[1]);
        var failsBefore = limit.Evaluate(new Quantity(p[0], valueUnit)) == Verdict.Fail;
        return result with
        {
            FailureDose = failsBefore || bound is null ? null : FailureDose(p, covariance, bound.Value, doseUnit, z, confidence),
            FailsBeforeIrradiation = failsBefore,
            LastPassingDose = lastPassing,
            FirstFailingDose = firstFailing,
        };
    }

    // D_f = ((L − P0)/a)^(1/n); ln D_f = (ln(L − P0) − ln a)/n, with gradient in (P0, a, ln n).
    private static FittedParameter? FailureDose(Vector<double> p, Matrix<double>? covariance, double bound, Unit doseUnit, double z, double confidence)
    {
        var (p0, a, n) = (p[0], p[1], Math.Exp(p[2]));
        var ratio = (bound - p0) / a;
        if (!(ratio > 0))
        {
            return null;
        }

        var logDose = Math.Log(ratio) / n;
        var dose = Math.Exp(logDose);
        if (covariance is null)
        {
            return new FittedParameter("failure dose", new Quantity(dose, doseUnit), double.NaN, double.NaN, double.NaN, confidence);
        }

        var gradient = Vector<double>.Build.DenseOfArray([-1 / (n * (bound - p0)), -1 / (n * a), -logDose]);
        var logError = Math.Sqrt(gradient * covariance * gradient);
        return new FittedParameter(
            "failure dose", new Quantity(dose, doseUnit), dose * logError, Math.Exp(logDose - (z * logError)), Math.Exp(logDose + (z * logError)), confidence);
    }

    // The limit the drift heads towards: the upper one for a rising parametric, the lower one for a falling one.
    private static double? BoundAhead(Limit limit, Unit unit, double slope) =>
        slope >= 0 ? limit.UpperBound?.In(unit) : limit.LowerBound?.In(unit);

    private static (Quantity? LastPassing, Quantity? FirstFailing) ObservedFailure(IReadOnlyList<DosePoint> points, Limit limit, Unit doseUnit, string name)
    {
        var steps = points.Where(p => !p.IsAnneal)
            .GroupBy(p => Convert(p.Dose, doseUnit, name))
            .OrderBy(g => g.Key)
            .Select(g => (Dose: g.Key, Pass: g.All(p => limit.Evaluate(p.Value) != Verdict.Fail)))
            .ToList();
        var firstFailing = steps.FindIndex(s => !s.Pass);
        if (firstFailing < 0)
        {
            return (new Quantity(steps[^1].Dose, doseUnit), null);
        }

        return (firstFailing == 0 ? null : new Quantity(steps[firstFailing - 1].Dose, doseUnit), new Quantity(steps[firstFailing].Dose, doseUnit));
    }

    // Linear least squares of P on D^n over a grid of n; the best one starts Levenberg–Marquardt.
    private static Vector<double> StartingPoint(double[] doses, double[] values)
    {
        var best = (Rss: double.PositiveInfinity, P0: values.Average(), A: 0.0, N: 1.0);
        foreach (var n in new[] { 0.3, 0.5, 0.75, 1, 1.5, 2, 3 })
        {
            var powers = doses.Select(d => Math.Pow(d, n)).ToArray();
            var (meanX, meanY) = (powers.Average(), values.Average());
            var sxx = powers.Sum(v => (v - meanX) * (v - meanX));
            if (sxx <= 0)
            {
                continue;
            }

            var a = powers.Zip(values, (px, py) => (px - meanX) * (py - meanY)).Sum() / sxx;
            var p0 = meanY - (a * meanX);
            var rss = powers.Zip(values, (px, py) => Math.Pow(py - p0 - (a * px), 2)).Sum();
            if (rss < best.Rss)
            {
                best = (rss, p0, a, n);
            }
        }

        return Vector<double>.Build.DenseOfArray([best.P0, best.A == 0 ? 1e-9 : best.A, Math.Log(best.N)]);
    }

    private static double Convert(Quantity quantity, Unit unit, string name)
    {
        if (quantity.Dimension != unit.Dimension)
        {
            throw new AnalysisException($"'{name}' mixes {unit.Dimension} and {quantity.Dimension} ({quantity}).");
        }

        return quantity.Unit.Equals(unit) ? quantity.Value : unit.FromSi(quantity.SiValue);
    }
}
