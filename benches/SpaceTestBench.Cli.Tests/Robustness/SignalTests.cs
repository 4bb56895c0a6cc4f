using System.Diagnostics;
using SpaceTestBench.Cli.Running;
using SpaceTestBench.Cli.Tests.Support;
using SpaceTestBench.Results.Progress;
using SpaceTestBench.Results;
using SpaceTestBench.Results.Recording;
using SpaceTestBench.Results.Judging;
using SpaceTestBench.Results.Store;

namespace SpaceTestBench.Cli.Tests.Robustness;

/// <summary>
/// Ctrl-C (SIGINT) and SIGTERM sent to a real <c>spacebench run</c>: the bench goes to its safe state, the run is
/// left resumable and reported as interrupted, the resume command is printed, and the resume finishes it.
/// </summary>
[NonParallelizable]
public class SignalTests
{
    [TestCase("INT")]
    [TestCase("TERM")]
    public async Task A_signalled_run_stops_safe_reports_interrupted_prints_the_resume_command_and_resumes(string signal)
    {
        var folder = Spacebench.NewFolder();
        const int Rows = 150;
        var feature = Features.PowerOnSweep(folder, rows: Rows);
        var runFolder = Path.Combine(folder, "run");
        int exit;
        string output;
        using (var child = Spacebench.Start("run", "--features", feature, "--out", runFolder))
        {
            var before = await Features.WaitForPassesAsync(child, 3);
            using (var kill = Process.Start("kill", ["-" + signal, child.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            var rest = child.StandardOutput.ReadToEndAsync();
            var errors = child.StandardError.ReadToEndAsync();
            await child.WaitForExitAsync();
            exit = child.ExitCode;
            output = string.Join("\n", before) + "\n" + await rest + "\n" + await errors;
        }

        Assert.That(exit, Is.EqualTo(ExitCodes.Failed), output);
        Assert.That(output, Does.Contain($"Stopped. Continue with: spacebench run --resume {runFolder}"));
        BadInputTests.AssertNoStackTrace(output);
        var stopped = ResultStoreReader.Read(runFolder);
        Assert.That(stopped.Run.Completed, Is.False, "left open for --resume");
        Assert.That(stopped.Scenarios.Count, Is.LessThan(Rows), "stopped before the end");
        Assert.That(stopped.Events.Where(e => e.Kind == BenchEventKind.SafeState).Select(e => e.Message), Has.Some.Contain("stopped by the operator"));
        Assert.That(await File.ReadAllTextAsync(Path.Combine(runFolder, "report.html")), Does.Contain("id=\"interrupted\""));
        Assert.That(RunFolderLock.ReadHolder(runFolder), Is.Null, "the lock was released on the way out");

        var (resumedExit, resumedOutput) = await Spacebench.RunAsync("run", "--resume", runFolder);

        Assert.That(resumedExit, Is.EqualTo(ExitCodes.Passed), resumedOutput);
        var resumed = ResultStoreReader.Read(runFolder);
        Assert.That(resumed.Run.Completed, Is.True);
        Assert.That(resumed.Scenarios, Has.Count.EqualTo(Rows));
        var judgement = VerdictPolicy.Judge(resumed);
        Assert.That(resumed.Scenarios.Select(judgement.VerdictOf), Is.All.EqualTo(Verdict.Pass));
    }

    /// <summary>
    /// The operator's stop fired in-process at a chosen moment of a five-scenario power-on sweep (the same token
    /// Ctrl-C cancels, from the run's own progress events, so the moment is exact): while the second scenario's
    /// supply is switched on (an instrument exchange that does not take the stop: the step ends, the next must not
    /// start), as its bench wait starts (the wait takes the stop: the step is cut), or as the second scenario ends
    /// (the third must not start). Each stops with no step Failed or Error, nothing after the cut started, the
    /// record left open and reported interrupted, the resume command printed — and the resume passes every scenario.
    /// </summary>
    [TestCase("the DUT supply output is switched on", 2)]
    [TestCase("the bench waits 100 ms for the supply to settle", 2)]
    [TestCase(null, 2)]
    public async Task A_stop_at_a_chosen_moment_starts_nothing_after_it_and_resumes_to_the_uninterrupted_verdicts(string? inStep, int scenario)
    {
        const int Rows = 5;
        var folder = Spacebench.NewFolder();
        var runFolder = Path.Combine(folder, "run");
        var feature = Features.PowerOnSweep(folder, rows: Rows);
        using var stop = new CancellationTokenSource();
        var moment = new StopAt(stop, scenario, inStep);
        var writer = new StringWriter();
        var request = new RunRequest(SpaceTestBench.Testing.TestRepository.Path("benches/simulated.bench.json"), [feature], Path.GetDirectoryName(feature)!, null, null, runFolder);

        var exit = await new QualificationRun(RunCommandTests.PlainConsole(writer), moment).ExecuteAsync(request, stop.Token);
        var output = writer.ToString();

        Assert.That(moment.Fired, Is.True, "the stop came at its moment");
        Assert.That(exit, Is.EqualTo(ExitCodes.Failed), output);
        Assert.That(output, Does.Contain($"Stopped. Continue with: spacebench run --resume {runFolder}"));
        var stopped = ResultStoreReader.Read(runFolder);
        Assert.That(stopped.Run.Completed, Is.False, "left open for --resume");
        Assert.That(stopped.Scenarios, Has.Count.EqualTo(scenario), "no scenario started after the stop");
        Assert.That(stopped.Scenarios.SelectMany(s => s.Steps).Where(s => s.Outcome is not (null or StepOutcome.Passed)), Is.Empty,
            "the stop made no step Failed, Skipped or Error: the one it cut is unfinished");
        var cut = stopped.Scenarios[^1];
        if (inStep is null)
        {
            Assert.That(cut.RecordedVerdict, Is.EqualTo(Verdict.Pass), "the scenario the stop came after finished with its verdict");
        }
        else
        {
            Assert.That(cut.RecordedVerdict, Is.Null, "the cut scenario is open");
            var unfinished = cut.Steps.Where(s => !s.Finished).Select(s => s.Index).ToList();
            Assert.That(cut.Steps.Max(s => s.Index), Is.EqualTo(moment.StepIndex), "no step after the one the stop came in started");
            Assert.That(unfinished, Is.SubsetOf(new[] { moment.StepIndex }), "only the step the stop came in may be unfinished");
            if (inStep.StartsWith("the bench waits", StringComparison.Ordinal))
            {
                Assert.That(unfinished, Is.EqualTo(new[] { moment.StepIndex }), "the wait took the stop: its step was cut, to run again on resume");
            }
        }

        Assert.That(stopped.Events.Where(e => e.Kind == BenchEventKind.SafeState).Select(e => e.Message), Has.Some.Contain("stopped by the operator"));
        Assert.That(await File.ReadAllTextAsync(Path.Combine(runFolder, "report.html")), Does.Contain("id=\"interrupted\""));

        var (resumedExit, resumedOutput) = await Spacebench.RunAsync("run", "--resume", runFolder);

        Assert.That(resumedExit, Is.EqualTo(ExitCodes.Passed), resumedOutput);
        var resumed = ResultStoreReader.Read(runFolder);
        var judgement = VerdictPolicy.Judge(resumed);
        Assert.That(resumed.Run.Completed, Is.True);
        Assert.That(resumed.Scenarios.Select(judgement.VerdictOf), Is.EqualTo(Enumerable.Repeat(Verdict.Pass, Rows)), "every scenario passes, as uninterrupted");
    }

    /// <summary>
    /// The stop that took minutes (issue 15): an instrument goes silent (the DUT supply reboots for 10 min when it is
    /// switched on) in the very step the operator stops in. Every safe state of the stop — the failed scenario's, the
    /// stop's own, the run's end — still tries the supply, but none waits out the reconnect window it would give an
    /// instrument that may be rebooting: the operator is at the bench, and 30 s per silent instrument in each of them
    /// is no stop. Nothing starts after the step, which stays unfinished, and the run is left resumable.
    /// </summary>
    [Test]
    public async Task A_stop_while_an_instrument_is_silent_tries_its_safe_state_without_waiting_for_it_to_come_back()
    {
        var folder = Spacebench.NewFolder();
        var runFolder = Path.Combine(folder, "run");
        var feature = Features.PowerOnSweep(folder, rows: 3);
        var benchFile = Path.Combine(folder, "silent-supply.bench.json");
        var bench = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(SpaceTestBench.Testing.TestRepository.Path("benches/simulated.bench.json")))!;
        bench["dut"] = SpaceTestBench.Testing.TestRepository.Path("fixtures/duts/rad-hard-soc.json");
        bench["instruments"]!["psu1"]!["faults"] = System.Text.Json.Nodes.JsonNode.Parse("""[ { "kind": "reboot", "onCommand": "OUTP ON", "bootTime": "10 min" } ]""");
        await File.WriteAllTextAsync(benchFile, bench.ToJsonString());
        using var stop = new CancellationTokenSource();
        var moment = new StopAt(stop, 1, "the DUT supply output is switched on");
        var writer = new StringWriter();
        var request = new RunRequest(benchFile, [feature], folder, null, null, runFolder);

        var exit = await new QualificationRun(RunCommandTests.PlainConsole(writer), moment).ExecuteAsync(request, stop.Token);
        var output = writer.ToString();

        Assert.That(moment.Fired, Is.True);
        Assert.That(exit, Is.EqualTo(ExitCodes.Failed), output);
        Assert.That(output, Does.Contain($"Stopped. Continue with: spacebench run --resume {runFolder}"));
        var stopped = ResultStoreReader.Read(runFolder);
        Assert.That(stopped.Run.Completed, Is.False, "left open for --resume");
        Assert.That(stopped.Scenarios, Has.Count.EqualTo(1), "no scenario started after the stop");
        Assert.That(stopped.Scenarios[0].RecordedVerdict, Is.Null, "the step the supply failed in is the one the stop landed in: unfinished, to run again on resume");
        Assert.That(stopped.Scenarios[0].Steps.Where(s => s.Outcome is not (null or StepOutcome.Passed)), Is.Empty);
        var gaveUp = stopped.Events.Select(e => e.Message).Where(m => m.Contains("did not answer again within", StringComparison.Ordinal)).ToList();
        Assert.That(gaveUp, Is.Not.Empty, "the silent supply was tried and reported");
        Assert.That(gaveUp, Is.All.Contain("within 0 s"), "no safe state after the stop waited for the supply to come back");
        Assert.That(stopped.Events.Where(e => e.Kind == BenchEventKind.SafeState).Select(e => e.Message), Has.Some.Contain("stopped by the operator"));
    }

    /// <summary>Cancels the run's stop as scenario <c>scenario</c> reaches the step <c>inStep</c> (or, with none, as it finishes).</summary>
    private sealed class StopAt(CancellationTokenSource stop, int scenario, string? inStep) : IProgressSink
    {
        private int _scenario;

        public bool Fired { get; private set; }

        public int StepIndex { get; private set; } = -1;

        public void Publish(ProgressEvent progress)
        {
            switch (progress)
            {
                case ScenarioProgressStarted started:
                    _scenario = started.Number;
                    break;
                case StepProgressStarted step when _scenario == scenario && step.Text == inStep && !Fired:
                    StepIndex = step.Index;
                    Fire();
                    break;
                case ScenarioProgressFinished finished when finished.Number == scenario && inStep is null && !Fired:
                    Fire();
                    break;
            }
        }

        private void Fire()
        {
            Fired = true;
            stop.Cancel();
        }
    }
}
