using System.Globalization;
using System.Text;
using SpaceTestBench.Reports.Signing;
using SpaceTestBench.Results.Store;
using static SpaceTestBench.Reports.Html.HtmlText;

namespace SpaceTestBench.Reports.Html;

/// <summary>
/// The report as a controlled document: its number and revision (and the revision it amends), the "SIMULATED — not
/// valid for qualification" mark across every page of a simulated run, the laboratory and its accreditation, the
/// samples' serials in the header, an index of the ISO/IEC 17025 §7.8.2.1 items a–p and of the radiation-report items
/// pointing to where each is stated (or saying it is not applicable), the laboratory conditions and the end mark.
/// </summary>
internal static class DocumentSection
{
    /// <summary>The mark of a run on virtual bench time.</summary>
    public const string SimulatedMark = "SIMULATED — not valid for qualification";

    public static void WriteMarks(StringBuilder html, ReportModel model, ReportRevision revision)
    {
        // position: fixed repeats on every printed page in Chromium, so the mark and the document number are on each page.
        if (model.Results.Run.Info.Bench.IsSimulated)
        {
            html.Append("<div class=\"simulated-watermark\" aria-hidden=\"true\">").Append(E(SimulatedMark)).Append("</div>\n")
                .Append("<p class=\"simulated-banner\" id=\"simulated-banner\">").Append(E(SimulatedMark))
                .Append(": this run used simulated instruments on virtual bench time. It demonstrates the procedure and the report; it qualifies nothing.</p>\n");
        }

        html.Append(CultureInfo.InvariantCulture, $"<div class=\"page-footer\">{E(revision.DocumentNumber)} revision {revision.Number}{(model.Results.Run.Info.Bench.IsSimulated ? " — " + E(SimulatedMark) : "")}</div>\n");
    }

    public static void WriteIdentity(StringBuilder html, ReportModel model, ReportRevision revision)
    {
        var info = model.Results.Run.Info;
        var facility = info.Bench.Facility;
        var serials = TestArticleSection.Samples(model.Results).Select(s => s.Serial).Distinct(StringComparer.Ordinal).ToList();
        html.Append("<table class=\"facts\" id=\"document\">\n")
            .Fact("Document", "Qualification test report")
            .Fact("Document number", revision.DocumentNumber)
            .Fact("Revision", revision.Number.ToString(CultureInfo.InvariantCulture))
            .Fact("Amends", revision.Amends is { } amends
                ? $"revision {amends} ({ReportRevisions.ReportOf(amends)}, SHA-256 without its approval block {revision.AmendsDigest}): {revision.Reason ?? "no reason given"}. That revision stays as signed."
                : "nothing: first issue")
            .Fact("Issued", $"{Time(model.RenderedAt)} (rendering of this revision; see Review and approval for the signatures)")
            .Fact("Laboratory", facility is null ? "not stated in the bench file" : facility.Address is { } address ? $"{facility.Name}, {address}" : facility.Name)
            .Fact("Accreditation", facility?.Accreditation is { } a
                ? $"{a.Body} {a.Number}{(a.Standard is { } s ? $" ({s})" : "")}{(a.Scope is { } scope ? $"; scope: {scope}" : "")}"
                : "none stated: the results are not covered by an accreditation")
            .Fact("Test article", $"{info.Dut.Name}{(info.Dut.TestArticle?.PartNumber is { } pn ? $", part number {pn}" : "")}{(info.Dut.TestArticle?.Lot is { } lot ? $", lot {lot}" : "")}{(info.Dut.TestArticle?.DateCode is { } dc ? $", date code {dc}" : "")}")
            .Fact("Sample serials", serials.Count > 0 ? string.Join(", ", serials) : info.Dut.SerialNumber ?? "not recorded")
            .Fact("Operator (author)", info.Operator)
            .Fact("Customer", "not stated: the run records no customer")
            .Fact("Statement", "The results relate only to the items tested, as received and mounted on the bench. This report shall not be reproduced except in full without the laboratory's written approval.")
            .Append("</table>\n");
    }

