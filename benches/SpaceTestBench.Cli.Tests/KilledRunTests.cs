using SpaceTestBench.Cli.Tests.Robustness;
using SpaceTestBench.Cli.Tests.Support;

namespace SpaceTestBench.Cli.Tests;

/// <summary>
/// Killing <c>spacebench run</c> with SIGKILL mid-campaign leaves a store from which <c>spacebench report</c>
/// renders everything recorded up to the kill. The child prints each scenario's verdict only after the
/// store has committed it, so every verdict line read before the kill must be in the re-rendered report.
/// </summary>
[NonParallelizable]
public class KilledRunTests
{
    [Test]
    public async Task A_run_killed_with_SIGKILL_renders_every_scenario_it_reported()
    {
        var folder = Spacebench.NewFolder();
        var feature = Features.PowerOnSweep(folder, rows: 2000);
        var runFolder = Path.Combine(folder, "run");
        var reported = new List<string>();

        using (var child = Spacebench.Start("run", "--features", feature, "--out", runFolder))
        {
            var read = Task.Run(() =>
            {
                while (child.StandardOutput.ReadLine() is { } line)
                {
                    // "✔ Pass … Supply current at 95.0050 % of nominal voltage": the tick may print as '?' without a UTF-8 locale.
                    if (line.Contains(" Pass ", StringComparison.Ordinal) && line.Contains("Supply current at", StringComparison.Ordinal))
                    {
                        reported.Add(line);
                        if (reported.Count == 5)
                        {
                            return true;
                        }
                    }
                }

                return false;
            });
            var sawFive = read.Wait(TimeSpan.FromMinutes(3)) && read.Result;
            child.Kill(); // SIGKILL: no safe state, no FinishRun, no WAL checkpoint
            await child.WaitForExitAsync();
            Assert.That(sawFive, Is.True, $"the run reported five scenarios before the kill: {await child.StandardError.ReadToEndAsync()}");
        }

        Assert.That(File.Exists(Path.Combine(runFolder, "report.html")), Is.False, "killed before it could render");
        var (exit, output) = await Spacebench.RunAsync("report", runFolder);
        var html = await File.ReadAllTextAsync(Path.Combine(runFolder, "report.html"));

        Assert.That(exit, Is.EqualTo(ExitCodes.Failed), output);
        Assert.That(html, Does.Contain("id=\"interrupted\""));
        Assert.That(html, Does.Contain("class=\"verdict aborted\">Aborted</span>"));
        foreach (var level in reported.Select(line => line.Split("Supply current at ")[1].Split(" of nominal")[0]))
        {
            Assert.That(html, Does.Contain($"Supply current at {level} of nominal voltage</a></td><td>ECSS-E-ST-20C</td><td class=\"verdict pass\">Pass</td>"), level);
        }

        var passed = System.Text.RegularExpressions.Regex.Count(html, "<td class=\"verdict pass\">Pass</td>");
        Assert.That(passed, Is.GreaterThanOrEqualTo(reported.Count).And.LessThan(2000));
    }
}
