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
                    Each(html, model, a.Drifts, Drift);
                    break;
                case "see":
                    Each(html, model, a.CrossSections, CrossSections);
                    Latchups(html, model);
                    break;
                case "thermal":
                    Each(html, model, a.ThermalProfiles, Thermal);
                    break;
                case "link":
                    Each(html, model, a.Waterfalls, Waterfall);
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

    private static void Parameters(StringBuilder html, IEnumerable<FittedParameter> parameters)
    {
        html.Append("<table class=\"fit\">").Head("Parameter", "Estimate", "Standard error", "95 % interval", "Unit");
        foreach (var p in parameters)
        {
            html.Row(E(p.Name), $"<span class=\"num\">{p.Format(p.Value.Value)}</span>", p.Determined ? p.FormatError() : "not determined",
                p.Determined ? $"{p.Format(p.Lower)} … {p.Format(p.Upper)}" : "—", E(p.Value.Unit.Symbol));
        }

        html.Append("</tbody></table>\n");
    }

    private static void Drift(StringBuilder html, DriftSet set)
    {
        html.Append(CultureInfo.InvariantCulture, $"<h3>{E(set.Name)}</h3>\n<p>{set.Points.Count(p => !p.IsAnneal)} measurement(s) at {set.Points.Where(p => !p.IsAnneal).Select(p => p.Dose).Distinct().Count()} dose step(s), {set.Points.Count(p => p.IsAnneal)} during anneal; limit {E(set.Limit?.ToString() ?? "none")}.</p>\n");
        if (set.Result is not { } fit)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"note\">No drift fit: {E(set.Problem)}</p>\n");
            return;
        }

        html.Append("<p>Least-squares fit of P(D) = P0 + a·D^n to the irradiation steps (anneal steps are judged, not fitted).</p>\n");
        Parameters(html, [fit.PreIrradiation, fit.Coefficient, fit.Exponent]);
        html.Append("<table class=\"facts\">\n")
            .Fact("Scatter about the fit", $"{G(fit.ResidualStandardDeviation, "G3")} {fit.ValueUnit.Symbol} ({fit.DegreesOfFreedom} degrees of freedom)")
            .Fact("Failure dose (fit meets the limit)", fit.FailsBeforeIrradiation
                ? "0: outside the limit before irradiation"
                : fit.FailureDose is { } dose ? dose.ToString() + (fit.FailureDoseExtrapolated ? " — extrapolated beyond the highest dose tested, not a finding" : "") : "the fitted drift does not reach the limit")
            .Fact("Last dose step with every sample passing", fit.LastPassingDose?.ToString() ?? "none")
            .Fact("First dose step with a sample failing", fit.FirstFailingDose?.ToString() ?? "none (highest dose tested: " + fit.HighestDose + ")")
            .Append("</table>\n");
        var anneals = set.Points.Select((p, i) => (Point: p, Measurement: set.Measurements[i])).Where(p => p.Point.IsAnneal).ToList();
        if (anneals.Count > 0)
        {
            html.Append("<table>").Head("Anneal time", "Dose before anneal", "Value", "Verdict");
            foreach (var (point, measurement) in anneals)
            {
                html.Row(E(point.AnnealTime.ToString()), E(point.Dose.ToString()), E(point.Value.ToString()), VerdictSpan(measurement.Verdict));
            }

            html.Append("</tbody></table>\n");
        }
    }

    private static void CrossSections(StringBuilder html, CrossSectionSet set)
    {
        html.Append(CultureInfo.InvariantCulture, $"<h3>{E(set.Name)}: cross-section</h3>\n");
        if (set.Points.Count == 0)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"note\">No cross-sections: {E(set.Problem)}</p>\n");
            return;
        }

        var unit = set.Points[0].CrossSection.Unit.Symbol + (set.Points.All(p => p.Exposure.BitsExposed is > 0) ? " per bit" : " per device");
        html.Append("<table>").Head("LET", "Tilt", "Effective LET", "Fluence", "Effective fluence", "Events", $"σ ({unit})", "95 % interval");
        foreach (var p in set.Points)
        {
            html.Append(p.ZeroEvents ? "<tr class=\"zero\">" : "<tr>").Append(CultureInfo.InvariantCulture,
                $"<td>{E(p.Exposure.LinearEnergyTransfer.ToString())}</td><td>{E(p.Exposure.Tilt.ToString())}</td><td>{E(p.EffectiveLet.ToString("0.###"))}</td><td>{E(p.Exposure.Fluence.ToString())}</td><td class=\"num\">{G(p.EffectiveFluence.Value, "G4")}</td><td class=\"num\">{p.Exposure.Events}</td><td class=\"num\">{(p.ZeroEvents ? "&lt; " + G(p.Upper.Value, "G3") : G(p.CrossSection.Value, "G4"))}</td><td>{G(p.Lower.Value, "G3")} … {G(p.Upper.Value, "G3")}</td></tr>\n");
        }

        html.Append("</tbody></table>\n");
        if (set.Fit is { } fit)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p>Weibull fit σ(L) = σsat·(1 − exp(−((L − L0)/W)^s)) by maximum likelihood on the event counts; deviance {G(fit.Deviance, "0.##")} on {fit.DegreesOfFreedom} degrees of freedom{(fit.Converged ? "" : "; <b>the fit did not converge</b>")}. Uncertainties are counting statistics only (fluence dosimetry, typically ±10 %, is not included).</p>\n");
            Parameters(html, fit.Parameters);
            if (fit.ThresholdAtDataEdge)
            {
                html.Append("<p class=\"note\">The onset LET sits at the lowest LET with events: the data do not bracket the onset.</p>\n");
            }
        }
        else
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"note\">No Weibull fit: {E(set.Problem)}</p>\n");
        }
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

    private static void Thermal(StringBuilder html, ThermalProfileSet set)
    {
        html.Append(CultureInfo.InvariantCulture, $"<h3>Temperature profile {E(set.ScenarioId ?? "(run)")}</h3>\n");
        if (set.Result is not { } result)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"note\">No dwell verification: {E(set.Problem)}</p>\n");
            return;
        }

        var c = result.Criteria;
        html.Append(CultureInfo.InvariantCulture,
            $"<p>A plateau is stable from the end of the first {c.RateWindow.TotalMinutes:0.#} min window in which the DUT stays within ±{G(c.ToleranceKelvin, "G3")} K of the setpoint and its fitted rate is under {G(c.MaximumRateKelvinPerSecond * 3600, "G3")} K/h, and must stay so for {c.RequiredDwell.TotalMinutes:0.#} min. Verdict: {VerdictSpan(result.Verdict)}.</p>\n");
        html.Append("<table>").Head("Setpoint", "Start", "End", "In tolerance after", "Stable after", "Dwell", "Max rate after (K/h)", "Overshoot (K)", "Verdict", "Why");
        foreach (var p in result.Plateaus)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr class=\"{Css(p.Verdict)}\">").Append(CultureInfo.InvariantCulture,
                $"<td>{G(p.Setpoint - 273.15, "0.##")} °C</td><td>{Minutes(p.Start)}</td><td>{Minutes(p.End)}</td><td>{Minutes(p.InToleranceFrom)}</td><td>{Minutes(p.StabilisedAt)}</td><td>{Minutes(p.Dwell)}</td><td class=\"num\">{G(p.MaximumRateAfterStable, "0.##")}</td><td class=\"num\">{G(p.Overshoot, "0.##")}</td><td>{VerdictSpan(p.Verdict)}</td><td>{E(p.Reason)}</td></tr>\n");
        }

        html.Append("</tbody></table>\n");
    }

    private static void Waterfall(StringBuilder html, WaterfallSet set)
    {
        html.Append(CultureInfo.InvariantCulture, $"<h3>{E(set.Name)}</h3>\n<table>").Head("Received power", "Errors", "Bits", "BER", "95 % interval");
        foreach (var p in set.Points)
        {
            html.Row(E(p.ReceivedPower.ToString("0.###")), p.Count.Errors.ToString("N0", CultureInfo.InvariantCulture), p.Count.Bits.ToString("N0", CultureInfo.InvariantCulture),
                p.ErrorFree ? "&lt; " + G(p.Upper, "G3") : G(p.Ratio, "G3"), $"{G(p.Lower, "G3")} … {G(p.Upper, "G3")}");
        }

        html.Append("</tbody></table>\n");
        if (set.Waterfall is { } w)
        {
            html.Append(CultureInfo.InvariantCulture,
                $"<p>Waterfall fit BER = ½·erfc(Q/√2), ln Q = ln Q(P_ref) + b·(P − P_ref), P_ref = {E(w.ReferencePower.ToString("0.##"))}, by maximum likelihood on the error counts; deviance {G(w.Deviance, "0.##")} on {w.DegreesOfFreedom} degrees of freedom. Receiver sensitivity at BER {w.TargetRatio:0.#E+0}: <b>{E(w.Sensitivity.ToString())}</b>.</p>\n");
            Parameters(html, [w.QualityAtReference, w.Slope, w.Exponent, w.Sensitivity]);
        }
        else
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"note\">No waterfall fit: {E(set.Problem)}</p>\n");
        }
    }

    private static void Inference(StringBuilder html, InferenceErrorSet set)
    {
        html.Append(CultureInfo.InvariantCulture, $"<h3>{E(set.Name)}</h3>\n<table>").Head(set.ConditionName ?? "Condition", "Errors", "Inferences", "Error rate", "95 % interval", "Verdict");
        for (var i = 0; i < set.Points.Count; i++)
        {
            var p = set.Points[i];
            html.Row(E(p.Condition?.ToString() ?? "—"), p.Errors.ToString("N0", CultureInfo.InvariantCulture), p.Inferences.ToString("N0", CultureInfo.InvariantCulture),
                p.Errors == 0 ? "&lt; " + G(p.Upper, "G3") : G(p.Rate, "G3"), $"{G(p.Lower, "G3")} … {G(p.Upper, "G3")}", VerdictSpan(set.Measurements[i].Verdict));
        }

        html.Append("</tbody></table>\n");
    }

    private static string Minutes(TimeSpan? time) => time is { } t ? string.Create(CultureInfo.InvariantCulture, $"{t.TotalMinutes:0.#} min") : "—";
}
