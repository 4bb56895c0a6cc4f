using System.Globalization;
using System.Text;
using SpaceTestBench.Reports.Plots;
using SpaceTestBench.Results;
using SpaceTestBench.Results.Analysis;
using SpaceTestBench.Results.Recording;
using static SpaceTestBench.Reports.Html.HtmlText;

namespace SpaceTestBench.Reports.Html;

/// <summary>The analyses: TID drift, single-event cross-sections and latch-up, thermal dwell, BER waterfall, inference errors.</summary>
internal static class AnalysisSection
{
    /// <summary>The analysis sections this report has, as (anchor, title).</summary>
    public static IEnumerable<(string Id, string Title)> Sections(ReportModel model)
    {
        var a = model.Analysis;
        if (a.Drifts.Count > 0)
        {
            yield return ("tid", "Total ionising dose");
        }

        if (a.CrossSections.Count > 0 || model.Plots.Any(p => p.Plot.Section == PlotSection.SingleEventEffects))
        {
            yield return ("see", "Single-event effects");
        }

        if (a.ThermalProfiles.Count > 0)
        {
            yield return ("thermal", "Thermal profile and dwell");
        }

        if (a.Waterfalls.Count > 0)
        {
            yield return ("link", "Optical link BER");
        }

        if (a.InferenceErrors.Count > 0)
        {
            yield return ("payload", "Inference errors");
        }
    }

    public static void Write(StringBuilder html, ReportModel model)
    {
        var a = model.Analysis;
        foreach (var (id, title) in Sections(model))
        {
            html.Append($"<section id=\"{id}\">\n<h2>{title}</h2>\n");
            switch (id)
            {
                case "tid":
                    html.Append("<p>Each parametric is analysed per scenario, sample and dose rate (never pooled). The measured pre-irradiation value is the D = 0 point; limits are judged on the measured values. Drift laws are fitted only to a significant drift and chosen by AICc; a failure dose is stated only within 2× the highest dose tested. Conventions: docs/reports.md, “Statistical conventions”.</p>\n");
                    Each(html, model, a.Drifts, (h, set) => Drift(h, model, set));
                    break;
                case "see":
                    Each(html, model, a.CrossSections, (h, set) => CrossSections(h, model, set));
                    Latchups(html, model);
                    break;
                case "thermal":
                    Each(html, model, a.ThermalProfiles, (h, set) => Thermal(h, model, set));
                    break;
                case "link":
                    Each(html, model, a.Waterfalls, (h, set) => Waterfall(h, model, set));
                    break;
                case "payload":
                    Each(html, model, a.InferenceErrors, Inference);
                    break;
            }

            html.Append("</section>\n");
        }
    }

    /// <summary>Each analysed set: its table, then its figures.</summary>
    private static void Each<T>(StringBuilder html, ReportModel model, IEnumerable<T> sets, Action<StringBuilder, T> write)
        where T : notnull
    {
        foreach (var set in sets)
        {
            write(html, set);
            Figures(html, model, set);
        }
    }

    private static void Figures(StringBuilder html, ReportModel model, object subject)
    {
        foreach (var plot in model.Plots.Where(p => ReferenceEquals(p.Plot.Subject, subject)))
        {
            html.Figure(plot);
        }
    }

    private static void Parameters(StringBuilder html, IEnumerable<FittedParameter> parameters, string convention, FittedParameter? onlyBelow = null, string? below = null)
    {
        var list = parameters.ToList();
        var level = list.Count > 0 ? list[0].Confidence * 100 : 95;
        html.Append("<table class=\"fit\">").Head("Parameter", "Estimate", "Standard error", string.Create(CultureInfo.InvariantCulture, $"{level:0.#} % interval ({convention})"), "Unit");
        foreach (var p in list)
        {
            if (ReferenceEquals(p, onlyBelow))
            {
                // An onset below the lowest LET tested is not measured: no estimate is printed, only the bound.
                html.Row(E(p.Name), $"<span class=\"num\">&lt; {E(below)}</span>", "—", "below the lowest LET tested: not measured", E(p.Value.Unit.Symbol));
                continue;
            }

            html.Row(E(p.Name), $"<span class=\"num\">{p.Format(p.Value.Value)}</span>", p.Determined ? p.FormatError() : "not determined",
                p.Determined ? $"{p.Format(p.Lower)} … {p.Format(p.Upper)}" : "—", E(p.Value.Unit.Symbol));
        }

        html.Append("</tbody></table>\n");
    }

