using Spectre.Console;
using SpaceTestBench.Testing;

namespace SpaceTestBench.Cli.Tests;

/// <summary><c>spacebench run</c> end to end on the simulated bench, in-process.</summary>
public sealed class RunCommandTests
{
    [Test]
    public async Task With_no_arguments_but_the_run_folder_it_runs_every_suite_on_the_simulated_bench_passes_and_writes_the_report()
    {
        var runFolder = Path.Combine(TestRepository.ScratchFolder("run"), "run-1");
        var suites = Directory.GetFiles(TestRepository.Path("features"), "*.feature", SearchOption.AllDirectories)
            .Count(f => !f.Contains($"{Path.DirectorySeparatorChar}SpaceTestBench.", StringComparison.Ordinal));

        var (exit, output) = await Spacebench("run", "--out", runFolder);

        Assert.That(exit, Is.EqualTo(ExitCodes.Passed), output);
        foreach (var file in new[] { "report.html", "results.csv", "results.sqlite", "run.log" })
        {
            Assert.That(File.Exists(Path.Combine(runFolder, file)), Is.True, $"{file} missing");
        }

        var report = await File.ReadAllTextAsync(Path.Combine(runFolder, "report.html"));
        Assert.That(report, Does.Contain("id=\"overall-verdict\" class=\"verdict pass\">Pass<"));
        Assert.That(report, Does.Contain("data:image/svg+xml;base64,"), "the current-versus-voltage plot is embedded");
        Assert.That(Directory.GetFiles(Path.Combine(runFolder, "plots"), "dut-supply-current-vs-*.png"), Is.Not.Empty);
        Assert.That(output, Does.Contain($"from {suites} feature file(s)"), "every suite under features/");
        Assert.That(output, Does.Match(@"\d\d+ scenario\(s\) passed, 0 did not").And.Contain(Path.Combine(runFolder, "report.html")));
        foreach (var plot in new[] { "cross-section-seu-events.png", "bit-error-ratio-vs-received-optical-power.png", "temperature-profile-*.png", "tid-drift-*.png" })
        {
            Assert.That(Directory.GetFiles(Path.Combine(runFolder, "plots"), plot), Is.Not.Empty, $"the report plots {plot}");
        }
    }

    [Test]
    public async Task A_DUT_drawing_too_much_current_fails_the_run_with_exit_1_and_the_report_shows_the_measurement_and_its_limits()
    {
        var runFolder = Path.Combine(TestRepository.ScratchFolder("run"), "leaky");

        var (exit, output) = await Spacebench("run", "--dut", TestRepository.Path("fixtures/duts/rad-hard-soc-leaky.json"), "--features", TestRepository.Path("features/power/power-on.feature"), "--out", runFolder);

        Assert.That(exit, Is.EqualTo(ExitCodes.Failed), output);
        Assert.That(output, Does.Contain("outside its limit 150 mA ≤ x ≤ 450 mA"));
        var report = await File.ReadAllTextAsync(Path.Combine(runFolder, "report.html"));
        Assert.That(report, Does.Match(@"<tr class=""fail""><td>\d+</td><td>DUT supply current</td><td class=""num"">[0-9.]+</td><td>mA</td><td>150 mA ≤ x ≤ 450 mA</td><td class=""num"">150</td><td class=""num"">450</td><td><span class=""verdict fail"">Fail</span>"));
        Assert.That(report, Does.Contain(" mA outside 150 mA ≤ x ≤ 450 mA"), "the verdict table says why");
        Assert.That(report, Does.Contain("id=\"overall-verdict\" class=\"verdict fail\">Fail<"));
    }

    [Test]
    public async Task The_report_names_the_operator_the_instruments_with_calibration_and_every_artifact()
    {
        var runFolder = Path.Combine(TestRepository.ScratchFolder("run"), "provenance");

        var (exit, output) = await Spacebench("run", "--features", TestRepository.Path("features/power/power-on.feature"), "--out", runFolder, "--operator", "A. Tester");

        Assert.That(exit, Is.EqualTo(ExitCodes.Passed), output);
        var report = await File.ReadAllTextAsync(Path.Combine(runFolder, "report.html"));
        Assert.That(report, Does.Contain("operator A. Tester"));
        Assert.That(report, Does.Contain("Keysight Technologies E36312A").And.Contain("2028-11-30"), "an instrument with its identity and calibration");
        Assert.That(report, Does.Contain("ECSS-E-ST-20C"), "the standard clause");
        var manifest = await File.ReadAllTextAsync(Path.Combine(runFolder, "manifest.sha256"));
        foreach (var file in new[] { "results.sqlite", "results.csv", "junit.xml", "run.log", "events.csv", "messages.ndjson", "report.html" })
        {
            Assert.That(manifest, Does.Contain("  " + file), file);
        }
    }

