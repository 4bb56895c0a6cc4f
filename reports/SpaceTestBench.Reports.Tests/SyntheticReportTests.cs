using System.Text.RegularExpressions;
using System.Xml.Linq;
using SpaceTestBench.Reports.Manifest;
using SpaceTestBench.Reports.Tests.Support;
using SpaceTestBench.Results;
using SpaceTestBench.Results.Store;
using SpaceTestBench.Testing;

namespace SpaceTestBench.Reports.Tests;

/// <summary>The report of a synthetic campaign holding every kind of data: everything the issue asks the report to show.</summary>
public class SyntheticReportTests
{
    private string _folder = null!;
    private RenderedReport _rendered = null!;
    private string _html = null!;
    private RunResults _results = null!;

    [OneTimeSetUp]
    public void RenderCampaign()
    {
        _folder = TestRepository.ScratchFolder("report");
        SyntheticCampaign.Write(_folder);
        _rendered = ReportRenderer.Render(_folder);
        _html = File.ReadAllText(_rendered.Report);
        _results = ResultStoreReader.Read(_folder);
        TestContext.Out.WriteLine($"Report: {_rendered.Report}");
    }

    [Test]
    public void States_the_overall_verdict_as_the_most_severe()
    {
        Assert.That(_rendered.Verdict, Is.EqualTo(Verdict.Fail));
        Assert.That(_html, Does.Contain("<span id=\"overall-verdict\" class=\"verdict fail\">Fail</span>"));
    }

    [TestCase("MIL-STD-883-TM1019", Verdict.Fail)]
    [TestCase("ESCC-25100", Verdict.Fail)]
    [TestCase("JESD57", Verdict.Pass)]
    [TestCase("MIL-STD-883-TM1010", Verdict.Pass)]
    [TestCase("CCSDS-141.0-B-1", Verdict.Pass)]
    [TestCase("ECSS-E-ST-20C", Verdict.Pass)]
    public void Gives_a_verdict_per_standard_clause(string clause, Verdict verdict)
    {
        var table = Section("clause-table");
        Assert.That(table, Does.Match($"<td>{Regex.Escape(clause)}</td><td><span class=\"verdict {verdict.ToString().ToLowerInvariant()}\">{verdict}</span>"));
    }

    [Test]
    public void Gives_a_verdict_per_scenario_with_the_failing_measurement_and_its_limit()
    {
        var table = Section("verdict-table");
        Assert.That(Regex.Count(table, "<tr class="), Is.EqualTo(_results.Scenarios.Count));
        Assert.That(table, Does.Contain("DUT supply current = ").And.Contain("outside 150 mA ≤ x ≤ 450 mA"));
        Assert.That(table, Does.Contain("SEL events = 3 outside x ≤ 0"));
    }

