using Reqnroll;
using SpaceTestBench.Gherkin.Execution;
using SpaceTestBench.Gherkin.Tests.Support;

namespace SpaceTestBench.Gherkin.Tests.Execution;

/// <summary>
/// Arguments convert before a step runs: in a dry run too, so a value its parameter type refuses is found
/// without executing anything (this layer's dry run); and, on Reqnroll's runtime, a data table converts through a
/// table transformation.
/// </summary>
public sealed class ArgumentConversionTests
{
    private const string Feature = """
        Feature: Conversion
          Scenario: Good and bad voltages
            Given the rail is set to 5 volts
            And the rail is set to 5 amps
            And the rail is set to 7 volts
          Scenario: Table of settings
            Given the rails are set to:
              | rail | volts |
              | core | 1     |
              | io   | 3     |
          Scenario: Bad table
            Given the rails are set to:
              | rail | volts |
              | core | one   |
        """;

    [Test]
    public async Task A_dry_run_converts_every_argument_and_fails_the_steps_whose_arguments_do_not_convert_naming_file_line_and_text()
    {
        VoltageSteps.Calls = 0;

        var run = await FeatureRun.RunAsync(Feature, [typeof(VoltageSteps)], new TestRunnerOptions { DryRun = true });

        Assert.That(VoltageSteps.Calls, Is.Zero, "nothing executes");
        var steps = run["Good and bad voltages"].Steps;
        Assert.That(steps.Select(s => s.Status), Is.EqualTo(new[] { TestStatus.Skipped, TestStatus.Failed, TestStatus.Skipped }),
            "every step is converted, even after one failed");
        Assert.That(steps[1].Message, Does.Contain("test.feature:4").And.Contain("\"the rail is set to 5 amps\"").And.Contain("'amps' is not volts"));
        Assert.That(run["Table of settings"].Status, Is.EqualTo(TestStatus.Skipped));
        Assert.That(run["Bad table"].Steps[0].Message, Does.Contain("test.feature:12").And.Contain("'one' is not a number of volts"));
    }

    [Test]
    public async Task A_table_transformation_gives_the_binding_its_typed_table()
    {
        VoltageSteps.Calls = 0;

        var run = await ReqnrollFeatureRun.RunAsync(Feature, typeof(VoltageSteps));

        Assert.That(run["Table of settings"].Result?.Status, Is.EqualTo(TestStatus.Passed), run["Table of settings"].Result?.Error?.ToString());
        Assert.That(VoltageSteps.LastSettings, Is.EqualTo(new[] { ("core", 1.0), ("io", 3.0) }));
        Assert.That(run["Good and bad voltages"].Steps.Select(s => s.Status), Is.EqualTo(new[]
        {
            Reqnroll.ScenarioExecutionStatus.OK, Reqnroll.ScenarioExecutionStatus.TestError, Reqnroll.ScenarioExecutionStatus.Skipped,
        }));
        Assert.That(run["Good and bad voltages"].Steps[1].Error?.ToString(), Does.Contain("'amps' is not volts"));
        Assert.That(run["Bad table"].Result?.Status, Is.EqualTo(TestStatus.Failed));
    }

    public sealed record RailSettings(IReadOnlyList<(string Rail, double Volts)> Rows);

    [Binding]
    public sealed class VoltageSteps
    {
        public static int Calls { get; set; }

        public static IReadOnlyList<(string, double)> LastSettings { get; set; } = [];

        // One capture group: Reqnroll passes a transformation its regex's groups (this layer passes group 1).
        [StepArgumentTransformation(@"(\d+ \w+)", Name = "volts")]
        public static double ToVolts(string text)
        {
            var parts = text.Split(' ');
            return parts[1] == "volts"
                ? double.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture)
                : throw new FormatException($"'{parts[1]}' is not volts.");
        }

        [StepArgumentTransformation]
        public static RailSettings ToSettings(DataTable table) => new(table.Rows.Select(r =>
            (r["rail"], double.TryParse(r["volts"], System.Globalization.CultureInfo.InvariantCulture, out var v)
                ? v
                : throw new FormatException($"'{r["volts"]}' is not a number of volts."))).ToList());

        [Given("the rail is set to {volts}")]
        public static void Set(double volts) => Calls += volts > 0 ? 1 : 0;

        [Given("the rails are set to:")]
        public static void SetAll(RailSettings settings)
        {
            Calls++;
            LastSettings = settings.Rows;
        }
    }
}
