using System.Text;
using SpaceTestBench.Cli.Tests.Support;
using SpaceTestBench.Testing;

namespace SpaceTestBench.Cli.Tests.Robustness;

/// <summary>
/// Input an operator can get wrong, found by probing: each is refused with exit 2 and a message naming what
/// and where, before any instrument is touched, never with a stack trace, a hang or a silently wrong result.
/// </summary>
public class BadInputTests
{
    [TestCase("--repeat")]
    [TestCase("--timeout")]
    public async Task A_number_past_the_range_of_an_scpi_option_is_a_usage_error_not_a_crash(string option)
    {
        var (exit, output) = await Spacebench.RunAsync("scpi", "TCPIP0::127.0.0.1::5025::SOCKET", "*IDN?", option, "99999999999");

        Assert.That(exit, Is.EqualTo(ExitCodes.UsageError), output);
        Assert.That(output, Does.Contain($"{option} must be a whole number from 1 to").And.Contain("not 99999999999"));
        AssertNoStackTrace(output);
    }

    [Test]
    public async Task A_run_folder_on_a_file_system_that_cannot_hold_one_is_a_usage_error_naming_it()
    {
        var (exit, output) = await Spacebench.RunAsync("run", "--features", PowerOn(), "--out", "/proc/x");

        Assert.That(exit, Is.EqualTo(ExitCodes.UsageError), output);
        Assert.That(output, Does.Contain("Cannot write the run folder /proc/x"));
        AssertNoStackTrace(output);
    }

    [Test]
    public async Task A_run_folder_that_is_an_existing_file_is_a_usage_error_and_the_file_is_untouched()
    {
        var file = Path.Combine(TestRepository.ScratchFolder("bad-input"), "notes.txt");
        await File.WriteAllTextAsync(file, "an operator's notes");

        var (exit, output) = await Spacebench.RunAsync("run", "--features", PowerOn(), "--out", file);

        Assert.That(exit, Is.EqualTo(ExitCodes.UsageError), output);
        Assert.That(output, Does.Contain($"{file} is a file"));
        Assert.That(await File.ReadAllTextAsync(file), Is.EqualTo("an operator's notes"));
        AssertNoStackTrace(output);
    }

    [TestCase("Given the DUT suply output is off", "undefined step")]
    [TestCase("When the DUT supply is set to 1.8 A", "is a current")]
    [TestCase("When the bench waits 2e8 h", "is longer than 366 days")]
    public async Task A_step_that_cannot_run_is_named_by_file_and_line_before_any_instrument_is_opened(string step, string problem)
    {
        var folder = TestRepository.ScratchFolder("bad-input");
        var feature = Path.Combine(folder, "bad.feature");
        await File.WriteAllTextAsync(feature, $"Feature: Bad\n  Scenario: one\n    Given the DUT supply output is off\n    {step}\n");
        var runFolder = Path.Combine(folder, "run");

        var (exit, output) = await Spacebench.RunAsync("run", "--features", feature, "--out", runFolder);

        Assert.That(exit, Is.EqualTo(ExitCodes.UsageError), output);
        Assert.That(output, Does.Contain($"{feature}:4: ").And.Contain(problem).And.Contain("no instrument was touched"));
        Assert.That(output, Does.Not.Contain("PendingStepException").And.Not.Contain("bench Simulated"), "refused before the bench was opened");
        Assert.That(Directory.Exists(runFolder), Is.False, "nothing ran, so no run folder");
        AssertNoStackTrace(output);
    }

    [Test]
    public async Task An_empty_feature_file_is_said_to_hold_no_scenario_rather_than_to_miss_a_tag_expression()
    {
        var feature = Path.Combine(TestRepository.ScratchFolder("bad-input"), "empty.feature");
        await File.WriteAllTextAsync(feature, "");

        var (exit, output) = await Spacebench.RunAsync("run", "--features", feature);
        var (validateExit, validateOutput) = await Spacebench.RunAsync("validate", "--features", feature);

        Assert.That(exit, Is.EqualTo(ExitCodes.UsageError), output);
        Assert.That(output, Does.Contain($"{feature} hold(s) no scenario").And.Not.Contain("tag expression"));
        Assert.That(validateExit, Is.EqualTo(ExitCodes.UsageError), validateOutput);
        Assert.That(validateOutput, Does.Contain("no scenario").And.Not.Contain("tag expression"));
    }

    [Test]
    public async Task A_feature_file_that_is_not_UTF8_is_refused_with_the_byte_offset_and_line()
    {
        var feature = Path.Combine(TestRepository.ScratchFolder("bad-input"), "latin1.feature");
        var text = Encoding.ASCII.GetBytes("Feature: Thermal\n  Scenario: cold\n    When the thermal chamber is set to -55 ");
        await File.WriteAllBytesAsync(feature, [.. text, 0xB0, .. "C\n"u8.ToArray()]); // Latin-1 degree sign

        var (exit, output) = await Spacebench.RunAsync("run", "--features", feature);

        Assert.That(exit, Is.EqualTo(ExitCodes.UsageError), output);
        Assert.That(output, Does.Contain($"{feature}:3:0: byte {text.Length} (0xB0) is not UTF-8"));
    }

    [Test]
    public async Task A_step_line_of_a_hundred_kilobytes_is_refused_where_it_is_written()
    {
        var feature = Path.Combine(TestRepository.ScratchFolder("bad-input"), "runaway.feature");
        var runaway = string.Join(" ", Enumerable.Repeat("1.8 V", 20_000));
        await File.WriteAllTextAsync(feature, $"Feature: Runaway\n  Scenario: one\n    Given the DUT supply is set to {runaway}\n");
        var started = TimeProvider.System.GetTimestamp();

        var (exit, output) = await Spacebench.RunAsync("validate", "--features", feature);
        var (runExit, runOutput) = await Spacebench.RunAsync("run", "--features", feature);

        Assert.That(exit, Is.EqualTo(ExitCodes.UsageError).Or.EqualTo(ExitCodes.Failed), output);
        Assert.That(output, Does.Contain($"{feature}:3").And.Match(@"a step of [\d,]+ characters; a step may have at most 2,000"));
        Assert.That(runExit, Is.EqualTo(ExitCodes.UsageError), runOutput);
        Assert.That(runOutput, Does.Match(@"a step of [\d,]+ characters"));
        TestContext.Out.WriteLine($"validate and run refused it in {TimeProvider.System.GetElapsedTime(started).TotalSeconds:0.0} s");
    }

    [TestCase("1e308")]
    [TestCase("1e11")]
    public async Task A_time_scale_beyond_what_the_calendar_holds_is_a_usage_error(string scale)
    {
        var (exit, output) = await Spacebench.RunAsync("simulate", "--time-scale", scale);

        Assert.That(exit, Is.EqualTo(ExitCodes.UsageError), output);
        Assert.That(output, Does.Contain("--time-scale must be a positive number up to 1,000,000").And.Contain(scale));
        AssertNoStackTrace(output);
    }

    internal static void AssertNoStackTrace(string output) =>
        Assert.That(output, Does.Not.Match(@"\n\s+at [\w.<>]+\(").And.Not.Contain("Unhandled exception"));

    private static string PowerOn() => TestRepository.Path("features/power/power-on.feature");
}