    /// <summary>The findings an analysis made about this subject, with their verdicts.</summary>
    private static void Findings(StringBuilder html, ReportModel model, Func<AnalysisFinding, bool> about)
    {
        var findings = model.Analysis.Findings.Where(about).ToList();
        if (findings.Count == 0)
        {
            return;
        }

        html.Append("<ul class=\"findings\">\n");
        foreach (var finding in findings)
        {
            html.Append(CultureInfo.InvariantCulture, $"<li>{VerdictSpan(finding.Verdict)} <b>{E(finding.Analysis)}</b> — {E(finding.Statement)}</li>\n");
        }

        html.Append("</ul>\n");
    }

    private static void Drift(StringBuilder html, ReportModel model, DriftSet set)
    {
        var irradiation = set.Points.Where(p => !p.IsAnneal).ToList();
        html.Append(CultureInfo.InvariantCulture, $"<h3>{E(set.Subject)}</h3>\n<p>Scenario {E(set.ScenarioId)}: {irradiation.Count} measurement(s) at {irradiation.Select(p => p.Dose).Distinct().Count()} dose step(s), {irradiation.Count(p => p.Dose.Value == 0)} of them the pre-irradiation reference (D = 0), {set.Points.Count(p => p.IsAnneal)} during anneal; limit {E(set.Limit?.ToString() ?? "none")}.</p>\n");
        Findings(html, model, f => f.ScenarioId == set.ScenarioId && f.Subject == set.Subject && f.Analysis is AnalysisFindings.Drift or AnalysisFindings.Anneal);
        if (set.Result is not { } result)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"note\">No drift analysis: {E(set.Problem)}</p>\n");
            Anneals(html, set);
            return;
        }

        html.Append("<table class=\"facts\">\n")
            .Fact("Pre-irradiation value (measured, D = 0)", result.MeasuredPreIrradiation is { } before
                ? string.Create(CultureInfo.InvariantCulture, $"{before.ToString("G6")} (mean of {result.PreIrradiationPoints})")
                : "not measured under this name: the fit extrapolates P0")
            .Fact("Drift significance", E(result.Significance.ToString()))
            .Fact("Limit judged on the measured values", result.Limit is null ? "no limit"
                : $"last dose step with every value passing: {E(result.LastPassingDose?.ToString() ?? "none")}; first with a value failing: {E(result.FirstFailingDose?.ToString() ?? "none")} (highest dose tested {E(result.HighestDose.ToString())})"
                  + (result.FailsBeforeIrradiation ? "; <b>outside the limit before irradiation</b>" : ""))
            .Fact("Failure dose (chosen law meets the limit)", E(result.FailureDoseStatement))
            .Append("</table>\n");
        if (result.Candidates.Count > 0)
        {
            var best = result.Candidates.Where(c => c.Fit is not null).Select(c => c.Fit!.Aicc).DefaultIfEmpty(double.NaN).Min();
            html.Append("<table>").Head("Drift law", "Outcome", "ΔAICc", "Scatter s", "Largest |correlation|");
            foreach (var c in result.Candidates)
            {
                html.Row(E(ParametricDriftAnalysis.Describe(c.Model)),
                    c.Fit is null ? "refused: " + E(c.Refusal) : ReferenceEquals(c.Fit, result.Model) ? "<b>chosen</b>" : "fitted",
                    c.Fit is { } f ? G(f.Aicc - best, "0.##") : "—",
                    c.Fit is { } g ? E($"{G(g.ResidualStandardDeviation, "G3")} {result.ValueUnit.Symbol} ({g.DegreesOfFreedom} dof)") : "—",
                    c.Fit is { } h ? G(h.LargestCorrelation, "0.####") : "—");
            }

            html.Append("</tbody></table>\n");
        }

        if (result.Model is { } chosen)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p>Chosen law: {E(chosen.Formula)}, least squares over the irradiation steps (anneal steps are not fitted).</p>\n");
            Parameters(html, chosen.Parameters, $"two-sided Student t on {chosen.DegreesOfFreedom} dof; shape on the log scale");
        }
        else
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"note\">No drift law: {E(result.NoFitReason)}</p>\n");
        }

        Anneals(html, set);
    }

    private static void Anneals(StringBuilder html, DriftSet set)
    {
        var anneals = set.Points.Select((p, i) => (Point: p, Measurement: set.Measurements[i])).Where(p => p.Point.IsAnneal).ToList();
        if (anneals.Count == 0)
        {
            return;
        }

        html.Append("<table>").Head("Anneal", "Temperature", "Dose before anneal", "Value", "Limit", "Verdict");
        foreach (var (point, measurement) in anneals)
        {
            var verdict = set.Limit is { } limit ? Results.Verdicts.Worst(measurement.Verdict, limit.Evaluate(point.Value)) : measurement.Verdict;
            html.Row(E(point.AnnealTime.ToString()), E(point.AnnealTemperature?.ToString() ?? "not recorded"), E(point.Dose.ToString()), E(point.Value.ToString()),
                E(set.Limit?.ToString() ?? "none"), VerdictSpan(verdict) + (verdict == Results.Verdict.Fail ? " (outside after anneal)" : ""));
        }

        html.Append("</tbody></table>\n");
    }

    private static void CrossSections(StringBuilder html, ReportModel model, CrossSectionSet set)
    {
        html.Append(CultureInfo.InvariantCulture, $"<h3>{E(set.Name)}: cross-section</h3>\n");
        if (set.Points.Count == 0)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"note\">No cross-sections: {E(set.Problem)}</p>\n");
            return;
        }

        var unit = set.Points[0].CrossSection.Unit.Symbol + (set.Points.All(p => p.Exposure.BitsExposed is > 0) ? " per bit" : " per device");
        var conventions = set.Points.Select(p => p.Convention).Distinct().ToList();
        html.Append("<table>").Head("LET", "Tilt", "Effective LET", "Fluence", "Effective fluence", "Events", $"σ ({unit})",
            conventions.Count == 1 ? $"Interval: {E(conventions[0])}" : "Interval (see each row)");
        foreach (var p in set.Points)
        {
            html.Append(p.ZeroEvents ? "<tr class=\"zero\">" : "<tr>").Append(CultureInfo.InvariantCulture,
                $"<td>{E(p.Exposure.LinearEnergyTransfer.ToString())}</td><td>{E(p.Exposure.Tilt.ToString())}</td><td>{E(p.EffectiveLet.ToString("0.###"))}</td><td>{E(p.Exposure.Fluence.ToString())}</td><td class=\"num\">{G(p.EffectiveFluence.Value, "G4")}</td><td class=\"num\">{p.Exposure.Events}</td><td class=\"num\">{(p.ZeroEvents ? "&lt; " + G(p.Upper.Value, "G3") : G(p.CrossSection.Value, "G4"))}</td><td>{G(p.Lower.Value, "G3")} … {G(p.Upper.Value, "G3")}{(conventions.Count == 1 ? "" : " (" + E(p.Convention) + ")")}</td></tr>\n");
        }

        html.Append("</tbody></table>\n");
        if (set.Fit is { } fit)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p>Weibull fit σ(L) = σsat·(1 − exp(−((L − L0)/W)^s)) by maximum likelihood on the event counts; deviance {G(fit.Deviance, "0.##")} on {fit.DegreesOfFreedom} degrees of freedom{(fit.Converged ? "" : "; <b>the fit did not converge</b>")}. Intervals: {E(fit.Convention)}. Onset LET: <b>{E(fit.OnsetStatement)}</b>.</p>\n");
            Parameters(html, fit.Parameters, "profile likelihood", fit.OnsetBelowLowestTested ? fit.Threshold : null, fit.LowestLetTested.Value.ToString("0.###", CultureInfo.InvariantCulture));
            if (fit.ThresholdAtDataEdge)
            {
                html.Append("<p class=\"note\">The onset LET sits at the lowest LET with events: the data do not bracket the onset.</p>\n");
            }
        }
        else
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"note\">No Weibull fit: {E(set.Problem)}</p>\n");
        }

        Findings(html, model, f => f.Analysis == AnalysisFindings.Weibull && f.Subject == set.Name && f.Verdict != Results.Verdict.NotSet);
    }

    private static void Latchups(StringBuilder html, ReportModel model)
    {
        var latchups = model.Results.Events.Where(e => e.Kind == BenchEventKind.SingleEventLatchup).ToList();
        if (latchups.Count == 0)
        {
            return;
        }

        html.Append("<h3>Latch-up</h3>\n<table>").Head("Scenario", "Latch-up events", "Largest recorded current");
        foreach (var group in latchups.GroupBy(e => e.ScenarioId))
        {
            var currents = group.SelectMany(e => e.Values.Values).Where(v => v.Dimension == Results.Quantities.Dimension.CurrentDim).ToList();
            html.Row(E(group.Key ?? "run"), group.Count().ToString(CultureInfo.InvariantCulture), currents.Count > 0 ? E(currents.MaxBy(c => c.SiValue).ToString()) : "—");
        }

        html.Append("</tbody></table>\n");
        foreach (var plot in model.Plots.Where(p => p.Plot is LatchupTracePlot or LatchupOverlayPlot))
        {
            html.Figure(plot);
        }
    }

    private static void Thermal(StringBuilder html, ReportModel model, ThermalProfileSet set)
    {
        html.Append(CultureInfo.InvariantCulture, $"<h3>Temperature profile {E(set.ScenarioId ?? "(run)")}</h3>\n");
        if (set.Result is not { } result)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"note\">No dwell verification: {E(set.Problem)}</p>\n");
            return;
        }

        var c = result.Criteria;
        html.Append(CultureInfo.InvariantCulture,
            $"<p>Criteria ({E(c.Source)}): within ±{G(c.ToleranceKelvin, "G3")} K of the setpoint, rate under {G(c.MaximumRateKelvinPerSecond * 3600, "G3")} K/h over a {c.RateWindow.TotalMinutes:0.#} min window, dwell {c.RequiredDwell.TotalMinutes:0.#} min. The rate is the least-squares slope over the window; its 95 % half-width (from the scatter, never below the sensor's quantisation) must be at most half the limit to call a plateau stable, and a later window fails it only if its rate exceeds the limit by more than its half-width, so sensor resolution cannot fail a plateau. Dwell: from stabilisation to the plateau's end. Verdict: {VerdictSpan(result.Verdict)}.</p>\n");
        html.Append("<table>").Head("Setpoint", "Start", "End", "In tolerance after", "Stable after", "Dwell", "Rate at end (K/h, 95 %)", "Fastest window after stable (K/h, 95 %)", "Overshoot (K)", "Verdict", "Why");
        foreach (var p in result.Plateaus)
        {
            var rate = p.FinalRate is { } r ? $"{G(r, "0.##")} ± {G(p.FinalRateHalfWidth ?? double.NaN, "0.##")}" : "—";
            html.Append(CultureInfo.InvariantCulture, $"<tr class=\"{Css(p.Verdict)}\">").Append(CultureInfo.InvariantCulture,
                $"<td>{G(p.Setpoint - 273.15, "0.##")} °C</td><td>{Minutes(p.Start)}</td><td>{Minutes(p.End)}</td><td>{Minutes(p.InToleranceFrom)}</td><td>{Minutes(p.StabilisedAt)}</td><td>{Minutes(p.Dwell)}</td><td class=\"num\">{rate}</td><td class=\"num\">{(p.MaximumRateHalfWidth is { } hw ? $"{G(p.MaximumRateAfterStable, "0.##")} ± {G(hw, "0.##")}" : "—")}</td><td class=\"num\">{G(p.Overshoot, "0.##")}</td><td>{VerdictSpan(p.Verdict)}</td><td>{E(p.Reason)}</td></tr>\n");
        }

        html.Append("</tbody></table>\n");
        Findings(html, model, f => f.ScenarioId == set.ScenarioId && f.Analysis == AnalysisFindings.Thermal);
    }

    private static void Waterfall(StringBuilder html, ReportModel model, WaterfallSet set)
    {
        html.Append(CultureInfo.InvariantCulture, $"<h3>{E(set.Name)} ({E(set.ScenarioId)})</h3>\n<table>").Head("Received power", "Errors", "Bits", "BER", "Interval: " + E(CountInterval.Describe(0.95, oneSided: false)));
        foreach (var p in set.Points)
        {
            html.Row(E(p.ReceivedPower.ToString("0.###")), p.Count.Errors.ToString("N0", CultureInfo.InvariantCulture), p.Count.Bits.ToString("N0", CultureInfo.InvariantCulture),
                p.ErrorFree ? "&lt; " + G(p.Upper, "G3") : G(p.Ratio, "G3"), $"{G(p.Lower, "G3")} … {G(p.Upper, "G3")}");
        }

        html.Append("</tbody></table>\n");
        if (set.Waterfall is { } w)
        {
            var x = w.Modulation.Variable();
            html.Append(CultureInfo.InvariantCulture,
                $"<p>Receiver law: {E(w.Modulation.Name())}, {E(w.Modulation.Law())} ({E(set.ModulationSource)}); ln {x} = ln {x}(P_ref) + b·(P − P_ref), P_ref = {E(w.ReferencePower.ToString("0.##"))}, by maximum likelihood on the error counts; deviance {G(w.Deviance, "0.##")} on {w.DegreesOfFreedom} degrees of freedom. Receiver sensitivity at BER {w.TargetRatio:0.#E+0}: <b>{E(w.Sensitivity.ToString())}</b>, interval {E(w.Convention)}.</p>\n");
            Parameters(html, [w.QualityAtReference, w.Slope, w.Exponent, w.Sensitivity], "normal, delta method");
        }
        else
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"note\">No waterfall fit: {E(set.Problem)} ({E(set.ModulationSource)})</p>\n");
        }

        Findings(html, model, f => f.ScenarioId == set.ScenarioId && f.Analysis == AnalysisFindings.Waterfall && f.Subject == set.Name);
    }

    private static void Inference(StringBuilder html, InferenceErrorSet set)
    {
        var convention = set.Points.Select(p => p.Convention).FirstOrDefault() ?? CountInterval.Describe(0.95, oneSided: false);
        html.Append(CultureInfo.InvariantCulture, $"<h3>{E(set.Name)}</h3>\n<table>").Head(set.ConditionName ?? "Condition", "Errors counted", "Inferences", "Error rate", $"Interval: {E(convention)}", "Rate limit (judged on its one-sided bound)", "Verdict");
        for (var i = 0; i < set.Points.Count; i++)
        {
            var p = set.Points[i];
            var d = p.Demonstration;
            html.Row(E(p.Condition?.ToString() ?? "—"), p.Errors.ToString("N0", CultureInfo.InvariantCulture), p.Inferences.ToString("N0", CultureInfo.InvariantCulture),
                p.Errors == 0 ? "0 (&lt; " + G(p.Upper, "G3") + ")" : G(p.Rate, "G3"), $"{G(p.Lower, "G3")} … {G(p.Upper, "G3")}",
                d is null ? "—" : E(d.Describe("inferences")),
                VerdictSpan(d is null ? set.Measurements[i].Verdict : Results.Verdicts.Worst(set.Measurements[i].Verdict, d.Verdict)));
        }

        html.Append("</tbody></table>\n");
    }

    private static string Minutes(TimeSpan? time) => time is { } t ? string.Create(CultureInfo.InvariantCulture, $"{t.TotalMinutes:0.#} min") : "—";
}