    public static void WriteIndex(StringBuilder html, ReportModel model, ReportRevision revision, IReadOnlyList<Deviation> deviations, IReadOnlyList<EquipmentUse> uses)
    {
        var results = model.Results;
        var info = results.Run.Info;
        var facility = info.Bench.Facility;
        var external = info.Bench.Instruments.Where(i => i.Model.StartsWith("Facility", StringComparison.OrdinalIgnoreCase)).ToList();
        var end = results.Run.FinishedBench is { } finished ? Time(finished) : "not recorded (interrupted)";
        var iso = new (string Item, string Requirement, string Anchor, string Answer)[]
        {
            ("a", "Title", "document", "Qualification test report"),
            ("b", "Laboratory name and address", "document", facility is null ? "not stated in the bench file" : $"{facility.Name}{(facility.Address is { } a ? $", {a}" : "")}"),
            ("c", "Location of the laboratory activities", "conditions", $"bench '{info.Bench.Name}' ({info.Bench.Clock})"),
            ("d", "Unique identification; every page identified; end of report clear", "end-of-report", $"{revision.DocumentNumber} revision {revision.Number}, on every printed page; ends with 'End of report'"),
            ("e", "Customer", "document", "not stated: the run records no customer (not applicable to an in-house run)"),
            ("f", "Method", "test-plan", $"{Math.Max(info.Procedures.Count, results.Features.Count)} feature file(s) with SHA-256; {results.Clauses.Count} clause(s) tagged"),
            ("g", "Item tested: description, identification, condition", "test-article", $"{info.Dut.Name}; part number {info.Dut.TestArticle?.PartNumber ?? "not stated"}; lot {info.Dut.TestArticle?.Lot ?? "not stated"}"),
            ("h", "Date of receipt of the items", "test-article", "not applicable: samples are mounted at the start of each scenario and their receipt is not recorded by the bench"),
            ("i", "Dates of performance", "conditions", $"{Time(results.Run.StartedBench)} to {end} bench time; started {Time(info.StartedWall)} wall clock"),
            ("j", "Date of issue", "approval", $"rendered {Time(model.RenderedAt)}; signatures dated in the approval block"),
            ("k", "Sampling plan and method", "test-article", "one fresh sample per destructive scenario, or the lot it takes (a total-dose sample plan's biased, unbiased and unirradiated control samples; a thermal shock lot), each identified by serial; besides them, control samples as the DUT profile states"),
            ("l", "Results relate only to the items tested", "document", "stated"),
            ("m", "Results with units", "scenarios", $"{results.Measurements.Count} measurement(s), each with its unit"),
            ("n", "Additions, deviations, exclusions", "deviations", DeviationsSection.Summary(deviations)),
            ("o", "Persons authorising the report", "approval", "author (operator), reviewer, approver (not the operator), by signature"),
            ("p", "Results from external providers", "equipment", info.Bench.IsSimulated
                ? "not applicable: every result is from this bench's simulators"
                : external.Count == 0 ? "none" : $"dose rate, fluence and beam data from the facility's own systems through {string.Join(", ", external.Select(i => i.Id))}"),
        };
        html.Append("<section id=\"document-control\">\n<h2>Document control</h2>\n<p>Where this report states what ISO/IEC 17025:2017 §7.8.2.1 asks of every test report, and what a radiation test report adds.</p>\n")
            .Append("<table id=\"iso17025-index\">").Head("§7.8.2.1", "Requirement", "Where", "Stated");
        foreach (var (item, requirement, anchor, answer) in iso)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr id=\"iso-{item}\" data-anchor=\"{anchor}\"><td>{item}</td><td>{E(requirement)}</td><td>{Link($"#{anchor}", anchor)}</td><td>{E(answer)}</td></tr>\n");
        }

