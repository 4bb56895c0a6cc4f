using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using SpaceTestBench.Cli.Tests.Support;
using SpaceTestBench.Results.Store;

namespace SpaceTestBench.Cli.Tests.Robustness;

/// <summary>
/// One writer per run folder, end to end: two runs started on one folder at once, and verbs run against a
/// folder a live <c>spacebench run</c> (a real child process) is writing, before and after it is killed.
/// </summary>
[NonParallelizable]
public class RunFolderLockTests
{
    [Test]
    public async Task Two_runs_started_on_one_folder_at_once_leave_one_run_whose_messages_and_manifest_are_whole()
    {
        var folder = Spacebench.NewFolder();
        var feature = Features.PowerOnSweep(folder, rows: 12);
        var runFolder = Path.Combine(folder, "run");
        var outputs = new[] { new StringWriter(), new StringWriter() };

        var exits = await Task.WhenAll(outputs.Select(output => Task.Run(() =>
            SpacebenchApp.RunAsync(["run", "--features", feature, "--out", runFolder], RunCommandTests.PlainConsole(output)))));

        var text = outputs.Select(o => o.ToString()).ToArray();
        Assert.That(exits, Is.EquivalentTo(new[] { ExitCodes.Passed, ExitCodes.UsageError }), string.Join("\n-----\n", text));
        var refused = text[Array.IndexOf(exits, ExitCodes.UsageError)];
        // Refused by the lock (naming its holder, or saying it has not written who it is yet when the two start within
        // the same instant), or after it by the finished run's files.
        Assert.That(refused, Does.Contain($"pid {Environment.ProcessId} on host {Environment.MachineName}")
            .Or.Contain("is in use by another process (it has not written who it is yet)").Or.Contain("is not empty"), "refused by the lock, or after it by the finished run's files");

        foreach (var line in await File.ReadAllLinesAsync(Path.Combine(runFolder, "messages.ndjson")))
        {
            Assert.DoesNotThrow(() => JsonDocument.Parse(line).Dispose(), line);
        }

        var manifest = await File.ReadAllLinesAsync(Path.Combine(runFolder, "manifest.sha256"));
        Assert.That(manifest, Has.Some.EndsWith("  messages.ndjson"));
        Assert.That(manifest, Has.None.Contains(RunFolderLock.FileName), "the lock is not an artifact of the run");
        foreach (var entry in manifest.Select(line => line.Split("  ", 2)))
        {
            var bytes = await File.ReadAllBytesAsync(Path.Combine(runFolder, entry[1]));
            Assert.That(Convert.ToHexStringLower(SHA256.HashData(bytes)), Is.EqualTo(entry[0]), entry[1]);
        }
    }

    [Test]
    public async Task A_live_run_refuses_resume_naming_its_pid_renders_its_report_beside_its_files_and_a_killed_one_is_taken_over()
    {
        var folder = Spacebench.NewFolder();
        var feature = Features.PowerOnSweep(folder, rows: 2000);
        var runFolder = Path.Combine(folder, "run");
        using var child = Spacebench.Start("run", "--features", feature, "--out", runFolder);
        try
        {
            await Features.WaitForPassesAsync(child, 2);

            var (resumeExit, resumeOutput) = await Spacebench.RunAsync("run", "--resume", runFolder);
            var (reportExit, reportOutput) = await Spacebench.RunAsync("report", runFolder);

            Assert.That(resumeExit, Is.EqualTo(ExitCodes.UsageError), resumeOutput);
            Assert.That(resumeOutput, Does.Contain($"The run folder {runFolder} is in use by pid {child.Id} on host {Environment.MachineName}, running 'spacebench run --out' since"));
            // A live run's report is a read-only snapshot in in-progress/, never over the writer's files or its lock.
            Assert.That(reportExit, Is.EqualTo(ExitCodes.Passed), reportOutput);
            Assert.That(reportOutput, Does.Contain("still recording"));
            Assert.That(File.Exists(Path.Combine(runFolder, "in-progress", "report.html")), Is.True);
            Assert.That(File.Exists(Path.Combine(runFolder, "report.html")), Is.False, "the live run's own report is not written by another process");
            Assert.That(RunFolderLock.ReadHolder(runFolder)?.ProcessId, Is.EqualTo(child.Id), "the writer still holds its lock");
            Assert.That(child.HasExited, Is.False, "the live run was not disturbed");
        }
        finally
        {
            child.Kill(); // SIGKILL: its lock record stays behind, its lock does not
            await child.WaitForExitAsync();
        }

        var (exit, output) = await Spacebench.RunAsync("report", runFolder);

        Assert.That(exit, Is.EqualTo(ExitCodes.Failed), output);
        Assert.That(output, Does.Contain("Took over a stale lock").And.Contain($"pid {child.Id} on host {Environment.MachineName}").And.Contain("no longer holds it"));
        Assert.That(File.Exists(Path.Combine(runFolder, "report.html")), Is.True);
        Assert.That(RunFolderLock.ReadHolder(runFolder), Is.Null, "released when the report was written");
    }

