using System.Diagnostics;
using SpaceTestBench.Results.Judging;
using SpaceTestBench.Results.Store;
using SpaceTestBench.Results.Tests.Support;
using SpaceTestBench.Testing;

namespace SpaceTestBench.Results.Tests.Store;

/// <summary>
/// A campaign process killed with SIGKILL loses nothing it had recorded: the child acknowledges on
/// stdout only what the store has committed, the test kills it, and the store must hold all of that.
/// </summary>
public class KilledRunTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    [Test]
    public void Everything_acknowledged_before_SIGKILL_is_in_the_store()
    {
        var folder = TestRepository.ScratchFolder("results");
        using var child = Start(ChildWriter.KeepWriting, folder);
        var acknowledged = WaitForLine(child, line => line == "committed 20");
        child.Kill(); // SIGKILL on Linux: no finally blocks, no flush, no WAL checkpoint
        child.WaitForExit();

        var results = ResultStoreReader.Read(folder);
        var ticks = results.Measurements.Where(m => m.Name == "tick").Select(m => (int)m.Value.Value).ToList();
        var trace = results.Series.Single();
        Assert.Multiple(() =>
        {
            Assert.That(acknowledged, Does.Contain("committed 20"));
            Assert.That(ticks, Is.EqualTo(Enumerable.Range(0, ticks.Count)), "every tick, in order, none missing");
            Assert.That(ticks.Count, Is.GreaterThanOrEqualTo(21), "at least every acknowledged tick");
            Assert.That(trace.Count, Is.GreaterThanOrEqualTo(ticks.Count * ChildWriter.PointsPerTick), "the points before each tick");
            Assert.That(trace.Y.ToArray().Take(ticks.Count * ChildWriter.PointsPerTick), Is.EqualTo(Enumerable.Range(0, ticks.Count * ChildWriter.PointsPerTick).Select(i => (double)i)));
            Assert.That(results.Run.Completed, Is.False);
            var judgement = VerdictPolicy.Judge(results);
            Assert.That(judgement.VerdictOf(results.Scenarios.Single()), Is.EqualTo(Verdict.Aborted));
            Assert.That(judgement.Verdict, Is.EqualTo(Verdict.Aborted));
            Assert.That(results.Scenarios.Single().Steps.Single().Finished, Is.False, "the step it was killed in shows as started, not finished");
        });
    }

    [Test]
    public void Points_with_nothing_after_them_are_committed_by_the_flush_timer()
    {
        var folder = TestRepository.ScratchFolder("results");
        using var child = Start(ChildWriter.AppendTailAndWait, folder);
        WaitForLine(child, line => line == "tail appended");
        var expected = (ChildWriter.TicksBeforeTail * ChildWriter.PointsPerTick) + ChildWriter.TailPoints;

        // The flush interval is 200 ms of wall-clock time; wait as long as a loaded machine needs.
        var deadline = TimeProvider.System.GetTimestamp();
        while (ResultStoreReader.Read(folder).Series.Single().Count < expected && TimeProvider.System.GetElapsedTime(deadline) < Patience)
        {
            Thread.Sleep(50);
        }

        child.Kill();
        child.WaitForExit();

        var trace = ResultStoreReader.Read(folder).Series.Single();
        Assert.That(trace.Count, Is.EqualTo(expected));
        Assert.That(trace.Y.ToArray()[^ChildWriter.TailPoints..], Is.EqualTo(Enumerable.Range(1, ChildWriter.TailPoints).Select(i => -(double)i)));
    }

    private static Process Start(string verb, string folder)
    {
        var assembly = typeof(ChildWriter).Assembly.Location;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { assembly, verb, folder })
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start) ?? throw new InvalidOperationException("The child writer did not start.");
    }

    private static List<string> WaitForLine(Process child, Func<string, bool> wanted)
    {
        var lines = new List<string>();
        var read = Task.Run(() =>
        {
            while (child.StandardOutput.ReadLine() is { } line)
            {
                lines.Add(line);
                if (wanted(line))
                {
                    return true;
                }
            }

            return false;
        });
        if (!read.Wait(Patience) || !read.Result)
        {
            child.Kill();
            Assert.Fail($"The child did not get there: {string.Join(" | ", lines.TakeLast(5))} {child.StandardError.ReadToEnd()}");
        }

        return lines;
    }
}
