using System.Globalization;
using SpaceTestBench.Results.Store;

namespace SpaceTestBench.Results.Analysis;

/// <summary>
/// What each analysis judges, as <see cref="AnalysisFinding"/>s:
/// <list type="bullet">
/// <item>TID drift: Fail if the chosen drift law reaches the limit within the dose tested; Fail for every anneal value outside
/// its limit (rebound); Pass if the law stays within the limit to 2× the highest dose tested; NotSet with the statement for an
/// extrapolated failure dose, no significant drift, or a refused fit (the procedure judges the measured values, so it does not
/// depend on the fit).</item>
/// <item>Single-event Weibull fit: NotSet with the fitted curve or the refusal (the data carry no limit on it).</item>
/// <item>Thermal stability: per scenario, the worst of its judged plateaus, with each plateau that did not pass; Inconclusive
/// where a window cannot resolve the rate (the procedure depends on stability), or where a scenario that declared stability
/// criteria lacks the traces to verify them; NotSet for a temperature trace recorded beside another procedure.</item>
/// <item>BER waterfall: against the scenario's "receiver sensitivity" limit, if any — Pass if the whole interval meets it,
/// Fail if none of it does, Inconclusive otherwise; Inconclusive if the fit is refused where that limit needs it; NotSet otherwise.</item>
/// <item>Inference errors with a rate limit: the limit judged on its one-sided bound (<see cref="RateDemonstration"/>).</item>
/// </list>
/// </summary>
public static class AnalysisFindings
{
    /// <summary>The analysis names findings carry.</summary>
    public const string Drift = "TID drift", Anneal = "TID anneal", Weibull = "SEE Weibull fit", Thermal = "thermal stability", Waterfall = "BER waterfall", Inference = "inference error rate";

    /// <summary>The findings of <paramref name="analysis"/> on <paramref name="results"/>.</summary>
    public static IReadOnlyList<AnalysisFinding> Of(RunAnalysis analysis, RunResults results)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        ArgumentNullException.ThrowIfNull(results);
        var findings = new List<AnalysisFinding>();
        foreach (var set in analysis.Drifts)
        {
            findings.AddRange(OfDrift(set));
        }

        foreach (var set in analysis.CrossSections)
        {
            findings.Add(new AnalysisFinding(set.ScenarioId, Weibull, set.Name, Verdict.NotSet, set.Fit is { } fit
                ? $"σsat = {fit.SaturatedCrossSection}; onset {fit.OnsetStatement}; {fit.Convention}."
                : $"No Weibull fit: {set.Problem}"));
        }

        foreach (var set in analysis.ThermalProfiles.Where(s => s.ScenarioId is not null))
        {
            if (set.Result is not { } result)
            {
                // Inconclusive only where the procedure depends on it: a scenario that declared stability criteria.
                // A temperature trace recorded beside another procedure is not a dwell verification that failed to happen.
                var declared = results.EventsOf(set.ScenarioId).Any(e => e.Kind == Recording.BenchEventKind.Criteria);
                findings.Add(new AnalysisFinding(set.ScenarioId!, Thermal, "temperature profile", declared ? Verdict.Inconclusive : Verdict.NotSet, $"No dwell verification: {set.Problem}"));
                continue;
            }

            var judged = result.Plateaus.Where(p => p.Judged).ToList();
            if (judged.Count == 0)
            {
                continue;
            }

            var bad = judged.Where(p => p.Verdict != Verdict.Pass).Select(p => string.Create(CultureInfo.InvariantCulture,
                $"{p.Setpoint - 273.15:0.#} °C plateau at {p.Start.TotalMinutes:0.#} min: {p.Verdict}, {p.Reason}")).ToList();
            findings.Add(new AnalysisFinding(set.ScenarioId!, Thermal, "temperature plateaus", result.Verdict, string.Create(CultureInfo.InvariantCulture,
                $"{judged.Count - bad.Count} of {judged.Count} plateaus stable for the dwell ({result.Criteria.Source})") + (bad.Count > 0 ? ": " + string.Join("; ", bad) : ".")));
        }

        foreach (var set in analysis.Waterfalls)
        {
            findings.Add(OfWaterfall(set, results));
        }

        foreach (var set in analysis.InferenceErrors)
        {
            for (var i = 0; i < set.Points.Count; i++)
            {
                if (set.Points[i].Demonstration is { } demonstration)
                {
                    findings.Add(new AnalysisFinding(set.Measurements[i].ScenarioId, Inference, set.Name, demonstration.Verdict, demonstration.Describe("inferences")));
                }
            }
        }

