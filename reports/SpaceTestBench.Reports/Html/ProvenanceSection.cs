using System.Globalization;
using System.Text;
using SpaceTestBench.Results.Store;
using static SpaceTestBench.Reports.Html.HtmlText;

namespace SpaceTestBench.Reports.Html;

/// <summary>What makes the run reproducible: times, the inputs as run (with their hashes), DUT profile, software.</summary>
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
            .Fact("Bench file as run", info.Bench.Copy is { } copy ? $"{copy} (SHA-256 {info.Bench.Sha256})" : "not kept (recorded before runs kept their inputs)")
            .Fact("DUT profile as run", info.Dut.Copy is { } dutCopy ? $"{dutCopy} (SHA-256 {info.Dut.Sha256})" : "not kept")
            .Fact("Calibration snapshot", info.CalibrationSnapshot ?? "not kept")
            .Fact("Clock", info.Bench.Clock)
            .Fact("Started", $"{Time(info.StartedWall)} wall clock; {Time(run.StartedBench)} bench time")
            .Fact("Finished", run.FinishedWall is { } end ? $"{Time(end)} wall clock; {Time(run.FinishedBench!.Value)} bench time" : "not recorded: the run was interrupted")
            .Fact("Recorded verdict", run.RecordedVerdict?.ToString() ?? "none");
        foreach (var property in info.Properties.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            html.Fact(property.Key, property.Value);
        }

        html.Append("</table>\n");

        html.Append("<p>Bench instruments, their identity and calibration at each use: see <a href=\"#equipment\">Equipment and calibration</a>.</p>\n");

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
