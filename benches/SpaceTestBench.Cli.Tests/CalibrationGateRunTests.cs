using System.Globalization;
using System.Text.Json.Nodes;
using SpaceTestBench.Testing;
using static SpaceTestBench.Cli.Tests.RunCommandTests;

namespace SpaceTestBench.Cli.Tests;

/// <summary>
/// <c>spacebench run</c> and the calibration gate: a real bench (wall clock) refuses, before touching an instrument, a
/// campaign whose instruments are out of calibration or fall due before its planned end; a simulated bench runs and
/// records each as a deviation.
/// </summary>
public sealed class CalibrationGateRunTests
{
    [Test]
    public async Task A_real_bench_refuses_a_campaign_whose_instrument_falls_due_before_its_planned_end_naming_instrument_due_date_and_planned_end()
    {
        var due = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime).AddDays(10);
        var folder = TestRepository.ScratchFolder("gate-real");
        var bench = RealBench(folder, due);

        var (exit, output) = await Spacebench("run", "--bench", bench, "--features", TestRepository.Path("features/power/power-on.feature"),
            "--out", Path.Combine(folder, "run"), "--planned-duration", "30 d");

        Assert.That(exit, Is.EqualTo(ExitCodes.UsageError), output);
        Assert.That(output, Does.Contain("instruments out of calibration").And.Contain("instrument 'psu1' (Keysight E36312A, serial MY1)")
            .And.Contain($"falls due for calibration on {due:yyyy-MM-dd}").And.Contain("before the campaign's planned end"));
        Assert.That(Directory.Exists(Path.Combine(folder, "run", "inputs")), Is.False, "nothing was started");
    }

    [Test]
    public async Task A_real_bench_with_an_expired_instrument_is_refused_until_the_planned_end_from_the_campaign_plan()
    {
        var folder = TestRepository.ScratchFolder("gate-expired");
        var bench = RealBench(folder, new DateOnly(2020, 1, 31));

        var (exit, output) = await Spacebench("run", "--bench", bench, "--features", TestRepository.Path("features/power/power-on.feature"), "--out", Path.Combine(folder, "run"));

        Assert.That(exit, Is.EqualTo(ExitCodes.UsageError), output);
        // No --planned-duration: the plan of the selected scenarios gives the planned end.
        Assert.That(output, Does.Contain("was due for calibration on 2020-01-31").And.Contain("(planned end 20").And.Not.Contain("planned end unknown"));
    }

    [Test]
    public async Task A_simulated_bench_runs_and_records_each_instrument_falling_due_before_the_planned_end_as_a_deviation()
    {
        var run = Path.Combine(TestRepository.ScratchFolder("gate-simulated"), "run");

        var (exit, output) = await Spacebench("run", "--features", TestRepository.Path("features/power/power-on.feature"), "--out", run, "--planned-duration", "1000 d");

        // The default bench's calibrations run into late 2028: a 1000-day plan outlasts them, while power-on, done in
        // minutes of bench time, measures with every instrument in calibration and passes.
        Assert.That(exit, Is.EqualTo(ExitCodes.Passed), output);
        var report = await File.ReadAllTextAsync(Path.Combine(run, "report.html"));
        Assert.That(report, Does.Contain("recorded deviation").And.Contain("Calibration: instrument &#39;co60&#39;").And.Contain("A real bench would have refused to start"));
        Assert.That(report, Does.Contain("The campaign was planned to take 24000 h of bench time"));
    }

    private static string RealBench(string folder, DateOnly due)
    {
        var bench = new JsonObject
        {
            ["name"] = "Real bench for the calibration gate",
            ["clock"] = "wall",
            ["dut"] = TestRepository.Path("fixtures/duts/rad-hard-soc.json"),
            ["instruments"] = new JsonObject
            {
                // Nothing listens here: the gate must refuse before any instrument is opened.
                ["psu1"] = new JsonObject { ["model"] = "Keysight E36312A", ["resource"] = "TCPIP0::127.0.0.1::1::SOCKET", ["serialNumber"] = "MY1", ["calibrationDue"] = due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) },
                ["agent1"] = new JsonObject { ["model"] = "DUT test agent", ["resource"] = "TCPIP0::127.0.0.1::2::SOCKET", ["serialNumber"] = "AGENT-1", ["calibrationNotRequired"] = "software on the DUT" },
            },
            ["roles"] = new JsonObject
            {
                ["DUT supply"] = new JsonObject { ["instrument"] = "psu1", ["channel"] = 1, ["rail"] = "core" },
                ["DUT"] = new JsonObject { ["instrument"] = "agent1" },
            },
        };
        var file = Path.Combine(folder, "real.bench.json");
        File.WriteAllText(file, bench.ToJsonString());
        return file;
    }
}
