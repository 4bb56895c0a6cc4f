using System.Diagnostics;
using System.Globalization;
using SpaceTestBench.Cli.Tests.Support;
using SpaceTestBench.Reports.Manifest;
using SpaceTestBench.Reports.Signing;

namespace SpaceTestBench.Cli.Tests.Robustness;

/// <summary>
/// A run killed while rendering its report: every scenario recorded and the run's end on record (the recorder writes
/// it before the renderer starts), but report.html or its manifest not yet written. <c>run --resume</c> finishes the
/// job: it renders the report from the record as <c>spacebench report</c> does, says so, and exits with the code the
/// verdicts give, the manifest hashing the folder as it then is.
/// </summary>
[NonParallelizable]
public class ResumeWhileRenderingTests
{
    [Test]
    public async Task A_run_killed_while_rendering_its_report_is_resumed_by_writing_the_report_from_the_record()
    {
        var runFolder = Path.Combine(Spacebench.NewFolder(), "run");
        using (var child = Spacebench.Start("run", "--tags", "@power", "--out", runFolder, "--quiet"))
        {
            var output = child.StandardOutput.ReadToEndAsync();
            while (!child.HasExited && !EndRecorded(runFolder))
            {
                await Task.Delay(5);
            }

            // SIGKILL as soon as the store shows the run's end: the renderer (plots, CSV, junit.xml, report.html, the manifest last) takes seconds.
            using (var kill = Process.Start("kill", ["-KILL", child.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            await child.WaitForExitAsync();
            Assert.That(child.ExitCode, Is.EqualTo(137), "killed, not ended by itself: " + await output);
        }

        Assert.That(File.Exists(Path.Combine(runFolder, ArtifactManifest.FileName)), Is.False, "the kill landed while the report was being rendered: no manifest yet");

        var (exit, resumed) = await Spacebench.RunAsync("run", "--resume", runFolder);

        Assert.That(resumed, Does.Contain("stopped while writing its report").And.Contain("Writing the report from the record"), resumed);
        Assert.That(resumed, Does.Contain("Pass: 17 of 17 scenario(s) passed"), "the verdicts of the record, as spacebench report states them");
        Assert.That(exit, Is.EqualTo(ExitCodes.Passed), resumed);
        Assert.That(File.Exists(Path.Combine(runFolder, "report.html")), Is.True);
        Assert.That(ReportRevisions.List(runFolder), Is.EqualTo(new[] { 1 }), "the interrupted rendering's revision rendered again, not amended");
        var manifest = File.ReadAllLines(Path.Combine(runFolder, ArtifactManifest.FileName));
        Assert.That(manifest, Is.EqualTo(ArtifactManifest.Compute(runFolder).Select(e => $"{e.Sha256}  {e.Path}")), "the manifest hashes every file of the folder as it is");
        Assert.That(manifest, Has.Some.EndsWith("  report.html").And.Some.EndsWith("  results.sqlite"));

        var (again, second) = await Spacebench.RunAsync("run", "--resume", runFolder);
        Assert.That(again, Is.EqualTo(ExitCodes.UsageError), "a finished run with its report has nothing left to do: " + second);
        Assert.That(second, Does.Contain("its report is written; there is nothing left to run"));
    }

    /// <summary>Whether the run's store shows the run's end (read beside the writer, as the report reads a live run).</summary>
    private static bool EndRecorded(string runFolder) =>
        LiveStore.Count(runFolder, "SELECT COUNT(*) FROM run WHERE finished_wall IS NOT NULL") > 0;
}