    /// <summary>
    /// Issue 15: <c>status</c> called a killed run live for as long as its pid lingered and its last heartbeat was recent.
    /// The run here is started by a parent that never collects its children (<c>sh</c> that becomes <c>sleep</c>), so once
    /// killed it stays a zombie: its pid is still there, its heartbeat seconds old, but the kernel dropped its lock.
    /// </summary>
    [Test]
    public async Task Status_calls_a_killed_run_interrupted_at_once_though_its_pid_lingers_and_names_the_pid_of_a_live_one()
    {
        var folder = Spacebench.NewFolder();
        var feature = Features.PowerOnSweep(folder, rows: 2000);
        var runFolder = Path.Combine(folder, "run");
        var run = $"dotnet '{Path.Combine(AppContext.BaseDirectory, "spacebench.dll")}' run --quiet --features '{feature}' --out '{runFolder}'";
        using var parent = Process.Start(new ProcessStartInfo("sh", ["-c", $"{run} >/dev/null 2>&1 & echo $!; exec sleep 600"])
        {
            WorkingDirectory = Spacebench.Root, RedirectStandardOutput = true, UseShellExecute = false,
        })!;
        try
        {
            var pid = int.Parse((await parent.StandardOutput.ReadLineAsync())!, System.Globalization.CultureInfo.InvariantCulture);
            var (liveExit, liveOutput) = await StatusOnceAsync(runFolder, output => output.Contains("— live", StringComparison.Ordinal));

            Assert.That(liveExit, Is.EqualTo(ExitCodes.Passed), liveOutput);
            Assert.That(Unwrapped(liveOutput), Does.Contain($"live (pid {pid} on host {Environment.MachineName}, updated"));

            using (var kill = Process.Start("kill", ["-KILL", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            await StatusOnceAsync(runFolder, _ => File.ReadAllText($"/proc/{pid}/stat").Split(')')[^1].TrimStart().StartsWith('Z'));
            var (exit, output) = await Spacebench.RunAsync("status", runFolder);

            Assert.That(Unwrapped(output), Does.Contain($"interrupted: pid {pid} on host {Environment.MachineName} no longer holds the run folder;").And.Not.Contain("— live"), "a zombie holds no lock");
            Assert.That(exit, Is.EqualTo(ExitCodes.Failed), output);
        }
        finally
        {
            parent.Kill();
            await parent.WaitForExitAsync();
        }
    }

    /// <summary>The status picture's text without its frame and line breaks (a long header wraps inside the panel).</summary>
    private static string Unwrapped(string picture) => System.Text.RegularExpressions.Regex.Replace(picture, @"[│\s]+", " ");

    /// <summary>Runs <c>status</c> until <paramref name="until"/> holds of its output (or of the world), at most two minutes.</summary>
    private static async Task<(int Exit, string Output)> StatusOnceAsync(string runFolder, Func<string, bool> until)
    {
        var deadline = TimeProvider.System.GetTimestamp();
        while (true)
        {
            var (exit, output) = File.Exists(Path.Combine(runFolder, "results.sqlite")) ? await Spacebench.RunAsync("status", runFolder) : (-1, "");
            if (until(output))
            {
                return (exit, output);
            }

            Assert.That(TimeProvider.System.GetElapsedTime(deadline), Is.LessThan(TimeSpan.FromMinutes(2)), output);
            await Task.Delay(100);
        }
    }
}

/// <summary>Feature files and child-process helpers the robustness tests share.</summary>
internal static class Features
{
    /// <summary>The power-on procedure over <paramref name="rows"/> distinct margin levels: a campaign as long as needed.</summary>
    public static string PowerOnSweep(string folder, int rows)
    {
        var text = new System.Text.StringBuilder("""
            @power @ECSS-E-ST-20C
            Feature: Power-on over a fine voltage sweep

              Background:
                Given the DUT supply output is off
                And the DUT supply current limit is set from the DUT profile

              Scenario Outline: Supply current at <level> of nominal voltage
                When the DUT supply is set to <level> of the nominal voltage
                And the DUT supply output is switched on
                And the bench waits 100 ms for the supply to settle
                Then the DUT supply current is within the DUT profile limits

                Examples:
                  | level |

            """);
        for (var i = 0; i < rows; i++)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"      | {95 + (i * 10.0 / rows):0.0000} % |\n");
        }

        var path = Path.Combine(folder, $"power-on-sweep-{rows}.feature");
        File.WriteAllText(path, text.ToString());
        return path;
    }

    /// <summary>Reads the child's output until it has reported <paramref name="count"/> passed scenarios; the lines read so far.</summary>
    public static async Task<List<string>> WaitForPassesAsync(Process child, int count)
    {
        var lines = new List<string>();
        var read = Task.Run(() =>
        {
            var passes = 0;
            while (child.StandardOutput.ReadLine() is { } line)
            {
                lines.Add(line);
                if (line.Contains(" Pass ", StringComparison.Ordinal) && line.Contains("Supply current at", StringComparison.Ordinal) && ++passes == count)
                {
                    return true;
                }
            }

            return false;
        });
        var done = await Task.WhenAny(read, Task.Delay(TimeSpan.FromMinutes(4))) == read && read.Result;
        Assert.That(done, Is.True, $"the run reported {count} scenarios: {string.Join("\n", lines.TakeLast(10))} {(child.HasExited ? await child.StandardError.ReadToEndAsync() : "")}");
        return lines;
    }
}