    [TestCase("tid-drift-s0004-dut-supply-current")]
    [TestCase("cross-section-seu-events")]
    [TestCase("latch-up-trace-s0006-1")]
    [TestCase("latch-up-events-s0006-1")]
    [TestCase("temperature-profile-s0007")]
    [TestCase("ber-bit-errors")]
    [TestCase("inference-errors-resnet-50-top-1-mismatches")]
    [TestCase("dut-supply-current-vs-dut-supply-voltage")]
    [TestCase("core-current-vs-elapsed")]
    public void Draws_each_kind_of_plot_its_data_call_for_as_PNG_and_SVG_and_embeds_it(string id)
    {
        var png = Path.Combine(_folder, "plots", id + ".png");
        var svg = Path.Combine(_folder, "plots", id + ".svg");

        Assert.That(File.ReadAllBytes(png).Take(8), Is.EqualTo(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }));
        Assert.That(XDocument.Load(svg).Root!.Name.LocalName, Is.EqualTo("svg"));
        Assert.That(_html, Does.Contain($"<figure id=\"plot-{id}\" class=\"plot\">\n<img alt=").And.Contain("src=\"data:image/svg+xml;base64,"));
    }

    [Test]
    public void Shows_measurement_tables_with_values_units_and_limits()
    {
        var scenarios = Section("scenarios");
        Assert.That(scenarios, Does.Match(@"<td>DUT supply current</td><td class=""num"">[0-9.]+</td><td>mA</td><td>150 mA ≤ x ≤ 450 mA</td><td class=""num"">150</td><td class=""num"">450</td>"));
        Assert.That(Regex.Count(scenarios, "<tr class=\"(pass|fail|notset)\"><td>\\d+</td>"), Is.EqualTo(_results.Measurements.Count));
    }

    [Test]
    public void Shows_the_analyses_with_fitted_parameters_and_their_uncertainties()
    {
        Assert.That(Section("tid"), Does.Contain("failure dose = ").And.Contain("last dose step with every value passing").And.Contain("168 h").And.Contain("power law"));
        Assert.That(Section("see"), Does.Contain("saturated cross-section σsat").And.Contain("onset LET L0").And.Contain("Latch-up"));
        Assert.That(Section("thermal"), Does.Contain("-55 °C").And.Contain("125 °C"));
        Assert.That(Section("link"), Does.Contain("Receiver sensitivity at BER 1E-9: <b>sensitivity at BER 1E-9 = -30"));
        Assert.That(Section("payload"), Does.Contain("protons/cm²"));
    }

    [Test]
    public void Every_interval_in_the_analyses_states_its_convention()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Section("see"), Does.Contain("Interval: two-sided 95 % (Garwood), counting only (no fluence uncertainty stated)"));
            Assert.That(Section("see"), Does.Contain("two-sided 95 % profile-likelihood intervals"));
            Assert.That(Section("tid"), Does.Contain("Student t").And.Contain("F-test of the"));
            Assert.That(Section("link"), Does.Contain("Interval: two-sided 95 % (Garwood)").And.Contain("two-sided 95 % (normal, delta method)"));
            Assert.That(Section("payload"), Does.Contain("Errors counted").And.Contain("two-sided 95 % (Garwood)"));
            Assert.That(Section("thermal"), Does.Contain("Criteria (").And.Contain("95 % half-width"));
        });
    }

    [Test]
    public void Lists_bench_instruments_with_identity_and_calibration_judged_at_each_use_flagging_expired_and_unknown()
    {
        var instruments = Section("instruments");
        Assert.That(instruments, Does.Contain("Keysight Technologies E36312A (serial MY61000101, firmware 2.1)").And.Contain("2027-06-30"));
        Assert.That(instruments, Does.Contain("<td>2027-06-30</td><td>in calibration at every use ("), "the supply is judged at its uses");
        Assert.That(instruments, Does.Contain("<td>2025-12-31</td><td>not used by this run</td>"), "the SMU lapsed, but no role it plays measured anything");
        Assert.That(instruments, Does.Contain("<td>NOT RECORDED</td><td><span class=\"expired\">NO CALIBRATION RECORD: used "), "the chamber has no record");
        Assert.That(Section("deviation-log"), Does.Contain("equipment without calibration record").And.Contain("chamber (Watlow F4T) was used"));
    }

    [Test]
    public void Shows_the_DUT_profile_and_software_versions()
    {
        Assert.That(Section("dut"), Does.Contain("RH1-0042").And.Contain("150 mA ≤ x ≤ 450 mA"));
        Assert.That(Section("software"), Does.Contain("0.1.0 (commit synthetic)").And.Contain(".NET runtime"));
    }

    [Test]
    public void Lists_every_artifact_with_its_SHA_256_and_the_hashes_are_true()
    {
        var manifest = Section("manifest");
        var files = Directory.EnumerateFiles(_folder, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(_folder, f))
            .Where(f => f is not "report.html" and not "manifest.sha256" and not "revisions/r1/report.html")
            .ToList();
        Assert.That(files, Is.Not.Empty);
        foreach (var file in files)
        {
            Assert.That(manifest, Does.Contain($"<code>{ArtifactManifest.Hash(Path.Combine(_folder, file))}</code>"), file);
        }

        foreach (var line in File.ReadAllLines(_rendered.Manifest))
        {
            var (hash, path) = (line[..64], line[66..]);
            Assert.That(ArtifactManifest.Hash(Path.Combine(_folder, path)), Is.EqualTo(hash), path);
        }

        Assert.That(File.ReadAllText(_rendered.Manifest), Does.Contain("  report.html"));
    }

    [Test]
    public void Works_offline_with_no_external_urls_and_no_scripts()
    {
        var outsideDataUris = Regex.Replace(_html, "data:image/svg\\+xml;base64,[A-Za-z0-9+/=]+", "");
        Assert.That(outsideDataUris, Does.Not.Contain("http://").And.Not.Contain("https://").And.Not.Contain("<script").And.Not.Contain("<link"));
    }

    [Test]
    public void Writes_a_CSV_per_measurement_table_and_per_series_with_units_in_the_headers()
    {
        Assert.That(File.ReadAllLines(Path.Combine(_folder, "results.csv")).Length, Is.EqualTo(_results.Measurements.Count + 1));
        foreach (var scenario in _results.Scenarios.Where(s => s.Measurements.Count > 0))
        {
            Assert.That(File.ReadAllLines(Path.Combine(_folder, "tables", scenario.Info.ScenarioId + ".csv")).Length, Is.EqualTo(scenario.Measurements.Count + 1));
        }

        var series = Directory.GetFiles(Path.Combine(_folder, "series"));
        Assert.That(series, Has.Length.EqualTo(_results.Series.Count));
        var trace = File.ReadAllLines(series.Single(f => f.EndsWith("dut-supply-current.csv", StringComparison.Ordinal)));
        Assert.That(trace[0], Does.StartWith("time [s since 2026-").And.EndWith(",DUT supply current [mA]"));
        Assert.That(trace.Length - 1, Is.EqualTo(_results.Series.Single(s => s.Info.Name == "DUT supply current").Count));
        Assert.That(File.ReadAllText(Path.Combine(_folder, "results.csv")), Does.StartWith("Feature,Scenario,ScenarioId,Step,BenchTime,Measurement,Value,Unit,ValueSi,Comparison,LowerLimit,UpperLimit,Limit,Verdict"));
    }

    [Test]
    public void A_scenario_table_holds_the_header_and_the_very_rows_results_csv_holds_for_its_measurements()
    {
        // The rows are formatted once and written to both files: a table must be results.csv's header and its scenario's
        // rows, in recording order, byte for byte (CRLF line ends, quoting and all).
        var all = File.ReadAllText(Path.Combine(_folder, "results.csv")).Split("\r\n");
        var measurements = _results.Measurements.ToList();
        foreach (var scenario in _results.Scenarios.Where(s => s.Measurements.Count > 0))
        {
            var expected = new[] { all[0] }
                .Concat(scenario.Measurements.Select(m => all[1 + measurements.IndexOf(m)]))
                .Append("");
            Assert.That(File.ReadAllText(Path.Combine(_folder, "tables", scenario.Info.ScenarioId + ".csv")), Is.EqualTo(string.Join("\r\n", expected)));
        }
    }

    [Test]
    public void Writes_JUnit_XML_for_CI_with_failures_and_their_reasons()
    {
        var junit = XDocument.Load(_rendered.Junit).Root!;

        Assert.That((int)junit.Attribute("tests")!, Is.EqualTo(_results.Scenarios.Count));
        Assert.That((int)junit.Attribute("failures")!, Is.EqualTo(2));
        var failure = junit.Descendants("failure").First();
        Assert.That(failure.Value, Does.Contain("outside 150 mA ≤ x ≤ 450 mA"));
    }

    [Test]
    public void Extracts_attachments_and_links_them()
    {
        var attachment = Directory.GetFiles(Path.Combine(_folder, "attachments")).Single();
        Assert.That(File.ReadAllText(attachment), Does.StartWith("boot ok"));
        Assert.That(_html, Does.Contain($"href=\"attachments/{Path.GetFileName(attachment)}\""));
    }

    private string Section(string id)
    {
        var start = _html.IndexOf($"id=\"{id}\"", StringComparison.Ordinal);
        Assert.That(start, Is.GreaterThan(0), $"the report has an element with id {id}");
        var end = _html.IndexOf("</section>", start, StringComparison.Ordinal);
        var table = _html.IndexOf("</table>", start, StringComparison.Ordinal);
        return _html[start..(id.EndsWith("table", StringComparison.Ordinal) || id is "instruments" or "dut" or "software" or "manifest" ? table : end)];
    }
}
