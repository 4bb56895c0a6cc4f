using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using SpaceTestBench.Results.Recording;
using SpaceTestBench.Results.Store;
using static SpaceTestBench.Reports.Html.HtmlText;

namespace SpaceTestBench.Reports.Html;

/// <summary>
/// The test article (ISO/IEC 17025 §7.8.2.1 g and k; MIL-STD-883 TM 1019 §3.2): part number, manufacturer, lot and
/// date code, package and lid, the serial of each sample each scenario used (from the samples the DUT role
/// identified), and the control samples.
/// </summary>
internal static partial class TestArticleSection
{
    /// <summary>
    /// Each scenario's sample serials, in run order: from the sample events (a <c>sample</c> number and "serial X" in
    /// the message), and from the older "Sample X of …" / "Fresh sample X of …" notes of stores written before them.
    /// </summary>
    public static IReadOnlyList<(string ScenarioId, string Serial)> Samples(RunResults results) => results.Events
        .Where(e => e.Kind == BenchEventKind.Note && e.ScenarioId is not null)
        .Select(e => (e.ScenarioId!, Match: e.Values.ContainsKey(WellKnownConditions.Sample) ? NumberedSample().Match(e.Message) : SampleNote().Match(e.Message)))
        .Where(p => p.Match.Success)
        .Select(p => (p.Item1, p.Match.Groups[1].Value))
        .ToList();

    public static void Write(StringBuilder html, RunResults results)
    {
        var dut = results.Run.Info.Dut;
        var article = dut.TestArticle;
        string Or(string? value) => value ?? "not stated in the DUT profile";
        html.Append("<section id=\"test-article\">\n<h2>Test article</h2>\n<table class=\"facts\" id=\"test-article-facts\">\n")
            .Fact("Part", $"{dut.Name} (profile {dut.Id})")
            .Fact("Part number", Or(article?.PartNumber))
            .Fact("Manufacturer", Or(article?.Manufacturer))
            .Fact("Lot", Or(article?.Lot))
            .Fact("Date code", Or(article?.DateCode))
            .Fact("Package", Or(article?.Package))
            .Fact("Lid", article?.Delidded switch { true => "delidded (die exposed for heavy ions)", false => "lid on", null => "not stated in the DUT profile" })
            .Fact("Serial number (profile)", dut.SerialNumber ?? "not stated")
            .Fact("Control samples", article is { ControlSamples.Count: > 0 } a ? string.Join(", ", a.ControlSamples) + " (unirradiated, kept beside the irradiated samples)" : "none stated in the DUT profile")
            .Append("</table>\n");

        var samples = Samples(results);
        html.Append(CultureInfo.InvariantCulture, $"<h3>Samples</h3>\n<p>{samples.Select(s => s.Serial).Distinct(StringComparer.Ordinal).Count()} sample(s) identified by the DUT role; each destructive scenario mounts a fresh one.</p>\n");
        if (samples.Count == 0)
        {
            html.Append("<p id=\"no-samples\">No scenario recorded a sample's identity; the sample is the profile's serial number above.</p>\n</section>\n");
            return;
        }

        html.Append("<table id=\"samples\">").Head("Scenario", "Sample serial", "Scenario name");
        var names = results.Scenarios.ToDictionary(s => s.Info.ScenarioId, s => s.Info.Name, StringComparer.Ordinal);
        foreach (var (scenario, serial) in samples)
        {
            html.Row(Link($"#{scenario}", scenario), $"<span class=\"serial\">{E(serial)}</span>", E(names.GetValueOrDefault(scenario, "")));
        }

        html.Append("</tbody></table>\n</section>\n");
    }

    [GeneratedRegex(@"^(?:Fresh sample|Sample) (\S+) of ")]
    private static partial Regex SampleNote();

    [GeneratedRegex(@"\bserial (\S+) of ")]
    private static partial Regex NumberedSample();
}
