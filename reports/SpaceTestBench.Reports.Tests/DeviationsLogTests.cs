using SpaceTestBench.Reports.Tests.Support;
using SpaceTestBench.Results;
using SpaceTestBench.Results.Recording;
using SpaceTestBench.Results.Store;
using SpaceTestBench.Testing;

namespace SpaceTestBench.Reports.Tests;

/// <summary>The deviations log gathers every departure from the procedure, with when and its effect on the result.</summary>
public sealed class DeviationsLogTests
{
    [Test]
    public void A_recorded_deviation_a_retried_scenario_and_a_resumed_run_are_logged_in_bench_time_order_with_their_effect()
    {
        var folder = Path.Combine(TestRepository.ScratchFolder("deviations"), "run");
        var clock = new ManualClock(SyntheticCampaign.Start);
        using (var store = SqliteResultStore.Create(folder))
        {
            var recorder = new ResultRecorder(clock, store);
            recorder.StartRun(SyntheticCampaign.Info("run"));
            var first = recorder.StartScenario("thermal/thermal-cycling.feature", "Temperature cycling", null, "Condition B", 30, ["@thermal"]);
            clock.Advance(TimeSpan.FromMinutes(5));
            first.RecordEvent(BenchEventKind.Deviation, "thermal chamber", "Transfer took 75 s, more than the 1 min TM 1010 allows; the cycle is counted but its dwell starts late.");
            first.Finish(Verdict.Fail, "dwell too short");
            clock.Advance(TimeSpan.FromMinutes(5));
            var retry = recorder.StartScenario("thermal/thermal-cycling.feature", "Temperature cycling", null, "Condition B", 30, ["@thermal"]);
            clock.Advance(TimeSpan.FromMinutes(5));
            retry.Finish(Verdict.Pass, null);
            clock.Advance(TimeSpan.FromHours(1));
            recorder.RecordEvent(BenchEventKind.RunResumed, null, "The run resumes after its last finished scenario; 2 scenario(s) had finished.");
            recorder.FinishRun(SyntheticCampaign.Start.AddHours(2), Verdict.Fail);
        }

        var report = File.ReadAllText(ReportRenderer.Render(folder).Report);
        var log = report[report.IndexOf("id=\"deviation-log\"", StringComparison.Ordinal)..report.IndexOf("id=\"decision-rule\"", StringComparison.Ordinal)];

        var deviation = log.IndexOf("<td>recorded deviation</td>", StringComparison.Ordinal);
        var retried = log.IndexOf("<td>retried scenario</td>", StringComparison.Ordinal);
        var resumed = log.IndexOf("<td>resumed run</td>", StringComparison.Ordinal);
        Assert.That(new[] { deviation, retried, resumed }, Is.All.GreaterThan(0));
        Assert.That(deviation < retried && retried < resumed, Is.True, "in bench time order");
        Assert.That(log, Does.Contain("2026-03-02 08:05:00.000 UTC</td><td>recorded deviation</td>").And.Contain("Transfer took 75 s"));
        Assert.That(log, Does.Contain("&#39;Condition B&#39; (thermal/thermal-cycling.feature:30) ran 2 times: S0001 Fail, S0002 Pass"));
        Assert.That(log, Does.Contain("the interrupted step ran again"));
        Assert.That(report, Does.Contain("<tr id=\"iso-n\" data-anchor=\"deviations\"><td>n</td><td>Additions, deviations, exclusions</td><td><a href=\"#deviations\">deviations</a></td><td>1 recorded deviation, 1 equipment without calibration record, 1 retried scenario, 1 resumed run</td>"));
    }
}