        return findings;
    }

    private static IEnumerable<AnalysisFinding> OfDrift(DriftSet set)
    {
        if (set.Result is not { } result)
        {
            yield return new AnalysisFinding(set.ScenarioId, Drift, set.Subject, Verdict.NotSet, $"Not fitted: {set.Problem}");
        }
        else if (result.Model is null)
        {
            yield return new AnalysisFinding(set.ScenarioId, Drift, set.Subject, Verdict.NotSet, $"{Capitalise(result.NoFitReason ?? "no fit")}; no failure dose.");
        }
        else
        {
            var law = $"{ParametricDriftAnalysis.Describe(result.Model.Model)} law chosen by AICc";
            var verdict = result.Limit is null ? Verdict.NotSet
                : result.FailsWithinTestedDose ? Verdict.Fail
                : result.FailureDose is null && result.FailureDoseStatement.StartsWith("beyond", StringComparison.Ordinal) ? Verdict.NotSet
                : result.FailureDoseExtrapolated ? Verdict.NotSet
                : Verdict.Pass;
            var statement = result.Limit is null
                ? $"Drift fitted ({law}); no limit, no failure dose."
                : verdict == Verdict.Pass
                    ? $"The fitted drift ({law}) stays within {result.Limit} to 2× the highest dose tested ({result.HighestDose}): {result.FailureDoseStatement}."
                    : $"Failure dose ({law}, limit {result.Limit}): {result.FailureDoseStatement}.";
            yield return new AnalysisFinding(set.ScenarioId, Drift, set.Subject, verdict, statement);
        }

        if (set.Limit is { } limit)
        {
            // A rebound is a failure that appears in anneal; a value that already failed at the last dose step and is still
            // outside after anneal fails the same way, and is said so.
            var irradiated = set.Points.Where(p => !p.IsAnneal).ToList();
            var lastDose = irradiated.Count > 0 ? irradiated.Max(p => p.Dose.SiValue) : double.NaN;
            var passedAtLastDose = irradiated.Where(p => p.Dose.SiValue == lastDose).All(p => limit.Evaluate(p.Value) != Verdict.Fail);
            for (var i = 0; i < set.Points.Count; i++)
            {
                var point = set.Points[i];
                if (point.IsAnneal && limit.Evaluate(point.Value) == Verdict.Fail)
                {
                    yield return new AnalysisFinding(set.ScenarioId, Anneal, set.Subject, Verdict.Fail,
                        $"{(passedAtLastDose ? "Rebound" : "Still outside after anneal")}: {point.Value} after {point.AnnealTime} of anneal{(point.AnnealTemperature is { } t ? $" at {t}" : "")} (dose {point.Dose}) is outside {limit}.");
                }
            }
        }
    }

    private static AnalysisFinding OfWaterfall(WaterfallSet set, RunResults results)
    {
        var limit = results.Measurements.Where(m => m.ScenarioId == set.ScenarioId && m.Name == "receiver sensitivity" && m.Limit is not null).Select(m => m.Limit!).FirstOrDefault();
        if (set.Waterfall is not { } w)
        {
            return new AnalysisFinding(set.ScenarioId, Waterfall, set.Name, limit is null ? Verdict.NotSet : Verdict.Inconclusive,
                $"No waterfall fit{(limit is null ? "" : $", so the sensitivity limit {limit} cannot be judged on it")}: {set.Problem}");
        }

        var sensitivity = w.Sensitivity;
        var text = $"{w.Modulation.Name()} sensitivity at BER {w.TargetRatio.ToString("0.#E+0", CultureInfo.InvariantCulture)}: {sensitivity} ({w.Convention})";
        if (limit is null)
        {
            return new AnalysisFinding(set.ScenarioId, Waterfall, set.Name, Verdict.NotSet, text + ".");
        }

        var unit = sensitivity.Value.Unit;
        var (low, high) = (limit.Evaluate(new Quantities.Quantity(sensitivity.Lower, unit)), limit.Evaluate(new Quantities.Quantity(sensitivity.Upper, unit)));
        var verdict = low == Verdict.Pass && high == Verdict.Pass ? Verdict.Pass
            : low == Verdict.Fail && high == Verdict.Fail ? Verdict.Fail
            : Verdict.Inconclusive;
        return new AnalysisFinding(set.ScenarioId, Waterfall, set.Name, verdict, $"{text} against the limit {limit}: " + verdict switch
        {
            Verdict.Pass => "the whole interval meets it.",
            Verdict.Fail => "no part of the interval meets it.",
            _ => "the interval straddles it; more bits or power levels would decide.",
        });
    }

    private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
