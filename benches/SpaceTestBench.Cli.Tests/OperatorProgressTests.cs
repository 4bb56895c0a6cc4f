using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using SpaceTestBench.Cli.Commands;
using SpaceTestBench.Cli.Progress;
using SpaceTestBench.Cli.Running;
using SpaceTestBench.Cli.Tests.Robustness;
using SpaceTestBench.Cli.Tests.Support;
using SpaceTestBench.Results;
using SpaceTestBench.Results.Judging;
using SpaceTestBench.Results.Store;
using SpaceTestBench.Testing;

namespace SpaceTestBench.Cli.Tests;

/// <summary>
/// The operator's view of a running campaign: the live display in a real terminal, plain lines without one,
/// nothing with --quiet, and <c>spacebench status</c> and <c>report</c> on a run still recording.
/// </summary>
[NonParallelizable]
public sealed partial class OperatorProgressTests
{
    [Test]
    public async Task In_a_terminal_the_live_display_shows_the_dose_delivered_of_its_target_mid_run()
    {
        var folder = Spacebench.NewFolder();
        var typescript = Path.Combine(folder, "typescript");
        using var child = Typescript.StartSpacebench(typescript,
            $"run --features '{TestRepository.Path("features/radiation/total-ionizing-dose-escc-22900.feature")}' --out '{Path.Combine(folder, "run")}'");
        string? midRun = null;
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        while (!child.HasExited && DateTime.UtcNow < deadline)
        {
            if (DoseGauge().Match(Typescript.Screen(typescript)) is { Success: true } match)
            {
                midRun = match.Value;
                break;
            }

            await Task.Delay(50);
        }

        var stillRunning = !child.HasExited;
        await child.WaitForExitAsync();
        var all = Typescript.Screen(typescript);
        Assert.That(midRun, Is.Not.Null, $"the live display showed the dose gauge while the run went on:\n{all[^Math.Min(all.Length, 4000)..]}");
        Assert.That(stillRunning, Is.True, "the gauge was read mid-run, not from the final picture");
        Assert.That(child.ExitCode, Is.EqualTo(ExitCodes.Passed), all[^Math.Min(all.Length, 2000)..]);
        Assert.That(all, Does.Contain("Scenario").And.Contain("of 2").And.Contain("Interlocks").And.Contain("Last judged"));
        Assert.That(all, Does.Match("irradiating to [0-9.]+ krad\\(Si\\)"));
    }

