using System.Globalization;
using MathNet.Numerics.Distributions;
using SpaceTestBench.Results.Quantities;

namespace SpaceTestBench.Results.Analysis;

/// <summary>
/// Total-ionising-dose drift of one parametric of one sample at one dose rate (MIL-STD-883 TM 1019, ESCC 22900
/// step-stress; groups the procedure keeps apart are never pooled — <see cref="RunAnalysis"/> splits them). The
/// measured pre-irradiation value is the D = 0 point. First the drift must be significant (<see cref="DriftSignificance"/>);
/// then the laws of <see cref="DriftModel"/> are fitted by least squares, each refused with its reason when the data do
/// not identify it (too few points, a shape parameter running to the edge of its range or unbounded, parameters that
/// trade off with |correlation| &gt; 0.999), and the one with the lowest AICc is chosen. Its failure dose — where it reaches
/// the limit the drift heads towards — is stated only within 2× the highest dose tested. The limit itself is judged on
/// the measured values (the last passing and first failing dose steps), never on a fitted value. Anneal points are not
/// fitted (the drift law does not hold once the dose stops); pass/fail results are never fitted.
/// </summary>
public static class ParametricDriftAnalysis
{
    /// <summary>The laws tried, simplest first.</summary>
    public static IReadOnlyList<DriftModel> Models { get; } = [DriftModel.Linear, DriftModel.PowerLaw, DriftModel.ExponentialLeakage, DriftModel.Saturating];

    /// <summary>Analyses the drift of <paramref name="name"/>; throws <see cref="AnalysisException"/> if the data cannot support any drift analysis.</summary>
    public static ParametricDriftResult Fit(string name, IReadOnlyList<DosePoint> points, Limit? limit = null, double confidence = 0.95)
    {
        ArgumentNullException.ThrowIfNull(points);
        var irradiation = points.Where(p => !p.IsAnneal).ToList();
        if (irradiation.Count == 0)
        {
            throw new AnalysisException($"'{name}' has no measurements during irradiation to fit.");
        }

        var doseUnit = irradiation.Select(p => p.Dose.Unit).FirstOrDefault(u => u.Scale != 0 && !string.IsNullOrEmpty(u.Symbol)) ?? irradiation[0].Dose.Unit;
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

        if (IsPassFail(points, valueUnit, limit))
        {
            throw new AnalysisException($"'{name}' is a pass/fail result or a code (a dimensionless whole number, every value 0 or 1 or judged against one exact value): it has no drift law to fit; it is judged step by step.");
        }

        if (doses.Length < 3 || doses.Distinct().Count() < 2)
        {
            throw new AnalysisException($"A drift analysis of '{name}' needs at least 3 measurements at 2 or more doses; there are {doses.Length} at {doses.Distinct().Count()}.");
        }

        var highest = new Quantity(doses.Max(), doseUnit);
        var preIrradiation = values.Where((_, i) => doses[i] == 0).ToList();
        var measuredBefore = preIrradiation.Count > 0 ? new Quantity(preIrradiation.Average(), valueUnit) : (Quantity?)null;
        var (lastPassing, firstFailing, failsBefore) = limit is null ? (null, null, false) : ObservedFailure(points, limit, doseUnit, name);
        var candidates = Models.Select(m => DriftLaw.Fit(m, doses, values, doseUnit, valueUnit, confidence)).ToList();
        var significance = Significance(doses, values, candidates, confidence);
        ParametricDriftResult Result(IReadOnlyList<DriftCandidate> candidates, DriftModelFit? model, string? reason, FittedParameter? failure, string statement) =>
            new(name, doseUnit, valueUnit, measuredBefore, preIrradiation.Count, significance, candidates, model, reason, limit, failure, statement,
                failsBefore, lastPassing, firstFailing, highest);

        if (!significance.Significant)
        {
            var reason = $"no significant drift ({significance})";
            return Result(candidates, null, reason, null, "no significant drift: no failure dose");
        }

        var chosen = candidates.Where(c => c.Fit is not null).MinBy(c => c.Fit!.Aicc)?.Fit;
        if (chosen is null)
        {
            var reason = "no drift law is identifiable from these data: " + string.Join("; ", candidates.Select(c => $"{Describe(c.Model)}: {c.Refusal?.TrimEnd('.')}"));
            return Result(candidates, null, reason, null, "no drift law identifiable: no failure dose");
        }

        if (limit is null)
        {
            return Result(candidates, chosen, null, null, "no limit: no failure dose");
        }

        var (failure, statement) = FailureDose(chosen, limit, valueUnit, highest, confidence);
        return Result(candidates, chosen, null, failure, statement);
    }

    /// <summary>The law's name as the report prints it.</summary>
    public static string Describe(DriftModel model) => model switch
    {
        DriftModel.Linear => "linear",
        DriftModel.PowerLaw => "power law",
        DriftModel.ExponentialLeakage => "exponential leakage onset",
        DriftModel.Saturating => "saturating",
        _ => model.ToString(),
    };

