using SpaceTestBench.Reports.Junit;
using SpaceTestBench.Reports.Tests.Support;
using SpaceTestBench.Results;
using SpaceTestBench.Results.Quantities;
using SpaceTestBench.Results.Recording;
using SpaceTestBench.Results.Store;
using SpaceTestBench.Testing;

namespace SpaceTestBench.Reports.Tests;

public class JunitReportTests
{
    [Test]
    public void Maps_the_policy_verdicts_to_failure_and_error_an_inconclusive_scenario_failing_as_it_fails_the_exit_code()
    {
        var folder = TestRepository.ScratchFolder("report");
        using (var store = SqliteResultStore.Create(folder))
        {
            var recorder = new ResultRecorder(new ManualClock(SyntheticCampaign.Start), store);
            recorder.StartRun(SyntheticCampaign.Info("junit"));
            foreach (var (name, verdict) in new[] { ("passes", Verdict.Pass), ("fails", Verdict.Fail), ("errs", Verdict.Error), ("pending", Verdict.Inconclusive) })
            {
                var scenario = recorder.StartScenario("f.feature", "Feature", null, name, 1, []);
                scenario.StepStarted(0, "a step");
                var outcome = verdict switch { Verdict.Pass => StepOutcome.Passed, Verdict.Inconclusive => StepOutcome.Pending, _ => StepOutcome.Failed };
                scenario.StepFinished(0, "Given", "a step", 3, outcome, TimeSpan.FromMilliseconds(250), verdict.ToString());
                if (verdict == Verdict.Fail)
                {
                    scenario.Measure("I", Quantity.Parse("5 A"), Limit.AtMost(Quantity.Parse("1 A")));
                }

                scenario.Finish(verdict, verdict == Verdict.Pass ? null : $"it {name}");
            }

            recorder.FinishRun(SyntheticCampaign.Start, Verdict.Error);
        }

        var junit = JunitReport.Build(ResultStoreReader.Read(folder)).Root!;
        var cases = junit.Descendants("testcase").ToDictionary(c => c.Attribute("name")!.Value);

        Assert.That((int)junit.Attribute("tests")!, Is.EqualTo(4));
        Assert.That(cases["passes"].Elements().Select(e => e.Name.LocalName), Is.EqualTo(new[] { "system-out" }));
        Assert.That(cases["fails"].Element("failure")!.Attribute("message")!.Value, Is.EqualTo("I = 5 A outside x ≤ 1 A"));
        Assert.That(cases["fails"].Element("failure")!.Value.Split('\n')[0], Is.EqualTo("I = 5 A outside x ≤ 1 A"), "the first line is the scenario's Why, every reason follows");
        Assert.That(cases["errs"].Element("error")!.Attribute("message")!.Value, Does.StartWith("it errs"));
        Assert.That(cases["pending"].Element("failure")!.Attribute("type")!.Value, Is.EqualTo("Inconclusive"), "a scenario that cannot show Pass does not pass CI");
        Assert.That(((int)junit.Attribute("failures")!, (int)junit.Attribute("errors")!, (int)junit.Attribute("skipped")!), Is.EqualTo((2, 1, 0)));
        Assert.That(cases["passes"].Attribute("time")!.Value, Is.EqualTo("0.25"));
    }
}
