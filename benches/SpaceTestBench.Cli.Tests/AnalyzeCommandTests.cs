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
            Assert.That(PrintedParameter.Find(output, "pre-irradiation value P0").Covers(SyntheticInputs.P0), output);
            Assert.That(PrintedParameter.Find(output, "drift exponent n").Covers(SyntheticInputs.Exponent), output);
            var failure = output.Split('\n').Single(l => l.StartsWith("failure dose:", StringComparison.Ordinal));
            var interval = failure.Split("95 %: ")[1].TrimEnd(')', '\r').Split(" … ").Select(s => double.Parse(s, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            Assert.That(SyntheticInputs.FailureDose, Is.InRange(interval[0], interval[1]), failure);
            Assert.That(output, Does.Contain("last dose step with every sample passing: 30 krad(Si); first with a sample failing: 50 krad(Si)"));
        });
    }

    [Test]
    public async Task Link_recovers_the_sensitivity_and_receiver_law_within_its_intervals()
    {
        var (exit, output) = await Spacebench.RunAsync("analyze", "link", "--input", SyntheticInputs.Link(_folder, seed: 8), "--target-ber", "1e-9");

        Assert.That(exit, Is.EqualTo(ExitCodes.Passed), output);
        Assert.That(PrintedParameter.Find(output, "sensitivity at BER 1E-9").Covers(SyntheticInputs.Sensitivity), output);
        Assert.That(PrintedParameter.Find(output, "exponent k (Q ∝ P^k)").Covers(1), output);
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
