using System.Text;
using SpaceTestBench.Cli.Tests.Support;

namespace SpaceTestBench.Cli.Tests;

public class AnalyzeCommandTests
{
    private string _folder = null!;

    [SetUp]
    public void NewFolder() => _folder = Spacebench.NewFolder();

    [Test]
    public async Task See_recovers_the_Weibull_parameters_of_synthetic_exposures_within_its_intervals()
    {
        var (exit, output) = await Spacebench.RunAsync("analyze", "see", "--input", SyntheticInputs.See(_folder, seed: 4));

        Assert.That(exit, Is.EqualTo(ExitCodes.Passed), output);
        Assert.Multiple(() =>
        {
            Assert.That(PrintedParameter.Find(output, "saturated cross-section σsat").Covers(SyntheticInputs.Saturated), output);
            Assert.That(PrintedParameter.Find(output, "onset LET L0").Covers(SyntheticInputs.Threshold), output);
            Assert.That(PrintedParameter.Find(output, "width W").Covers(SyntheticInputs.Width), output);
            Assert.That(PrintedParameter.Find(output, "shape s").Covers(SyntheticInputs.Shape), output);
            Assert.That(output, Does.Contain("< 1.23E-07"), "the zero-event bound 3.69/Φ at LET 1");
        });
    }

