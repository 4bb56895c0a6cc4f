using SpaceTestBench.Testing;

namespace SpaceTestBench.Cli.Tests;

/// <summary><c>spacebench validate</c>: feature files checked against the step catalog and a bench file, no instrument opened.</summary>
public sealed class ValidateCommandTests
{
    // A thermal chamber that cannot pump down: the ESPEC P300 is an IThermalChamber, not an IThermalVacuumChamber.
    private const string BenchWithoutVacuum = """
        {
          "name": "Bench without vacuum",
          "clock": "virtual",
          "instruments": {
            "psu1": { "model": "Keysight E36312A", "resource": "simulated" },
            "p300": { "model": "ESPEC P300", "resource": "simulated" },
            "agent1": { "model": "DUT test agent", "resource": "simulated" }
          },
          "roles": {
            "DUT supply": { "instrument": "psu1", "channel": 1, "rail": "core" },
            "thermal chamber": { "instrument": "p300" },
            "DUT": { "instrument": "agent1" }
          }
        }
        """;

    [Test]
    public async Task The_repositorys_feature_files_are_clean_on_the_simulated_bench()
    {
        var (exit, output) = await RunCommandTests.Spacebench("validate");

        Assert.That(exit, Is.EqualTo(ExitCodes.Passed), output);
        Assert.That(output, Does.Contain("No problems").And.Contain(TestRepository.Path("benches/simulated.bench.json")));
        Assert.That(output, Does.Match(@"Checked \d+ step\(s\) of \d+ scenario\(s\) in \d+ feature file\(s\)"));
    }

    [Test]
    public async Task An_undefined_step_a_wrong_unit_a_missing_unit_and_a_vacuum_step_on_a_chamber_without_vacuum_are_each_named_by_file_and_line()
    {
        var folder = TestRepository.ScratchFolder("validate");
        var bench = Path.Combine(folder, "no-vacuum.bench.json");
        await File.WriteAllTextAsync(bench, BenchWithoutVacuum);
        var feature = Path.Combine(folder, "mistakes.feature");
        await File.WriteAllTextAsync(feature, """
            Feature: Three mistakes

              Scenario: One of each
                Given the DUT supply is set to 1.8 V
                And the DUT suply current limit is set to 500 mA
                And the DUT supply is set to 1.8 A
                When the thermal chamber cycles the DUT 4 times between -34 °C and 71 °C in vacuum, soaking 6 h at the extremes of the first and last cycles and 4 h at the others
                Then every DUT rail is within 1 of its setting
            """);

        var (exit, output) = await RunCommandTests.Spacebench("validate", "--features", feature, "--bench", bench);

        Assert.That(exit, Is.EqualTo(ExitCodes.Failed), output);
        Assert.That(output, Does.Contain($"{feature}:5: undefined step: And the DUT suply current limit is set to 500 mA"));
        Assert.That(output, Does.Contain("the nearest is \"Given the DUT supply current limit is set to {current}\""), "the catalog step it was meant to be");
        Assert.That(output, Does.Contain($"{feature}:6: argument error: And the DUT supply is set to 1.8 A"));
        Assert.That(output, Does.Contain("'1.8 A' is a current; {voltage} needs a voltage, such as 1.8 V."));
        Assert.That(output, Does.Contain($"{feature}:7: role not provided: When the thermal chamber cycles the DUT 4 times"));
        Assert.That(output, Does.Contain($"it needs the thermal chamber to be a thermal-vacuum chamber, and on the bench 'Bench without vacuum' ({bench}) it is the ESPEC P300 ('p300')"));
        Assert.That(output, Does.Contain($"{feature}:8: argument error: Then every DUT rail is within 1 of its setting"));
        Assert.That(output, Does.Contain("'1' has no unit; {percentage} needs"), "1 % or 1 times? a proportion must say");
        Assert.That(output, Does.Not.Contain($"{feature}:4"), "the correct step is not reported");
        Assert.That(output, Does.Contain("4 problem(s) in 1 feature file(s)"));
    }

    [Test]
    public async Task A_role_the_bench_lacks_is_reported_once_per_step_and_an_outline_rows_unit_error_names_its_row()
    {
        var folder = TestRepository.ScratchFolder("validate");
        var bench = Path.Combine(folder, "no-vacuum.bench.json");
        await File.WriteAllTextAsync(bench, BenchWithoutVacuum);
        var feature = Path.Combine(folder, "tid.feature");
        await File.WriteAllTextAsync(feature, """
            Feature: Gamma on a bench without a gamma source

              Scenario Outline: At <rate>
                Given the gamma source is set to <rate>, inside the window from 36 rad(Si)/h to 360 rad(Si)/h

                Examples:
                  | rate         |
                  | 50 rad(Si)/h |
                  | 50 krad(Si)  |
            """);

        var (exit, output) = await RunCommandTests.Spacebench("validate", "--features", feature, "--bench", bench);

        Assert.That(exit, Is.EqualTo(ExitCodes.Failed), output);
        var roleProblems = output.Split('\n').Count(l => l.StartsWith($"{feature}:4: role not provided", StringComparison.Ordinal));
        Assert.That(roleProblems, Is.EqualTo(1), output);
        Assert.That(output, Does.Contain($"it needs the gamma source role (a Co-60 cell with its dosimeter), and the bench 'Bench without vacuum' ({bench}) has none"));
        Assert.That(output, Does.Contain("'50 krad(Si)' is an absorbed dose; {dose-rate} needs a dose rate in silicon").And.Contain("(with the Examples row at line 9)"));
    }