    [Test]
    public async Task Ctrl_C_in_the_live_display_stops_the_run_through_the_safe_state_and_leaves_it_resumable()
    {
        var folder = Spacebench.NewFolder();
        var typescript = Path.Combine(folder, "typescript");
        var runFolder = Path.Combine(folder, "run");
        // A power-on sweep after the irradiations keeps the run going however late the typescript shows the dose gauge
        // on a loaded machine. With it, a Ctrl-C landing while an instrument had gone silent once took many minutes to
        // stop (issue 15): each safe state waited out every silent instrument's reconnect window.
        const int SweepRows = 200;
        using var child = Typescript.StartSpacebench(typescript,
            $"run --features '{TestRepository.Path("features/radiation/total-ionizing-dose.feature")}' --features '{Features.PowerOnSweep(folder, SweepRows)}' --out '{runFolder}'", keyboard: true);
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        while (!child.HasExited && DateTime.UtcNow < deadline && !DoseGauge().IsMatch(Typescript.Screen(typescript)))
        {
            await Task.Delay(50);
        }

        Assert.That(child.HasExited, Is.False, "the run was still irradiating when Ctrl-C was typed");

        // Typed into the terminal: the line discipline turns it into SIGINT for the run, as an operator's key press does.
        await child.StandardInput.WriteAsync('\u0003');
        await child.StandardInput.FlushAsync();
        // Bounded: a run that does not stop on Ctrl-C fails the test instead of hanging the test run.
        using (var patience = new CancellationTokenSource(TimeSpan.FromMinutes(5)))
        {
            try
            {
                await child.WaitForExitAsync(patience.Token);
            }
            catch (OperationCanceledException)
            {
                child.Kill(entireProcessTree: true);
                Assert.Fail($"The run did not stop within 5 min of Ctrl-C:\n{Typescript.Screen(typescript)[^Math.Min(Typescript.Screen(typescript).Length, 3000)..]}");
            }
        }
        var screen = Typescript.Screen(typescript);

        Assert.That(screen, Does.Contain("Stopped. Continue with: spacebench run --resume"), screen[^Math.Min(screen.Length, 3000)..]);
        Assert.That(screen, Does.Contain("stopped (resumable with --resume)"), "the live display's last picture says so");
        Assert.That(child.ExitCode, Is.EqualTo(ExitCodes.Failed));
        var results = ResultStoreReader.Read(runFolder);
        Assert.That(results.Events.Any(e => e.Kind == Results.Recording.BenchEventKind.SafeState && e.Message.Contains("Cancellation", StringComparison.Ordinal)), Is.True,
            "the bench went through its safe state because the operator stopped it");
        Assert.That(ResumePoint.Read(runFolder).Finished, Is.False, "left open for --resume");
        var stopped = ResultStoreReader.Read(runFolder);
        Assert.That(stopped.Scenarios.SelectMany(s => s.Steps).Where(s => s.Outcome is not (null or Results.Recording.StepOutcome.Passed)), Is.Empty,
            "the Ctrl-C made no step Failed or Error: the one it landed in is unfinished");
        Assert.That(stopped.Scenarios.Where(s => s.RecordedVerdict is { } v && v != Verdict.Pass), Is.Empty, "no scenario ended in anything but its own Pass");
    }