    [Test]
    public async Task A_nonexistent_bench_file_exits_2_naming_the_file()
    {
        var (exit, output) = await Spacebench("run", "--bench", "nonexistent.json");

        Assert.That(exit, Is.EqualTo(ExitCodes.UsageError));
        Assert.That(output, Does.Contain("nonexistent.json").And.Contain("does not exist"));
    }

    [Test]
    public async Task A_run_folder_that_already_holds_files_is_refused_and_left_untouched()
    {
        var runFolder = Path.Combine(TestRepository.ScratchFolder("run"), "occupied");
        Directory.CreateDirectory(runFolder);
        var earlier = Path.Combine(runFolder, "results.sqlite");
        await File.WriteAllTextAsync(earlier, "an earlier run's store");

        var (exit, output) = await Spacebench("run", "--out", runFolder);

        Assert.That(exit, Is.EqualTo(ExitCodes.UsageError));
        Assert.That(output, Does.Contain($"The run folder {runFolder} is not empty").And.Contain("--resume"));
        Assert.That(await File.ReadAllTextAsync(earlier), Is.EqualTo("an earlier run's store"), "nothing recorded is lost");
    }

    [Test]
    public async Task A_feature_file_with_a_syntax_error_exits_2_naming_file_and_line()
    {
        var folder = TestRepository.ScratchFolder("bad-feature");
        var feature = Path.Combine(folder, "broken.feature");
        await File.WriteAllTextAsync(feature, "Feature: Broken\n  Scenario: x\n    Given the DUT supply output is off\n  Whatever this is\n");

        var (exit, output) = await Spacebench("run", "--features", feature, "--out", Path.Combine(folder, "run"));

        Assert.That(exit, Is.EqualTo(ExitCodes.UsageError));
        Assert.That(output, Does.Contain($"{feature}:4:3"));
        Assert.That(Directory.Exists(Path.Combine(folder, "run")), Is.False, "nothing is run, so no run folder is made");
    }

    [Test]
    public async Task A_tag_expression_selecting_nothing_is_a_usage_error()
    {
        var (exit, output) = await Spacebench("run", "--tags", "@no-such-tag");

        Assert.That(exit, Is.EqualTo(ExitCodes.UsageError));
        Assert.That(output, Does.Contain("no scenario").And.Contain("@no-such-tag"));
    }

    [Test]
    public async Task A_malformed_tag_expression_is_a_usage_error_with_cucumbers_message()
    {
        var (exit, output) = await Spacebench("run", "--tags", "@power and");

        Assert.That(exit, Is.EqualTo(ExitCodes.UsageError));
        Assert.That(output, Does.Contain("could not be parsed"));
    }

    [Test]
    public async Task A_tag_starting_with_at_is_a_tag_not_a_response_file()
    {
        var (exit, output) = await Spacebench("run", "--tags", "@power-on", "--out", Path.Combine(TestRepository.ScratchFolder("run"), "tagged"));

        Assert.That(exit, Is.EqualTo(ExitCodes.Passed), output);
        Assert.That(output, Does.Match(@"\b3 scenario\(s\) from \d+ feature file\(s\)"), "power-on.feature's three, of every file under features/");
    }

    [Test]
    public async Task An_unknown_option_is_a_usage_error()
    {
        var (exit, output) = await Spacebench("run", "--bogus");

        Assert.That(exit, Is.EqualTo(ExitCodes.UsageError));
        Assert.That(output, Does.Contain("--bogus"));
    }

    [Test]
    public async Task Every_verb_has_help()
    {
        var root = SpacebenchApp.BuildCommand(AnsiConsole.Console, FacilityPaths.Discover());
        Assert.That(root.Subcommands, Is.Not.Empty);

        foreach (var verb in root.Subcommands)
        {
            var (exit, output) = await Spacebench(verb.Name, "--help");
            Assert.That(exit, Is.Zero, verb.Name);
            // The usage line names the executable: spacebench when installed, testhost under the test runner.
            Assert.That(output, Does.Match($@"Usage:\s+\S+ {verb.Name} "), verb.Name);
        }
    }

    /// <summary>A console writing plain, unwrapped text to <paramref name="writer"/>.</summary>
    internal static IAnsiConsole PlainConsole(TextWriter writer)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 300;
        return console;
    }

    internal static async Task<(int Exit, string Output)> Spacebench(params string[] args)
    {
        var writer = new StringWriter();
        var console = PlainConsole(writer);
        var originalOut = Console.Out;
        Console.SetOut(writer); // System.CommandLine writes help and parse errors to Console.Out
        try
        {
            var exit = await SpacebenchApp.RunAsync(args, console);
            return (exit, writer.ToString());
        }
        finally
        {
            Console.SetOut(originalOut);
        }
    }
}
