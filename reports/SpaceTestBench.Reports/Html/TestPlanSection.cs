using System.Globalization;
using System.Text;
using SpaceTestBench.Results.Store;
using static SpaceTestBench.Reports.Html.HtmlText;

namespace SpaceTestBench.Reports.Html;

/// <summary>
/// The test plan and procedures (ISO/IEC 17025 §7.8.2.1 f): each feature file the run followed, identified by its
/// SHA-256 and its copy in the run folder, with the clauses its scenarios verify.
/// </summary>
internal static class TestPlanSection
{
    public static void Write(StringBuilder html, RunResults results)
    {
        var info = results.Run.Info;
        html.Append("<section id=\"test-plan\">\n<h2>Test plan and procedures</h2>\n")
            .Append("<p>The procedures are the feature files below, run as written; the copy of each in the run folder is the one the run read. ")
            .Append(E($"Scenarios selected by the tag expression {info.Properties.GetValueOrDefault("Tag expression", "(not recorded)")}; sample plan as stated by each scenario (see Test article)."))
            .Append("</p>\n<table id=\"procedures\">").Head("Feature file", "SHA-256", "Feature", "Scenarios run", "Clauses followed");
        var byUri = results.Features.ToDictionary(f => f.Uri, StringComparer.Ordinal);
        var uris = info.Procedures.Select(p => p.Uri).Concat(results.Features.Select(f => f.Uri)).Distinct(StringComparer.Ordinal);
        foreach (var uri in uris)
        {
            var procedure = info.Procedures.FirstOrDefault(p => p.Uri == uri);
            byUri.TryGetValue(uri, out var feature);
            var clauses = feature?.Scenarios.SelectMany(s => s.Info.Clauses).Distinct().Select(c => c.ToString()).ToList() ?? [];
            html.Row(
                procedure is null ? E(uri) : Link(procedure.Copy, uri),
                procedure is null ? "not recorded (run recorded before feature files were hashed)" : $"<code>{procedure.Sha256}</code>",
                E(feature?.Name ?? "no scenario selected"),
                (feature?.Scenarios.Count ?? 0).ToString(CultureInfo.InvariantCulture),
                E(clauses.Count == 0 ? "none tagged" : string.Join("; ", clauses)));
        }

        html.Append("</tbody></table>\n</section>\n");
    }
}
