using System.Text;
using System.Text.RegularExpressions;
using SpaceTestBench.Cli.Tests.Support;
using SpaceTestBench.Results.Judging;
using SpaceTestBench.Results;
using SpaceTestBench.Results.Recording;
using SpaceTestBench.Results.Store;

namespace SpaceTestBench.Cli.Tests;

/// <summary>
/// The evidence issue 8 asks for: a campaign of long soaks killed with SIGKILL in the middle, then
/// <c>spacebench run --resume</c>. Every scenario ends recorded exactly once, every measurement the killed
/// run had committed is still there unchanged, nothing is counted twice, and the waits resumed with the
/// time they had left instead of starting over.
/// </summary>
[NonParallelizable]
public class ResumedRunTests
{
    private const int Soaks = 6;
    private const int SoakHours = 1000;

    [Test]
    public async Task A_campaign_killed_with_SIGKILL_resumes_to_the_end_with_nothing_lost_or_recorded_twice()
    {
        var folder = Spacebench.NewFolder();
        var feature = SoakFeature(folder);
        var runFolder = Path.Combine(folder, "run");

        using (var child = Spacebench.Start("run", "--features", feature, "--out", runFolder))
        {
            var read = Task.Run(() =>
            {
                var passes = 0;
                while (child.StandardOutput.ReadLine() is { } line)
                {
                    if (line.Contains(" Pass ", StringComparison.Ordinal) && line.Contains("Soak ", StringComparison.Ordinal) && ++passes == 2)
                    {
                        return true;
                    }
                }

                return false;
            });
            var sawTwo = read.Wait(TimeSpan.FromMinutes(5)) && read.Result;
            child.Kill(); // SIGKILL in the third soak: no safe state, no end of run, no WAL checkpoint
            await child.WaitForExitAsync();
            Assert.That(sawTwo, Is.True, $"two soaks were reported before the kill: {await child.StandardError.ReadToEndAsync()}");
        }

        var killed = ResultStoreReader.Read(runFolder);
        Assert.That(killed.Run.Completed, Is.False);
        var committed = killed.Measurements.ToList();
        Assert.That(committed, Is.Not.Empty);

        var (exit, output) = await Spacebench.RunAsync("run", "--resume", runFolder);
        Assert.That(exit, Is.EqualTo(ExitCodes.Passed), output);

        var resumed = ResultStoreReader.Read(runFolder);
        Assert.That(resumed.Run.Completed, Is.True);
        Assert.That(resumed.Events.Select(e => e.Kind), Does.Contain(BenchEventKind.RunResumed).And.Contain(BenchEventKind.SafeState));

        // Every soak exactly once, each passed, each with exactly one current reading.
        Assert.That(resumed.Scenarios.Select(s => s.Info.Name), Is.EquivalentTo(Enumerable.Range(1, Soaks).Select(n => $"Soak {n}")));
        var judgement = VerdictPolicy.Judge(resumed);
        foreach (var scenario in resumed.Scenarios)
        {
            Assert.That(judgement.VerdictOf(scenario), Is.EqualTo(Verdict.Pass), scenario.Info.Name);
            Assert.That(scenario.Measurements.Count(m => m.Name == "DUT supply current"), Is.EqualTo(1), scenario.Info.Name);
        }

        // No two scenarios claim the same fresh sample, although the resumed simulated facility numbers its samples afresh.
        var serials = resumed.Events.Where(e => e.Values.ContainsKey(WellKnownConditions.Sample))
            .Select(e => Regex.Match(e.Message, @"serial (\S+) of").Groups[1].Value).ToList();
        Assert.That(serials, Has.Count.GreaterThanOrEqualTo(Soaks).And.All.Not.Empty, "a sample per scenario");
        Assert.That(serials, Is.Unique);

        // Nothing the killed run committed is lost or altered: the finished soaks keep their readings as they were.
        var finishedBeforeKill = killed.Scenarios.Where(s => s.RecordedVerdict is not null).Select(s => s.Info.ScenarioId).ToHashSet();
        Assert.That(finishedBeforeKill, Has.Count.GreaterThanOrEqualTo(2));
        foreach (var before in committed.Where(m => finishedBeforeKill.Contains(m.ScenarioId)))
        {
            var after = resumed.Measurements.Single(m => m.Sequence == before.Sequence);
            Assert.That((after.Name, after.Value, after.BenchTime), Is.EqualTo((before.Name, before.Value, before.BenchTime)));
        }

        var lost = committed.Count(before => resumed.Measurements.All(after => after.Sequence != before.Sequence) && finishedBeforeKill.Contains(before.ScenarioId));
        TestContext.Out.WriteLine(
            $"SIGKILL then resume: {finishedBeforeKill.Count} of {Soaks} soaks finished before the kill, {committed.Count} measurements committed; " +
            $"after resume {resumed.Scenarios.Count} scenarios, {resumed.Measurements.Count} measurements, measurements lost: {lost}");
        Assert.That(lost, Is.Zero);

        // The soaks took their bench time once: a resumed wait waits only what was left (at most one
        // checkpoint interval is repeated), it does not start the 1000 h over.
        var elapsed = resumed.Run.FinishedBench!.Value - resumed.Run.StartedBench;
        Assert.That(elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromHours(Soaks * SoakHours)));
        Assert.That(elapsed, Is.LessThan(TimeSpan.FromHours((Soaks * SoakHours) + 8)));
    }

    private static string SoakFeature(string folder)
    {
        var text = new StringBuilder($$"""
            @power
            Feature: Powered soak campaign

              Scenario Outline: Soak <n>
                Given a fresh sample of the DUT is mounted
                And the DUT supply output is off
                And the DUT supply current limit is set from the DUT profile
                When the DUT supply is set to 100 % of the nominal voltage
                And the DUT supply output is switched on
                And the bench waits {{SoakHours}} h
                Then the DUT supply current is within the DUT profile limits

                Examples:
                  | n |

            """);
        for (var n = 1; n <= Soaks; n++)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"      | {n} |\n");
        }

        var path = Path.Combine(folder, "soak.feature");
        File.WriteAllText(path, text.ToString());
        return path;
    }
}
