using System.Globalization;
using System.Text;
using SpaceTestBench.Results;
using SpaceTestBench.Results.Recording;
using SpaceTestBench.Results.Store;
using static SpaceTestBench.Reports.Html.HtmlText;

namespace SpaceTestBench.Reports.Html;

/// <summary>
/// The self-contained qualification report: one HTML file with an inline style sheet and the figures
/// embedded as SVG, no scripts and no external URLs, readable offline and printable. A pure function
/// of the stored results (and the files written beside it).
/// </summary>
public static class HtmlReport
{
    /// <summary>File name in the run folder.</summary>
    public const string FileName = "report.html";

    /// <summary>Renders the report.</summary>
    public static string Render(ReportModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var results = model.Results;
        var run = results.Run;
        var revision = model.Revision ?? new Signing.ReportRevision(Signing.ReportRevisions.DocumentNumberOf(run.Info), 1, null, null, null);
        var uses = EquipmentUse.Of(results);
        var deviations = DeviationsSection.Entries(results, uses, model.Judgement);
        var html = new StringBuilder(1 << 20);
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append(CultureInfo.InvariantCulture, $"<title>{E(revision.DocumentNumber)} rev. {revision.Number} – Qualification report – {E(run.Info.Dut.Name)}{(run.Info.Bench.IsSimulated ? " – SIMULATED" : "")}</title>\n")
            .Append("<style>\n").Append(ReportStyles.Css).Append("\n</style>\n</head>\n<body>\n");

        DocumentSection.WriteMarks(html, model, revision);
        html.Append("<header>\n")
            .Append(CultureInfo.InvariantCulture, $"<h1>Qualification report: {E(run.Info.Dut.Name)}{E(TitleSerials(results))}</h1>\n")
            .Append(CultureInfo.InvariantCulture, $"<p class=\"overall\">Overall verdict <span id=\"overall-verdict\" class=\"verdict {Css(model.Judgement.Verdict)}\">{model.Judgement.Verdict}</span></p>\n");
        if (model.InProgress)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"warning\" id=\"in-progress\">In progress: this run is still recording. The report shows everything recorded up to {Time(model.RenderedAt)}; the scenario still running is shown Aborted only because it has not ended yet. Render it again, or wait for the run's own report.</p>\n");
        }
        else if (!run.Completed)
        {
            html.Append("<p class=\"warning\" id=\"interrupted\">This run did not record its end: it was interrupted (killed, crashed or cut off). The report shows everything recorded up to that point; scenarios and steps that had not finished are Aborted.</p>\n");
        }

        html.Append(CultureInfo.InvariantCulture, $"<p>Run <b>{E(run.Info.RunId)}</b> on {E(run.Info.Bench.Name)}, operator {E(run.Info.Operator)}, started {Time(run.Info.StartedWall)}. SpaceTestBench {E(run.Info.Software.Version)}{(run.Info.Software.Commit is { } c ? $" (commit {E(c)})" : "")}. Rendered {Time(model.RenderedAt)} by SpaceTestBench {E(model.RenderedBy)} from results.sqlite (schema version {results.SchemaVersion}).</p>\n");
        DocumentSection.WriteIdentity(html, model, revision);
        html.Append("</header>\n");
        Contents(html, model);
        DocumentSection.WriteIndex(html, model, revision, deviations, uses);
        SummarySection.Write(html, results, model.Judgement);
        TestPlanSection.Write(html, results);
        TestArticleSection.Write(html, results);
        EquipmentSection.Write(html, results, uses);
        DosimetrySection.Write(html, results);
        DocumentSection.WriteConditions(html, results);
        DeviationsSection.Write(html, deviations);
        DecisionRuleSection.Write(html, results);
        AnalysisSection.Write(html, model);
        OtherPlots(html, model);
        ProvenanceSection.Write(html, results);
        ScenarioSection.Write(html, model);
        Events(html, results);
        Artifacts(html, model);
        ApprovalSection.Write(html, run.Info, revision);
        DocumentSection.WriteEnd(html, revision);
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    private static void Contents(StringBuilder html, ReportModel model)
    {
        html.Append("<nav><ul>\n<li><a href=\"#document-control\">Document control</a></li>\n<li><a href=\"#summary\">Verdicts</a></li>\n<li><a href=\"#test-plan\">Test plan</a></li>\n<li><a href=\"#test-article\">Test article</a></li>\n<li><a href=\"#equipment\">Equipment and calibration</a></li>\n<li><a href=\"#dosimetry\">Dosimetry and beam</a></li>\n<li><a href=\"#conditions\">Laboratory conditions</a></li>\n<li><a href=\"#deviations\">Deviations</a></li>\n<li><a href=\"#decision-rule\">Uncertainty and decision rule</a></li>\n");
        foreach (var (id, title) in AnalysisSection.Sections(model))
        {
            html.Append(CultureInfo.InvariantCulture, $"<li><a href=\"#{id}\">{E(title)}</a></li>\n");
        }

        if (model.Plots.Any(p => p.Plot.Section == Plots.PlotSection.Other))
        {
            html.Append("<li><a href=\"#plots\">Further plots</a></li>\n");
        }

        html.Append("<li><a href=\"#provenance\">Bench, DUT and software</a></li>\n<li><a href=\"#scenarios\">Scenarios and measurements</a></li>\n<li><a href=\"#events\">Bench events</a></li>\n<li><a href=\"#artifacts\">Artifacts</a></li>\n<li><a href=\"#approval\">Review and approval</a></li>\n</ul></nav>\n");
    }

    private static void OtherPlots(StringBuilder html, ReportModel model)
    {
        var others = model.Plots.Where(p => p.Plot.Section == Plots.PlotSection.Other).ToList();
        if (others.Count == 0)
        {
            return;
        }

        html.Append("<section id=\"plots\">\n<h2>Further plots</h2>\n<p>Measurements and traces no analysis took, drawn as recorded.</p>\n");
        foreach (var plot in others)
        {
            html.Figure(plot);
        }

        html.Append("</section>\n");
    }

    private static void Events(StringBuilder html, RunResults results)
    {
        html.Append("<section id=\"events\">\n<h2>Bench events</h2>\n");
        if (results.Events.Count == 0)
        {
            html.Append("<p>No bench events were recorded (no SEL, SEU, SEFI, interlock trip or instrument fault).</p>\n</section>\n");
            return;
        }

        var counts = results.Events.GroupBy(e => e.Kind).OrderBy(g => g.Key).Select(g => $"{g.Count()} {Name(g.Key)}");
        html.Append(CultureInfo.InvariantCulture, $"<p>{E(string.Join(", ", counts))} (all in <a href=\"events.csv\">events.csv</a>).</p>\n");
        html.Append("<table id=\"event-table\">").Head("Bench time", "Kind", "Role", "Scenario", "Step", "Message", "Values");
        foreach (var e in results.Events)
        {
            html.Row(Time(e.BenchTime), E(Name(e.Kind)), E(e.Role), e.ScenarioId is { } id ? Link($"#{id}", id) : "run",
                e.StepIndex is { } step ? (step + 1).ToString(CultureInfo.InvariantCulture) : "", E(e.Message),
                E(string.Join("; ", e.Values.Select(v => $"{v.Key} = {v.Value}"))));
        }

        html.Append("</tbody></table>\n</section>\n");
    }

    private static void Artifacts(StringBuilder html, ReportModel model)
    {
        html.Append("<section id=\"artifacts\">\n<h2>Artifacts</h2>\n");
        if (model.Results.Attachments.Count > 0)
        {
            html.Append("<h3>Attachments</h3>\n<table>").Head("Name", "Media type", "Size", "Scenario", "Bench time");
            foreach (var a in model.Results.Attachments)
            {
                html.Row(Link(model.Files.Attachments[a.Sequence], a.Name), E(a.MediaType), $"{a.Content.Length:N0} B", E(a.ScenarioId ?? "run"), Time(a.BenchTime));
            }

            html.Append("</tbody></table>\n");
        }

        html.Append("<h3>SHA-256 manifest</h3>\n<p>Every file of the run folder when this report was rendered, with its SHA-256. <code>manifest.sha256</code> holds the same list plus this report; check it with <code>sha256sum -c manifest.sha256</code> in the run folder.</p>\n");
        html.Append("<table id=\"manifest\">").Head("File", "Bytes", "SHA-256");
        foreach (var entry in model.Manifest)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{Link(entry.Path, entry.Path)}</td><td class=\"num\">{entry.Size:N0}</td><td><code>{entry.Sha256}</code></td></tr>\n");
        }

        html.Append("</tbody></table>\n</section>\n");
    }

    /// <summary>A bench event kind as people say it.</summary>
    public static string Name(BenchEventKind kind) => kind switch
    {
        BenchEventKind.SingleEventUpset => "SEU",
        BenchEventKind.MultipleBitUpset => "MBU",
        BenchEventKind.SingleEventTransient => "SET",
        BenchEventKind.SingleEventFunctionalInterrupt => "SEFI",
        BenchEventKind.SingleEventLatchup => "SEL",
        BenchEventKind.InterlockTrip => "interlock trip",
        BenchEventKind.InstrumentFault => "instrument fault",
        BenchEventKind.RunAborted => "run aborted",
        BenchEventKind.HookFailed => "hook failed",
        BenchEventKind.SafeState => "safe state",
        BenchEventKind.RunResumed => "run resumed",
        BenchEventKind.Deviation => "deviation",
        BenchEventKind.Criteria => "criteria",
        _ => "note",
    };

    /// <summary>
    /// What the title says of the items tested: the one sample's serial, or how many samples were tested (their
    /// serials are listed in the document block); the DUT profile's serial only when no sample was recorded — a
    /// profile serial such as RH1-0042 is the base the numbered samples RH1-0042.1, .2, … are drawn from, not a
    /// part that was tested.
    /// </summary>
    internal static string TitleSerials(RunResults results)
    {
        var serials = TestArticleSection.Samples(results).Select(s => s.Serial).Distinct(StringComparer.Ordinal).ToList();
        return serials.Count switch
        {
            0 => results.Run.Info.Dut.SerialNumber is { } serial ? $", serial {serial}" : "",
            1 => $", serial {serials[0]}",
            _ => string.Create(CultureInfo.InvariantCulture, $", {serials.Count} samples"),
        };
    }
}
