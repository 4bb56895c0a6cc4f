using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using SpaceTestBench.Results.Provenance;
using SpaceTestBench.Results.Recording;
using SpaceTestBench.Results.Store;
using static SpaceTestBench.Reports.Html.HtmlText;

namespace SpaceTestBench.Reports.Html;

/// <summary>
/// Dosimetry and beam characterisation, as a radiation test report states them (MIL-STD-883 TM 1019 §3.3, ESCC
/// 22900 §6.3, ESCC 25100 §7, JESD57): for Co-60 the dose rate measured at the DUT, the filter box and the
/// dose-enhancement note; for heavy ions each ion with energy, range and LET, the fluence uniformity and its
/// uncertainty; for protons the energy at the DUT. Numbers come from what the run recorded and from the bench file;
/// a part of the run without such exposure says "not applicable".
/// </summary>
internal static partial class DosimetrySection
{
    public static void Write(StringBuilder html, RunResults results)
    {
        var run = results.Run.Info;
        html.Append("<section id=\"dosimetry\">\n<h2>Dosimetry and beam</h2>\n");
        Gamma(html, results, EquipmentUse.PlayerOf(run, "gamma source"));
        HeavyIons(html, results, EquipmentUse.PlayerOf(run, "particle beam"));
        Protons(html, results);
        html.Append("</section>\n");
    }

    private static void Gamma(StringBuilder html, RunResults results, InstrumentInfo? source)
    {
        html.Append("<h3 id=\"dosimetry-gamma\">Co-60 total ionising dose</h3>\n");
        var rates = results.Measurements.Where(m => string.Equals(m.Role, "gamma source", StringComparison.OrdinalIgnoreCase) && m.Value.Dimension == Results.Quantities.Dimension.AbsorbedDoseRate).ToList();
        if (rates.Count == 0)
        {
            html.Append("<p class=\"not-applicable\">Not applicable: this run made no Co-60 exposure (no dose rate was measured at the DUT).</p>\n");
            return;
        }

        var d = source?.Dosimetry;
        html.Append("<table class=\"facts\" id=\"gamma-dosimetry\">\n")
            .Fact("Source", source is null ? "not recorded" : $"{source.Id} ({source.Model}, serial {source.SerialNumber ?? "not recorded"})")
            .Fact("Dose-rate measurement", d?.Method ?? "not stated in the bench file")
            .Fact("Dose-rate uncertainty", d?.Uncertainty is { } u ? $"± {u} (k = 1)" : "not stated")
            .Fact("Filter box", d?.FilterBox ?? "not stated in the bench file")
            .Fact("Dose enhancement", d?.DoseEnhancement ?? "not stated in the bench file")
            .Append("</table>\n<table id=\"dose-rates\">").Head("Scenario", "Bench time", "Dose rate measured at the DUT", "Limit", "Verdict");
        foreach (var m in rates)
        {
            html.Row(Link($"#{m.ScenarioId}", m.ScenarioId), Time(m.BenchTime), E(m.Value.ToString()), E(m.Limit?.ToString() ?? ""), VerdictSpan(m.Verdict));
        }

        html.Append("</tbody></table>\n");
    }

    private static void HeavyIons(StringBuilder html, RunResults results, InstrumentInfo? beam)
    {
        html.Append("<h3 id=\"dosimetry-ions\">Heavy ions</h3>\n");
        var runs = results.Events
            .Where(e => e.Kind == BenchEventKind.Note && BeamRun().Match(e.Message) is { Success: true } m && !m.Groups[1].Value.Equals("PROTON", StringComparison.OrdinalIgnoreCase))
            .Select(e => (Event: e, Match: BeamRun().Match(e.Message)))
            .ToList();
        if (runs.Count == 0)
        {
            html.Append("<p class=\"not-applicable\">Not applicable: this run made no heavy-ion exposure.</p>\n");
            return;
        }

        var d = beam?.Dosimetry;
        var carried = results.Measurements.Select(m => m.Conditions.TryGetValue(WellKnownConditions.FluenceUncertainty, out var q) ? q.SiValue : (double?)null).OfType<double>().Distinct().ToList();
        html.Append("<table class=\"facts\" id=\"beam-characterisation\">\n")
            .Fact("Beam line", beam is null ? "not recorded" : $"{beam.Id} ({beam.Model}, serial {beam.SerialNumber ?? "not recorded"})")
            .Fact("Fluence measurement", d?.Method ?? "not stated in the bench file")
            .Fact("Fluence uniformity", d?.FluenceUniformity is { } uniformity ? $"± {uniformity} over the DUT area" : "not stated")
            .Fact("Fluence uncertainty", (d?.Uncertainty is { } u ? $"± {u} (k = 1, bench file)" : "not stated in the bench file")
                + (carried.Count > 0 ? $"; recorded with the data: ± {string.Join(", ", carried.Select(c => (c * 100).ToString("0.#", CultureInfo.InvariantCulture)))} %" : ""))
            .Fact("Note", d?.Note ?? "none")
            .Append("</table>\n<table id=\"ions\">").Head("Ion", "Species", "Energy at the DUT", "Range in Si", "LET (bench file)", "Runs recorded (LET, tilt, fluence, flux)");
        foreach (var ion in runs.GroupBy(r => r.Match.Groups[1].Value.ToUpperInvariant()))
        {
            var table = d?.Ions.FirstOrDefault(i => i.Name.Equals(ion.Key, StringComparison.OrdinalIgnoreCase));
            html.Row(E(ion.Key), E(table?.Species ?? "not stated"), E(table?.Energy ?? "not stated in the bench file"), E(table?.Range ?? "not stated in the bench file"),
                E(table?.LinearEnergyTransfer ?? "not stated"), E(string.Join("; ", ion.Select(r => r.Match.Groups[2].Value))));
        }

        html.Append("</tbody></table>\n");
    }

    private static void Protons(StringBuilder html, RunResults results)
    {
        html.Append("<h3 id=\"dosimetry-protons\">Protons</h3>\n");
        var energies = results.Measurements
            .Select(m => m.Conditions.TryGetValue("proton energy", out var q) ? q : (Results.Quantities.Quantity?)null)
            .OfType<Results.Quantities.Quantity>()
            .DistinctBy(q => q.ToString())
            .OrderBy(q => q.SiValue)
            .ToList();
        if (energies.Count == 0)
        {
            html.Append("<p class=\"not-applicable\">Not applicable: this run made no proton exposure.</p>\n");
            return;
        }

        html.Append(CultureInfo.InvariantCulture, $"<p id=\"proton-energies\">Proton energy at the DUT, as each exposure recorded it: {E(string.Join(", ", energies.Select(e => e.ToString())))}.</p>\n");
    }

    // The beam procedure's note of each exposure: "Run: XE, LET 62.5 MeV·cm²/mg at 0 ° (effective …), to 1E+07 ions/cm² at …".
    [GeneratedRegex(@"^Run: ([A-Za-z0-9]+), (.+?)\.?$")]
    private static partial Regex BeamRun();
}