        html.Append("</tbody></table>\n");
        var article = info.Dut.TestArticle;
        var outOfCalibration = uses.Where(u => u.UsedOutOfCalibration).Select(u => u.Instrument.Id).ToList();
        var radiation = new (string Id, string Item, string Anchor, string Answer)[]
        {
            ("part-number", "Part number", "test-article", article?.PartNumber ?? "not stated in the DUT profile"),
            ("lot-date-code", "Lot and date code", "test-article", article is null ? "not stated in the DUT profile" : $"lot {article.Lot ?? "not stated"}, date code {article.DateCode ?? "not stated"}"),
            ("package-lid", "Package and delid state", "test-article", article is null ? "not stated in the DUT profile" : $"{article.Package ?? "package not stated"}; {(article.Delidded switch { true => "delidded", false => "lid on", null => "lid not stated" })}"),
            ("sample-serials", "Each sample's serial", "test-article", $"{TestArticleSection.Samples(results).Select(s => s.Serial).Distinct(StringComparer.Ordinal).Count()} sample(s), in the header and per scenario"),
            ("control-samples", "Control samples", "test-article", article is { ControlSamples.Count: > 0 } ? string.Join(", ", article.ControlSamples) : "none stated"),
            ("co60-dosimetry", "Co-60 dose-rate measurement, filter box, dose enhancement", "dosimetry-gamma", Applies(results, "gamma source", "dose rate measured at the DUT, filter box and dose-enhancement note", "no Co-60 exposure")),
            ("beam", "Ion, energy, range, fluence uniformity and uncertainty", "dosimetry-ions", Applies(results, "particle beam", "per ion, from the bench file and the exposures recorded", "no heavy-ion exposure")),
            ("proton-energy", "Proton energy at the DUT", "dosimetry-protons", results.Measurements.Any(m => m.Conditions.ContainsKey("proton energy")) ? "as each exposure recorded it" : "not applicable: no proton exposure"),
            ("calibration", "Equipment calibration at time of use", "equipment", outOfCalibration.Count == 0 ? "every calibrated instrument in calibration at its uses" : $"out of calibration at some uses: {string.Join(", ", outOfCalibration)}"),
            ("deviations", "Deviations with time and effect", "deviations", DeviationsSection.Summary(deviations)),
            ("decision-rule", "Measurement uncertainty and decision rule per limit", "decision-rule", "simple acceptance for measured limits, counted rates on their one-sided 95 % bounds (see the decision rule per limit); uncertainty per limit as the data carry it"),
            ("conditions", "Laboratory conditions", "conditions", facility?.Ambient is null ? "not stated in the bench file" : "stated"),
            ("operator", "Operator", "conditions", info.Operator),
        };
        html.Append("<table id=\"radiation-index\">").Head("Radiation report item", "Where", "Stated");
        foreach (var (id, item, anchor, answer) in radiation)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr id=\"rad-{id}\" data-anchor=\"{anchor}\"><td>{E(item)}</td><td>{Link($"#{anchor}", anchor)}</td><td>{E(answer)}</td></tr>\n");
        }

        html.Append("</tbody></table>\n</section>\n");
    }

    public static void WriteConditions(StringBuilder html, RunResults results)
    {
        var info = results.Run.Info;
        var ambient = info.Bench.Facility?.Ambient;
        html.Append("<section id=\"conditions\">\n<h2>Laboratory conditions and operator</h2>\n<table class=\"facts\" id=\"laboratory-conditions\">\n")
            .Fact("Bench", $"{info.Bench.Name} ({info.Bench.Clock})")
            .Fact("Ambient temperature", ambient?.Temperature ?? "not stated in the bench file")
            .Fact("Relative humidity", ambient?.RelativeHumidity ?? "not stated in the bench file")
            .Fact("Pressure", ambient?.Pressure ?? "not stated in the bench file")
            .Fact("How controlled", ambient?.Note ?? "not stated in the bench file")
            .Fact("Performed", $"{Time(results.Run.StartedBench)} to {(results.Run.FinishedBench is { } f ? Time(f) : "not recorded (interrupted)")} bench time; wall clock from {Time(info.StartedWall)}{(results.Run.FinishedWall is { } w ? $" to {Time(w)}" : "")}")
            .Fact("Operator", info.Operator)
            .Append("</table>\n</section>\n");
    }

    public static void WriteEnd(StringBuilder html, ReportRevision revision) =>
        html.Append(CultureInfo.InvariantCulture, $"<p id=\"end-of-report\" class=\"end\">End of report {E(revision.DocumentNumber)} revision {revision.Number}.</p>\n");

    private static string Applies(RunResults results, string role, string yes, string no) =>
        results.Measurements.Any(m => string.Equals(m.Role, role, StringComparison.OrdinalIgnoreCase)) ? yes : $"not applicable: {no}";
}
