using Microsoft.Extensions.Time.Testing;
using SpaceTestBench.Results.Analysis;
using SpaceTestBench.Results.Judging;
using SpaceTestBench.Results.Quantities;
using SpaceTestBench.Results.Recording;
using SpaceTestBench.Results.Store;
using SpaceTestBench.Results.Tests.Support;
using SpaceTestBench.Testing;

namespace SpaceTestBench.Results.Tests.Judging;

public class VerdictPolicyTests
{
    private string _folder = null!;

    [SetUp]
    public void NewFolder() => _folder = TestRepository.ScratchFolder("verdict-policy");

    private static Quantity Q(string text) => Quantity.Parse(text);

    /// <summary>Records one run: each scenario passed all its steps (Cucumber says Passed) and recorded Pass at its end.</summary>
    private RunResults Record(params Action<ScenarioRecorder>[] scenarios)
    {
        using (var store = SqliteResultStore.Create(_folder))
        {
            var recorder = new ResultRecorder(new FakeTimeProvider(TestRuns.Start), store);
            recorder.StartRun(TestRuns.Info());
            var n = 0;
            foreach (var body in scenarios)
            {
                var scenario = recorder.StartScenario("f.feature", "F", null, $"scenario {++n}", 10 * n, []);
                scenario.StepStarted(0, "a step");
                body(scenario);
                scenario.StepFinished(0, "Then", "a step", (10 * n) + 1, StepOutcome.Passed, TimeSpan.FromMilliseconds(1), null);
                scenario.Finish(Verdict.Pass, null);
            }

            recorder.FinishRun(TestRuns.Start.AddHours(1), Verdict.Pass);
        }

        return ResultStoreReader.Read(_folder);
    }

    [Test]
    public void A_scenario_is_the_most_severe_of_what_it_contains_whatever_it_recorded_at_its_end()
    {
        var results = Record(
            s => s.Measure("current", Q("2 A"), Limit.AtMost(Q("3 A"))),
            s => s.Measure("current", Q("4 A"), Limit.AtMost(Q("3 A"))),
            s => s.MeasureCountedRate("error ratio", new CountedRate(0, 10_000, Units.One, "errors", n => $"{n:N0} inferences"), Limit.AtMost(Q("1e-4"))));

        var judgement = VerdictPolicy.Judge(results);

        Assert.Multiple(() =>
        {
            Assert.That(judgement.Scenarios.Select(s => s.Verdict), Is.EqualTo(new[] { Verdict.Pass, Verdict.Fail, Verdict.Inconclusive }));
            Assert.That(judgement.Scenarios[1].Why, Is.EqualTo("current = 4 A outside x ≤ 3 A"));
            Assert.That(judgement.Scenarios[2].Why, Does.StartWith("error ratio = 0 Inconclusive against x ≤ 0.0001 (0 errors in 10,000 inferences: one-sided 95 % upper bound 3e-4 > 1e-4; 29,958"));
            Assert.That(judgement.Verdict, Is.EqualTo(Verdict.Fail));
            Assert.That(judgement.Passed, Is.False);
        });
    }

    [Test]
    public void Events_a_run_counts_beside_what_it_tests_for_are_judged_only_where_their_count_decides()
    {
        // Functional interrupts in an upset run: Fail if shown above the limit, Pass if shown within it; undecided is
        // recorded NotSet with the reason and the fluence that would decide, never Pass and not Inconclusive.
        const string why = "this run counted other effects";
        CountedRate Sefi(long events, double ionsPerCm2) => new(events, ionsPerCm2 * 1e4, Units.Parse("cm²"), "functional interrupts", n => $"{n / 1e4:0.##e+0} ions/cm²");
        var limit = Limit.AtMost(Q("1e-5 cm²"));
        var results = Record(
            s => s.MeasureCountedRate("SEFI", Sefi(0, 1e7), limit, notTestedFor: why),
            s => s.MeasureCountedRate("SEFI", Sefi(0, 2_500), limit, notTestedFor: why),
            s => s.MeasureCountedRate("SEFI", Sefi(12, 2_500), limit, notTestedFor: why));

        var judgement = VerdictPolicy.Judge(results);

        Assert.Multiple(() =>
        {
            Assert.That(results.Measurements.Select(m => m.Verdict), Is.EqualTo(new[] { Verdict.Pass, Verdict.NotSet, Verdict.Fail }));
            Assert.That(results.Measurements[1].Decision, Does.StartWith("not judged: " + why).And.Contain("upper bound 1.2e-3 cm² > 1e-5 cm²").And.Contain("3e+5 ions/cm² without one of the functional interrupts needed"));
            Assert.That(judgement.Scenarios.Select(s => s.Verdict), Is.EqualTo(new[] { Verdict.Pass, Verdict.Pass, Verdict.Fail }));
        });
    }

