using System.Globalization;
using System.Text;
using SpaceTestBench.Results.Store;
using static SpaceTestBench.Reports.Html.HtmlText;

namespace SpaceTestBench.Reports.Html;

/// <summary>What makes the run reproducible: times, bench instruments with identity and calibration, DUT profile, software.</summary>
internal static class ProvenanceSection
{
    public static void Write(StringBuilder html, RunResults results)
    {
        var run = results.Run;
        var info = run.Info;
        html.Append("<section id=\"provenance\">\n<h2>Bench, DUT and software</h2>\n<h3>Run</h3>\n<table class=\"facts\" id=\"run-facts\">\n")
            .Fact("Run", info.RunId)
            .Fact("Operator", info.Operator)
            .Fact("Bench", $"{info.Bench.Name} ({info.Bench.File})")
            .Fact("Clock", info.Bench.Clock)
            .Fact("Started", $"{Time(info.StartedWall)} wall clock; {Time(run.StartedBench)} bench time")
            .Fact("Finished", run.FinishedWall is { } end ? $"{Time(end)} wall clock; {Time(run.FinishedBench!.Value)} bench time" : "not recorded: the run was interrupted")
            .Fact("Recorded verdict", run.RecordedVerdict?.ToString() ?? "none");
        foreach (var property in info.Properties.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            html.Fact(property.Key, property.Value);
        }

        html.Append("</table>\n");

        var runDate = DateOnly.FromDateTime(info.StartedWall.UtcDateTime);
        html.Append("<h3>Bench instruments</h3>\n<table id=\"instruments\">").Head("Id", "Roles", "Model", "Identity (*IDN?)", "Serial", "Resource", "Calibration due");
        foreach (var instrument in info.Bench.Instruments)
        {
            var calibration = instrument.CalibrationDue is { } due
                ? instrument.CalibrationExpiredOn(runDate)
                    ? $"<span class=\"expired\">{due:yyyy-MM-dd} — EXPIRED on the run date</span>"
                    : E(due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
                : "<span class=\"expired\">not recorded</span>";
            html.Row(E(instrument.Id), E(string.Join(", ", instrument.Roles)), E(instrument.Model), E(instrument.Identity), E(instrument.SerialNumber ?? ""),
                E(instrument.Resource) + (instrument.Simulated ? " <span class=\"note\">(simulator)</span>" : ""), calibration);
        }

        html.Append("</tbody></table>\n");

        var dut = info.Dut;
        html.Append("<h3>Device under test</h3>\n<table class=\"facts\" id=\"dut\">\n")
            .Fact("Name", dut.Name)
            .Fact("Profile id", dut.Id)
            .Fact("Serial number", dut.SerialNumber ?? "not recorded")
            .Fact("Profile file", dut.File);
        if (dut.Description is { } description)
        {
            html.Fact("Description", description);
        }

        foreach (var (name, value) in dut.Characteristics)
        {
            html.Fact(name, value);
        }

        html.Append("</table>\n");
        if (dut.ProfileText is { } text)
        {
            html.Append("<details><summary>DUT profile as used by the run</summary>\n<pre>").Append(E(text)).Append("</pre>\n</details>\n");
        }

        html.Append("<h3>Software</h3>\n<table id=\"software\">").Head("Component", "Version");
        html.Row("SpaceTestBench", E(info.Software.Version + (info.Software.Commit is { } commit ? $" (commit {commit})" : "")));
        foreach (var (name, version) in info.Software.Components)
        {
            html.Row(E(name), E(version));
        }

        html.Append("</tbody></table>\n</section>\n");
    }
}