    [Test]
    public async Task Without_a_terminal_progress_comes_as_plain_lines_and_quiet_shows_none()
    {
        var folder = Spacebench.NewFolder();
        var features = TestRepository.Path("features/power/voltage-margining.feature");
        var writer = new StringWriter();
        var request = new RunRequest(TestRepository.Path("benches/simulated.bench.json"), [features], TestRepository.Path("features"), null, null, Path.Combine(folder, "lines"))
        {
            Progress = ProgressMode.Lines,
            ProgressLineInterval = TimeSpan.FromMilliseconds(20),
        };

        var exit = await new QualificationRun(RunCommandTests.PlainConsole(writer)).ExecuteAsync(request, CancellationToken.None);
        var lines = writer.ToString().Split('\n').Where(l => ProgressLine().IsMatch(l)).ToList();

        Assert.That(exit, Is.EqualTo(ExitCodes.Passed), writer.ToString());
        Assert.That(writer.ToString(), Does.Not.Contain("\u001b["), "no terminal control codes in a log");
        Assert.That(lines, Has.Count.GreaterThanOrEqualTo(2), writer.ToString());
        Assert.That(lines.Any(l => l.StartsWith("[5/5]", StringComparison.Ordinal)), Is.True, "the last scenario is announced: " + string.Join("\n", lines));
        Assert.That(lines.Select(l => int.Parse(l[1..l.IndexOf('/', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture)), Is.Ordered, "scenario numbers only go forward");

        var (quietExit, quiet) = await RunCommandTests.Spacebench("run", "--quiet", "--features", features, "--out", Path.Combine(folder, "quiet"));
        Assert.That(quietExit, Is.EqualTo(ExitCodes.Passed), quiet);
        Assert.That(quiet.Split('\n').Where(l => ProgressLine().IsMatch(l)), Is.Empty, quiet);
        Assert.That(quiet, Does.Contain("5 scenario(s) passed"), "the verdicts and the summary are still there");
    }

    [Test]
    public async Task Status_and_report_on_a_live_run_follow_the_writer_without_blocking_or_corrupting_it()
    {
        const int rows = 300;
        var folder = Spacebench.NewFolder();
        var runFolder = Path.Combine(folder, "run");
        var feature = Features.PowerOnSweep(folder, rows);
        using var child = Spacebench.Start("run", "--features", feature, "--out", runFolder);
        var output = new StringBuilder();
        var reading = Task.Run(async () =>
        {
            while (await child.StandardOutput.ReadLineAsync() is { } line)
            {
                lock (output)
                {
                    output.AppendLine(line);
                }
            }
        });

        var live = 0;
        var lastNumber = 0;
        var renderedLive = false;
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        while (!child.HasExited && DateTime.UtcNow < deadline)
        {
            var status = StatusCommand.Read(runFolder, TimeProvider.System);
            if (status is { State: RunState.Live, Snapshot: { } snapshot })
            {
                live++;
                Assert.That(snapshot.Scenarios, Is.EqualTo(rows));
                Assert.That(snapshot.ScenarioNumber, Is.InRange(lastNumber, rows), "status only goes forward");
                lastNumber = snapshot.ScenarioNumber;

                // The writer records a scenario's end before it publishes it: what status shows finished, the store has finished.
                var finishedInStore = FinishedScenarios(runFolder);
                Assert.That(snapshot.Verdicts.Values.Sum(), Is.LessThanOrEqualTo(finishedInStore));
                if (!renderedLive && snapshot.ScenarioNumber > 10)
                {
                    var (reportExit, reportOutput) = await RunCommandTests.Spacebench("report", runFolder);
                    Assert.That(reportExit, Is.EqualTo(ExitCodes.Passed), reportOutput);
                    Assert.That(reportOutput, Does.Contain("still recording"));
                    var html = await File.ReadAllTextAsync(Path.Combine(runFolder, ReportCommand.LiveReportFolder, "report.html"));
                    Assert.That(html, Does.Contain("id=\"in-progress\"").And.Not.Contain("id=\"interrupted\""));
                    Assert.That(File.Exists(Path.Combine(runFolder, "report.html")), Is.False, "the live report does not take the run's own name");
                    renderedLive = true;
                }
            }

            await Task.Delay(100);
        }

        await child.WaitForExitAsync();
        await reading;
        Assert.That(child.ExitCode, Is.EqualTo(ExitCodes.Passed), output.ToString() + await child.StandardError.ReadToEndAsync());
        Assert.That(live, Is.GreaterThanOrEqualTo(3), "status read the run while it was live");
        Assert.That(renderedLive, Is.True, "the report was rendered mid-run");

        var final = StatusCommand.Read(runFolder, TimeProvider.System);
        Assert.That(final.State, Is.EqualTo(RunState.Finished));
        Assert.That(final.Snapshot!.Verdicts[Verdict.Pass], Is.EqualTo(rows), "the last picture is the writer's last");
        Assert.That(final.Snapshot.Finished, Is.Not.Null);
        using (var connection = new SqliteConnection($"Data Source={ResultStoreReader.StorePath(runFolder)};Mode=ReadOnly;Pooling=False"))
        {
            connection.Open();
            using var check = connection.CreateCommand();
            check.CommandText = "PRAGMA integrity_check";
            Assert.That(check.ExecuteScalar(), Is.EqualTo("ok"));
        }

        var results = ResultStoreReader.Read(runFolder);
        Assert.That(results.Scenarios, Has.Count.EqualTo(rows));
        Assert.That(VerdictPolicy.Judge(results).Verdict, Is.EqualTo(Verdict.Pass));
    }

    private static int FinishedScenarios(string runFolder)
    {
        using var connection = new SqliteConnection($"Data Source={ResultStoreReader.StorePath(runFolder)};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM scenario WHERE verdict IS NOT NULL";
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"dose\s+[█░]+ \d+%\s+[0-9.e]+ of [0-9.e]+ krad\(Si\)")]
    private static partial Regex DoseGauge();

    [GeneratedRegex(@"^\[\d+/\d+\] .* elapsed")]
    private static partial Regex ProgressLine();
}