    [Test]
    public void An_inconclusive_run_does_not_pass()
    {
        var results = Record(s => s.MeasureCountedRate("error ratio", new CountedRate(0, 100, Units.One, "errors", n => $"{n:N0} inferences"), Limit.AtMost(Q("1e-4"))));

        var judgement = VerdictPolicy.Judge(results);

        Assert.That((judgement.Verdict, judgement.Passed), Is.EqualTo((Verdict.Inconclusive, false)));
    }

    [Test]
    public void Findings_of_the_analyses_are_judged_results_of_their_scenario()
    {
        var results = Record(s => s.Measure("current", Q("2 A"), Limit.AtMost(Q("3 A"))), _ => { });
        var analysis = RunAnalysis.Of(results) with
        {
            Findings = [new AnalysisFinding("S0002", "thermal stability", "plateau at 125 °C", Verdict.Fail, "never stable within ±2 K")],
        };

        var judgement = VerdictPolicy.Judge(results, analysis);

        Assert.Multiple(() =>
        {
            Assert.That(judgement.Scenarios.Select(s => s.Verdict), Is.EqualTo(new[] { Verdict.Pass, Verdict.Fail }));
            Assert.That(judgement.Scenarios[1].Why, Is.EqualTo("thermal stability, plateau at 125 °C: never stable within ±2 K"));
            Assert.That(judgement.Verdict, Is.EqualTo(Verdict.Fail));
        });
    }

    [Test]
    public void A_run_that_stopped_or_whose_hook_failed_is_not_a_pass_even_if_every_scenario_passed()
    {
        using (var store = SqliteResultStore.Create(_folder))
        {
            var recorder = new ResultRecorder(new FakeTimeProvider(TestRuns.Start), store);
            recorder.StartRun(TestRuns.Info());
            var scenario = recorder.StartScenario("f.feature", "F", null, "s", 3, []);
            scenario.Finish(Verdict.Pass, null);
            recorder.RecordEvent(BenchEventKind.HookFailed, null, "AfterTestRun hook failed");
            recorder.FinishRun(TestRuns.Start.AddHours(1), Verdict.Pass);
        }

        var judgement = VerdictPolicy.Judge(ResultStoreReader.Read(_folder));

        Assert.That((judgement.Verdict, judgement.RunReasons.Single().Text), Is.EqualTo((Verdict.Error, "AfterTestRun hook failed")));
    }

    [Test]
    public void A_scenario_read_back_as_it_ends_is_judged_as_the_report_will_judge_it()
    {
        using var store = SqliteResultStore.Create(_folder);
        var recorder = new ResultRecorder(new FakeTimeProvider(TestRuns.Start), store);
        recorder.StartRun(TestRuns.Info());
        var first = recorder.StartScenario("f.feature", "F", null, "first", 3, []);
        first.StepStarted(0, "a step");
        first.Measure("current", Q("4 A"), Limit.AtMost(Q("3 A")));
        first.StepFinished(0, "Then", "a step", 4, StepOutcome.Failed, TimeSpan.Zero, "current = 4 A is outside its limit x ≤ 3 A.");
        first.Finish(Verdict.Fail, null);
        var second = recorder.StartScenario("f.feature", "F", null, "second", 6, []);
        second.StepStarted(0, "a step");
        second.MeasureCountedRate("error ratio", new CountedRate(0, 100, Units.One, "errors", n => $"{n:N0} inferences"), Limit.AtMost(Q("1e-4")));
        second.StepFinished(0, "Then", "a step", 7, StepOutcome.Passed, TimeSpan.Zero, null);

        var readBack = recorder.ReadBack(second.Scenario.ScenarioId)!;
        var live = VerdictPolicy.JudgeEndingScenario(readBack, second.Scenario.ScenarioId);
        second.Finish(live.Verdict, live.Why);
        recorder.FinishRun(TestRuns.Start.AddHours(1), Verdict.Fail);
        store.Flush();

        var report = VerdictPolicy.Judge(ResultStoreReader.Read(_folder));
        Assert.Multiple(() =>
        {
            Assert.That(readBack.Scenarios.Select(s => s.Info.Name), Is.EqualTo(new[] { "second" }), "only the scenario that ends");
            Assert.That(live.Verdict, Is.EqualTo(Verdict.Inconclusive));
            Assert.That(report.Scenarios.Select(s => s.Verdict), Is.EqualTo(new[] { Verdict.Fail, Verdict.Inconclusive }));
            Assert.That(report.Scenarios[1].Why, Is.EqualTo(live.Why));
        });
    }
}