    // A result with no drift meaning: dimensionless whole numbers that are all 0/1, or whose limit is one exact value (a code).
    private static bool IsPassFail(IReadOnlyList<DosePoint> points, Unit valueUnit, Limit? limit)
    {
        if (valueUnit.Dimension != Dimension.None || !points.All(p => p.Value.Value == Math.Floor(p.Value.Value)))
        {
            return false;
        }

        var exact = limit is { LowerBound: { } low, UpperBound: { } high } && low.SiValue == high.SiValue;
        return exact || points.All(p => p.Value.Value is 0 or 1);
    }

    private static DriftSignificance Significance(double[] doses, double[] values, IReadOnlyList<DriftCandidate> candidates, double confidence)
    {
        var n = doses.Length;
        var mean = values.Average();
        var rss0 = values.Sum(v => (v - mean) * (v - mean));
        var (intercept, slope) = MathNet.Numerics.Fit.Line(doses, values);
        var tests = new List<(DriftModel Law, double Rss, int K)> { (DriftModel.Linear, doses.Select((d, i) => values[i] - intercept - (slope * d)).Sum(r => r * r), 2) };
        tests.AddRange(candidates.Where(c => c.Model != DriftModel.Linear && c.Fit is not null)
            .Select(c => (c.Model, c.Fit!.ResidualStandardDeviation * c.Fit.ResidualStandardDeviation * c.Fit.DegreesOfFreedom, DriftLaw.ParameterCount(c.Model))));
        return tests.Select(t =>
        {
            var (d1, d2) = (t.K - 1, n - t.K);
            if (t.Rss <= 1e-300 * Math.Max(1, rss0))
            {
                return new DriftSignificance(t.Law, rss0 > 0 ? double.PositiveInfinity : 0, d1, d2, rss0 > 0 ? 0 : 1, tests.Count, confidence);
            }

            var f = (rss0 - t.Rss) / d1 / (t.Rss / d2);
            return new DriftSignificance(t.Law, f, d1, d2, 1 - FisherSnedecor.CDF(d1, d2, Math.Max(f, 0)), tests.Count, confidence);
        }).MinBy(s => s.PValue)!;
    }

    private static (FittedParameter? Dose, string Statement) FailureDose(DriftModelFit fit, Limit limit, Unit valueUnit, Quantity highest, double confidence)
    {
        var rising = fit.ValueAt(highest.Value) >= fit.ValueAt(0);
        var bound = rising ? limit.UpperBound?.In(valueUnit) : limit.LowerBound?.In(valueUnit);
        if (bound is not { } b)
        {
            return (null, $"the drift heads away from the limit ({limit}): no failure dose");
        }

        if (DriftLaw.DoseAt(fit, b) is not { } found)
        {
            return (null, "the fitted drift does not reach the limit");
        }

        var maximum = highest.Value * ParametricDriftResult.ExtrapolationFactor;
        if (found.Dose > maximum)
        {
            return (null, string.Create(CultureInfo.InvariantCulture, $"beyond 2× the highest dose tested ({highest}): not stated"));
        }

        var t = StudentT.InvCDF(0, 1, Math.Max(fit.DegreesOfFreedom, 1), 0.5 + (confidence / 2));
        var dose = new FittedParameter("failure dose", new Quantity(found.Dose, highest.Unit), found.Dose * found.LogError,
            Math.Exp(Math.Log(found.Dose) - (t * found.LogError)), Math.Exp(Math.Log(found.Dose) + (t * found.LogError)), confidence);
        return (dose, found.Dose <= highest.Value
            ? $"{dose}: the fitted drift reaches the limit within the dose tested"
            : $"{dose}: beyond the highest dose tested ({highest}), an extrapolation within 2× it");
    }

    private static (Quantity? LastPassing, Quantity? FirstFailing, bool FailsBefore) ObservedFailure(IReadOnlyList<DosePoint> points, Limit limit, Unit doseUnit, string name)
    {
        var steps = points.Where(p => !p.IsAnneal)
            .GroupBy(p => Convert(p.Dose, doseUnit, name))
            .OrderBy(g => g.Key)
            .Select(g => (Dose: g.Key, Pass: g.All(p => limit.Evaluate(p.Value) != Verdict.Fail)))
            .ToList();
        var failsBefore = steps.Any(s => s.Dose == 0 && !s.Pass);
        var firstFailing = steps.FindIndex(s => !s.Pass);
        if (firstFailing < 0)
        {
            return (new Quantity(steps[^1].Dose, doseUnit), null, failsBefore);
        }

        return (firstFailing == 0 ? null : new Quantity(steps[firstFailing - 1].Dose, doseUnit), new Quantity(steps[firstFailing].Dose, doseUnit), failsBefore);
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
