using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using SpaceTestBench.Cli.Tests.Robustness;
using SpaceTestBench.Cli.Tests.Support;
using SpaceTestBench.Results.Progress;
using SpaceTestBench.Testing;

namespace SpaceTestBench.Cli.Tests;

/// <summary>
/// <c>spacebench status --watch</c> on a run recording in another process: in a pseudo-terminal it redraws the
/// live picture, without one it writes plain lines; both follow the run and end by themselves when it ends. A third,
/// interrupted (SIGINT) while the run records, leaves with the run's last picture and the run goes on undisturbed.
/// </summary>
[NonParallelizable]
public sealed partial class StatusWatchTests
{
    [Test]
    public async Task Status_watch_follows_a_live_run_in_another_process_until_it_ends_in_a_terminal_and_in_plain_lines_or_until_interrupted()
    {
        var folder = Spacebench.NewFolder();
        var runFolder = Path.Combine(folder, "run");
        // Long enough on the simulated bench for two watchers to start and see it live.
        using var writer = Spacebench.Start("run", "--quiet", "--features", Features.PowerOnSweep(folder, 400), "--out", runFolder);
        var writerOutput = Drain(writer);
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        while (!writer.HasExited && DateTime.UtcNow < deadline && !HasProgress(runFolder))
        {
            await Task.Delay(50);
        }

        Assert.That(writer.HasExited, Is.False, "the watchers start while the run is recording");
        var typescript = Path.Combine(folder, "typescript");
        using var live = Typescript.StartSpacebench(typescript, $"status --watch --interval 0.3 '{runFolder}'");
        using var plain = Spacebench.Start("status", "--watch", "--interval", "0.3", runFolder);
        var plainOutput = Drain(plain);
        using var interrupted = Spacebench.Start("status", "--watch", "--interval", "0.3", runFolder);
        var interruptedOutput = new StringBuilder();
        var interruptedDrained = DrainInto(interrupted, interruptedOutput);

        var liveWhileRunning = false;
        var signalled = false;
        while (!writer.HasExited && DateTime.UtcNow < deadline)
        {
            liveWhileRunning |= Typescript.Screen(typescript).Contains("— live", StringComparison.Ordinal);
            if (!signalled && Snapshot(interruptedOutput).Split('\n').Any(l => PlainLine().IsMatch(l)))
            {
                // Ctrl-C to the third watcher once it has followed the run for a line: it leaves, the run does not.
                using var kill = Process.Start("kill", ["-INT", interrupted.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
                await kill.WaitForExitAsync();
                signalled = true;
            }

            await Task.Delay(50);
        }

        await writer.WaitForExitAsync();
        Assert.That(writer.ExitCode, Is.EqualTo(ExitCodes.Passed), await writerOutput);

        // Both watchers end by themselves once the run has recorded its end, with the run's exit code.
        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await live.WaitForExitAsync(patience.Token);
        await plain.WaitForExitAsync(patience.Token);
        await interrupted.WaitForExitAsync(patience.Token);
        await interruptedDrained;
        var screen = Typescript.Screen(typescript);
        var lines = await plainOutput;

        Assert.That(liveWhileRunning, Is.True, "the terminal showed the run live while it recorded");
        Assert.That(live.ExitCode, Is.EqualTo(ExitCodes.Passed), screen[^Math.Min(screen.Length, 3000)..]);
        Assert.That(screen, Does.Contain("Scenario").And.Contain("Interlocks").And.Contain("Last judged").And.Contain("finished"));
        Assert.That(Regex.Count(screen, "— live"), Is.GreaterThanOrEqualTo(2), "redrawn while the run went on");

        Assert.That(plain.ExitCode, Is.EqualTo(ExitCodes.Passed), lines);
        Assert.That(lines, Does.Not.Contain("\u001b["), "no terminal control codes in a log");
        var progressLines = lines.Split('\n').Where(l => PlainLine().IsMatch(l)).ToList();
        Assert.That(progressLines, Has.Count.GreaterThanOrEqualTo(2), lines);
        Assert.That(progressLines.Select(l => int.Parse(PlainLine().Match(l).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)), Is.Ordered, "scenario numbers only go forward");
        Assert.That(lines, Does.Contain("finished").And.Contain("Last judged"), "the whole picture at the end");

        Assert.That(signalled, Is.True, "the third watcher followed the run while it recorded");
        var left = interruptedOutput.ToString();
        Assert.That(interrupted.ExitCode, Is.EqualTo(ExitCodes.Passed), left);
        Assert.That(left, Does.Contain("— live").And.Contain("Last judged"), "it left on the signal, while the run was live, with the run's picture");
        Assert.That(left, Does.Not.Contain("finished"), "it did not wait for the run's end");
    }

    private static bool HasProgress(string runFolder)
    {
        try
        {
            return File.Exists(Path.Combine(runFolder, "results.sqlite")) && ProgressStore.Read(runFolder) is { Snapshot.Scenarios: > 0 };
        }
        catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or InvalidDataException or IOException)
        {
            return false;
        }
    }

    private static string Snapshot(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }

    private static Task DrainInto(Process process, StringBuilder output) => Task.WhenAll(
        Task.Run(async () =>
        {
            while (await process.StandardOutput.ReadLineAsync() is { } line)
            {
                lock (output)
                {
                    output.AppendLine(line);
                }
            }
        }),
        process.StandardError.ReadToEndAsync());

    private static Task<string> Drain(Process process)
    {
        var output = new StringBuilder();
        var stdout = Task.Run(async () =>
        {
            while (await process.StandardOutput.ReadLineAsync() is { } line)
            {
                lock (output)
                {
                    output.AppendLine(line);
                }
            }
        });
        var stderr = process.StandardError.ReadToEndAsync();
        return Task.Run(async () =>
        {
            await stdout;
            var error = await stderr;
            lock (output)
            {
                return output + error;
            }
        });
    }

    [GeneratedRegex(@"^live \[(\d+)/\d+\] .* elapsed")]
    private static partial Regex PlainLine();
}