    [Test]
    public async Task Tid_recovers_the_drift_law_and_failure_dose_within_its_intervals()
    {
        var (exit, output) = await Spacebench.RunAsync("analyze", "tid", "--input", SyntheticInputs.Tid(_folder, seed: 2), "--lower-limit", "150 mA", "--upper-limit", "0.45 A");

        Assert.That(exit, Is.EqualTo(ExitCodes.Passed), output);
        Assert.Multiple(() =>
        {
            Assert.That(output, Does.Contain("│ power law").And.Contain("│ chosen"), output);
            Assert.That(PrintedParameter.Find(output, "pre-irradiation value P0 (fitted)").Covers(SyntheticInputs.P0), output);
            Assert.That(PrintedParameter.Find(output, "drift exponent n").Covers(SyntheticInputs.Exponent), output);
            var failure = output.Split('\n').Single(l => l.StartsWith("failure dose:", StringComparison.Ordinal));
            var interval = failure.Split("95 %: ")[1].Split(')')[0].Split(" … ").Select(s => double.Parse(s, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            Assert.That(SyntheticInputs.FailureDose, Is.InRange(interval[0], interval[1]), failure);
            Assert.That(failure, Does.Contain("within the dose tested"));
            Assert.That(output, Does.Contain("last dose step with every value passing: 30 krad(Si); first with a value failing: 50 krad(Si)"));
            Assert.That(output, Does.Contain("pre-irradiation value (measured, D = 0):"));
            Assert.That(output, Does.Contain("still outside after anneal: 800 mA after 24 h of anneal is outside the limit: Fail."));
        });
    }

    [Test]
    public async Task Tid_on_flat_noisy_data_says_there_is_no_significant_drift_and_gives_no_failure_dose()
    {
        var (exit, output) = await Spacebench.RunAsync("analyze", "tid", "--input", SyntheticInputs.FlatTid(_folder, seed: 3), "--upper-limit", "303 mA");

        Assert.That(exit, Is.EqualTo(ExitCodes.Passed), output);
        Assert.That(output, Does.Contain("no significant drift: no drift law and no failure dose."));
        Assert.That(output, Does.Contain("failure dose: no significant drift: no failure dose"));
        Assert.That(output, Does.Not.Contain("│ pre-irradiation value P0"));
    }

    [Test]
    public async Task Tid_says_a_failure_dose_beyond_twice_the_tested_range_is_beyond_it_instead_of_a_number()
    {
        // 300 mA + 0.8 mA/krad(Si) reaches 700 mA at 500 krad(Si): beyond 2 × 150 krad(Si).
        var (exit, output) = await Spacebench.RunAsync("analyze", "tid", "--input", SyntheticInputs.LinearTid(_folder, seed: 4), "--upper-limit", "700 mA");

        Assert.That(exit, Is.EqualTo(ExitCodes.Passed), output);
        Assert.That(output, Does.Contain("core supply current, sample 1").And.Contain("core supply current, sample 2"), "one analysis per sample, never pooled");
        Assert.That(output.Split('\n').Count(l => l == "failure dose: beyond 2× the highest dose tested (150 krad(Si)): not stated"), Is.EqualTo(2), output);
    }

    [TestCase("OOK")]
    [TestCase("DPSK")]
    [TestCase("BPSK")]
    [TestCase("PPM")]
    public async Task Link_fits_the_law_of_the_receiver_it_is_told_and_recovers_its_sensitivity(string modulation)
    {
        var (exit, output) = await Spacebench.RunAsync("analyze", "link", "--input", SyntheticInputs.Link(_folder, 5, modulation), "--target-ber", "1e-9", "--power-uncertainty", "0.2 dB");

        Assert.That(exit, Is.EqualTo(ExitCodes.Passed), output);
        var sensitivity = PrintedParameter.Find(output, "sensitivity at BER 1E-9");
        Assert.Multiple(() =>
        {
            Assert.That(sensitivity.Covers(SyntheticInputs.SensitivityOf(modulation, 1e-9)), output);
            Assert.That(sensitivity.StandardError, Is.GreaterThanOrEqualTo(0.2), "the power meter's 0.2 dB is in the interval");
            Assert.That(output, Does.Contain("power meter ±0.2 dB (k = 1) in quadrature"));
            Assert.That(output, Does.Contain("receiver law: " + (modulation == "BPSK" ? "BPSK (homodyne)" : modulation)));
        });
    }

    [Test]
    public async Task Link_without_a_modulation_says_how_it_chose_the_law()
    {
        var (exit, output) = await Spacebench.RunAsync("analyze", "link", "--input", SyntheticInputs.Link(_folder, 6, "DPSK", withColumn: false));

        Assert.That(exit, Is.EqualTo(ExitCodes.Passed), output);
        Assert.That(output, Does.Contain("receiver law: DPSK").And.Contain("no --modulation given: the law with the lowest deviance"));
    }

    [Test]
    public async Task Link_recovers_the_sensitivity_and_receiver_law_within_its_intervals()
    {
        var (exit, output) = await Spacebench.RunAsync("analyze", "link", "--input", SyntheticInputs.Link(_folder, seed: 8), "--target-ber", "1e-9", "--modulation", "OOK");

        Assert.That(exit, Is.EqualTo(ExitCodes.Passed), output);
        Assert.That(PrintedParameter.Find(output, "sensitivity at BER 1E-9").Covers(SyntheticInputs.Sensitivity), output);
        Assert.That(PrintedParameter.Find(output, "exponent k (Q ∝ P^k)").Covers(1), output);
    }

    [Test]
    public async Task A_garbage_csv_is_a_usage_error_naming_file_line_and_column()
    {
        var file = Path.Combine(_folder, "garbage.csv");
        File.WriteAllBytes(file, "LET [MeV·cm²/mg],fluence [ions/cm²],events\n10,1e7,\"3\n"u8.ToArray());

        var (exit, output) = await Spacebench.RunAsync("analyze", "see", "--input", file);

        Assert.That(exit, Is.EqualTo(ExitCodes.UsageError));
        Assert.That(output, Does.Contain($"{file}:2:3: a quoted field (from character 8) is not closed on its line"));
        Assert.That(output, Does.Not.Contain("BadDataFound"));
    }

    [Test]
    public async Task A_stray_quote_is_a_usage_error_naming_its_column()
    {
        var file = SyntheticInputs.Write(_folder, "quote.csv", new StringBuilder("LET [MeV·cm²/mg],fluence [ions/cm²],events\n10,1e\"7,3\n"));

        var (exit, output) = await Spacebench.RunAsync("analyze", "see", "--input", file);

        Assert.That(exit, Is.EqualTo(ExitCodes.UsageError));
        Assert.That(output, Does.Contain($"{file}:2:2: a '\"' inside an unquoted field (character 6)"));
    }

    [Test]
    public async Task Binary_bytes_are_a_usage_error_saying_the_file_is_not_utf8_text()
    {
        var file = Path.Combine(_folder, "binary.csv");
        File.WriteAllBytes(file, [0x4C, 0x45, 0x54, 0x0A, 0xFF, 0xFE, 0x00, 0x81, 0x0A]);

        var (exit, output) = await Spacebench.RunAsync("analyze", "see", "--input", file);

        Assert.That(exit, Is.EqualTo(ExitCodes.UsageError), output);
        Assert.That(output, Does.Contain(file + ":"));
        Assert.That(output, Does.Contain("not UTF-8 text").Or.Contain("control character"));
    }

    [TestCase("see")]
    [TestCase("tid")]
    [TestCase("link")]
    [TestCase("thermal")]
    public async Task No_markup_leaks_into_the_output(string verb)
    {
        var (_, output) = await Spacebench.RunAsync("analyze", verb, "--input", Path.Combine(Spacebench.Root, "fixtures", "analysis", verb + ".csv"));

        Assert.That(output, Does.Not.Match(@"\[/?(red|yellow|green|bold)[^\]]*\]"));
    }

    [Test]
    public async Task Two_hundred_thousand_rows_are_analysed_and_not_all_printed()
    {
        // 200,000 exposures at 20 LETs (10,000 runs each): pooled per LET for the fit, the deviance over all of them.
        var random = new Random(12);
        var csv = new StringBuilder("LET [MeV·cm²/mg],fluence [ions/cm²],events\n");
        var lets = new[] { 1.0, 2, 3, 4, 5, 6, 8, 10, 12, 15, 18, 21, 25, 30, 35, 40, 45, 55, 65, 75 };
        for (var i = 0; i < 200_000; i++)
        {
            var let = lets[i % lets.Length];
            var sigma = let <= SyntheticInputs.Threshold ? 0 : SyntheticInputs.Saturated * -MathNet.Numerics.SpecialFunctions.Expm1(-Math.Pow((let - SyntheticInputs.Threshold) / SyntheticInputs.Width, SyntheticInputs.Shape));
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"{let},1e5,{(sigma > 0 ? MathNet.Numerics.Distributions.Poisson.Sample(random, 1e5 * sigma) : 0)}\n");
        }

        var (exit, output) = await Spacebench.RunAsync("analyze", "see", "--input", SyntheticInputs.Write(_folder, "large.csv", csv));

        Assert.That(exit, Is.EqualTo(ExitCodes.Passed), output);
        Assert.That(output, Does.Contain("… 199,960 more rows (analysed, not shown)"));
        Assert.That(PrintedParameter.Find(output, "saturated cross-section σsat").Covers(SyntheticInputs.Saturated), output);
    }

    [TestCase("see")]
    [TestCase("tid")]
    [TestCase("link")]
    [TestCase("thermal")]
    public async Task The_documented_example_inputs_analyse(string verb)
    {
        var (exit, output) = await Spacebench.RunAsync("analyze", verb, "--input", Path.Combine(Spacebench.Root, "fixtures", "analysis", verb + ".csv"));

        Assert.That(exit, Is.EqualTo(ExitCodes.Passed), output);
    }

    [Test]
    public async Task Thermal_judges_each_plateau()
    {
        var (exit, output) = await Spacebench.RunAsync("analyze", "thermal", "--input", Path.Combine(Spacebench.Root, "fixtures", "analysis", "thermal.csv"), "--dwell", "40 min");

        Assert.That(exit, Is.EqualTo(ExitCodes.Passed), output);
        Assert.That(output, Does.Contain("│ -55 °C").And.Contain("dwell required is 40 min").And.Contain("verdict over the judged plateaus: Fail"));
    }

    [TestCase("see")]
    [TestCase("tid")]
    [TestCase("link")]
    [TestCase("thermal")]
    public async Task Every_verb_has_help(string verb)
    {
        var (exit, output) = await Spacebench.RunAsync("analyze", verb, "--help");

        Assert.That(exit, Is.EqualTo(0));
        Assert.That(output, Does.Contain("--input").And.Contain("Columns:"));
    }

    [Test]
    public async Task A_missing_column_is_a_usage_error_naming_the_file_and_the_column_to_add()
    {
        var file = SyntheticInputs.Write(_folder, "bad.csv", new StringBuilder("LET [MeV·cm²/mg],events\n10,3\n"));

        var (exit, output) = await Spacebench.RunAsync("analyze", "see", "--input", file);

        Assert.That(exit, Is.EqualTo(ExitCodes.UsageError));
        Assert.That(output, Does.Contain($"{file}:1: there is no column 'fluence'; add one such as 'fluence [ions/cm²]'"));
    }

    [Test]
    public async Task A_bad_number_is_a_usage_error_naming_file_line_and_column()
    {
        var file = SyntheticInputs.Write(_folder, "bad.csv", new StringBuilder("# comment\nLET [MeV·cm²/mg],fluence [ions/cm²],events\n10,1e7,3\n20,1e7,three\n"));

        var (exit, output) = await Spacebench.RunAsync("analyze", "see", "--input", file);

        Assert.That(exit, Is.EqualTo(ExitCodes.UsageError));
        Assert.That(output, Does.Contain($"{file}:4:3: 'three' in column 'events' is not a number."));
    }

    [TestCase("LET [furlong]", "the unit of 'LET [furlong]' is not understood")]
    [TestCase("LET [mV]", "'LET [mV]' is a voltage; LET is a linear energy transfer.")]
    [TestCase("LET", "'LET' has no unit")]
    public async Task A_header_with_the_wrong_unit_is_a_usage_error_naming_its_column(string header, string message)
    {
        var file = SyntheticInputs.Write(_folder, "bad.csv", new StringBuilder($"fluence [ions/cm²],{header},events\n1e7,10,3\n"));

        var (exit, output) = await Spacebench.RunAsync("analyze", "see", "--input", file);

        Assert.That(exit, Is.EqualTo(ExitCodes.UsageError));
        Assert.That(output, Does.Contain($"{file}:1:2: {message}"));
    }

    [Test]
    public async Task A_limit_of_the_wrong_dimension_is_a_usage_error()
    {
        var (exit, output) = await Spacebench.RunAsync("analyze", "tid", "--input", SyntheticInputs.Tid(_folder, 1), "--upper-limit", "2 V");

        Assert.That(exit, Is.EqualTo(ExitCodes.UsageError));
        Assert.That(output, Does.Contain("the limit 2 V is a voltage, but 'DUT supply current [mA]' is a current"));
    }

    [Test]
    public async Task A_missing_or_absent_input_file_is_a_usage_error()
    {
        Assert.That((await Spacebench.RunAsync("analyze", "see")).ExitCode, Is.EqualTo(ExitCodes.UsageError));
        var (exit, output) = await Spacebench.RunAsync("analyze", "see", "--input", Path.Combine(_folder, "none.csv"));
        Assert.That(exit, Is.EqualTo(ExitCodes.UsageError));
        Assert.That(output, Does.Contain("none.csv"));
    }

    [Test]
    public async Task Data_that_cannot_support_the_fit_exit_1_with_the_reason()
    {
        var file = SyntheticInputs.Write(_folder, "few.csv", new StringBuilder("LET [MeV·cm²/mg],fluence [ions/cm²],events\n10,1e7,3\n20,1e7,5\n"));

        var (exit, output) = await Spacebench.RunAsync("analyze", "see", "--input", file);

        Assert.That(exit, Is.EqualTo(ExitCodes.Failed));
        Assert.That(output, Does.Contain("needs at least 5 exposures"));
    }
}