    [Test]
    public async Task A_syntax_error_is_a_problem_at_file_line_and_column_and_the_other_files_are_still_checked()
    {
        var folder = TestRepository.ScratchFolder("validate");
        var broken = Path.Combine(folder, "broken.feature");
        await File.WriteAllTextAsync(broken, "Feature: Broken\n  Scenario: x\n    Given the DUT supply output is off\n  Whatever this is\n");
        var fine = Path.Combine(folder, "fine.feature");
        await File.WriteAllTextAsync(fine, "Feature: Fine\n  Scenario: y\n    Given the DUT supply is set to 1.8 mA\n");

        var (exit, output) = await RunCommandTests.Spacebench("validate", "--features", folder);

        Assert.That(exit, Is.EqualTo(ExitCodes.Failed), output);
        Assert.That(output, Does.Contain($"{broken}:4:3: syntax error"));
        Assert.That(output, Does.Contain($"{fine}:3: argument error"));
    }

    [Test]
    public async Task Validating_opens_no_instrument_so_a_bench_of_unreachable_real_instruments_validates()
    {
        var folder = TestRepository.ScratchFolder("validate");
        var bench = Path.Combine(folder, "real.bench.json");
        // TEST-NET-1 (RFC 5737) addresses: nothing answers there, so opening any of them would fail or time out.
        await File.WriteAllTextAsync(bench, """
            {
              "name": "Real bench",
              "clock": "wall",
              "instruments": {
                "psu1": { "model": "Keysight E36312A", "resource": "TCPIP0::192.0.2.10::5025::SOCKET" },
                "agent1": { "model": "DUT test agent", "resource": "TCPIP0::192.0.2.11::5025::SOCKET" }
              },
              "roles": {
                "DUT supply": { "instrument": "psu1", "channel": 1, "rail": "core" },
                "DUT": { "instrument": "agent1" }
              }
            }
            """);
        var feature = Path.Combine(folder, "power.feature");
        await File.WriteAllTextAsync(feature, """
            Feature: Power on
              Scenario: Nominal
                Given the DUT supply current limit is set to 500 mA
                And the DUT supply is set to 1.8 V
                When the DUT supply output is switched on
                Then the DUT boots within 5 s of the DUT supply switching on
            """);

        var (exit, output) = await RunCommandTests.Spacebench("validate", "--features", feature, "--bench", bench);

        Assert.That(exit, Is.EqualTo(ExitCodes.Passed), output);
        Assert.That(output, Does.Contain("Checked 4 step(s) of 1 scenario(s) in 1 feature file(s)"));
    }

    [Test]
    public async Task Tags_select_the_scenarios_checked_and_a_selection_of_none_is_a_usage_error()
    {
        var (exit, output) = await RunCommandTests.Spacebench("validate", "--tags", "@thermal-vacuum");
        var (noneExit, noneOutput) = await RunCommandTests.Spacebench("validate", "--tags", "@no-such-tag");

        Assert.That(exit, Is.EqualTo(ExitCodes.Passed), output);
        Assert.That(output, Does.Contain("of 1 scenario(s)"));
        Assert.That(noneExit, Is.EqualTo(ExitCodes.UsageError), noneOutput);
        Assert.That(noneOutput, Does.Contain("no scenario").And.Contain("@no-such-tag"));
    }

    [Test]
    public async Task A_missing_bench_file_or_feature_folder_is_a_usage_error_naming_it()
    {
        var (benchExit, benchOutput) = await RunCommandTests.Spacebench("validate", "--bench", "nonexistent.bench.json");
        var (featuresExit, featuresOutput) = await RunCommandTests.Spacebench("validate", "--features", "no/such/folder");

        Assert.That(benchExit, Is.EqualTo(ExitCodes.UsageError));
        Assert.That(benchOutput, Does.Contain("Configuration error").And.Contain("nonexistent.bench.json").And.Contain("does not exist"));
        Assert.That(featuresExit, Is.EqualTo(ExitCodes.UsageError));
        Assert.That(featuresOutput, Does.Contain(Path.GetFullPath("no/such/folder")));
    }
}
