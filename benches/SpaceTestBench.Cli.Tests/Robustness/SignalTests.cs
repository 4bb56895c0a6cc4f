using System.Diagnostics;
using SpaceTestBench.Cli.Tests.Support;
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
}
