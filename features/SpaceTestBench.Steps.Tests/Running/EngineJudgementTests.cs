using Reqnroll;
using Gherkin.CucumberMessages;
using SpaceTestBench.Gherkin;
using SpaceTestBench.Gherkin.Bindings;
using SpaceTestBench.Gherkin.Execution;
using SpaceTestBench.Gherkin.Parsing;
using SpaceTestBench.Results;
using SpaceTestBench.Results.Judging;
using SpaceTestBench.Results.Provenance;
using SpaceTestBench.Results.Quantities;
using SpaceTestBench.Results.Recording;
using SpaceTestBench.Results.Store;
using SpaceTestBench.Steps.Running;
using SpaceTestBench.Testing;
using TestRunner = SpaceTestBench.Gherkin.Execution.TestRunner;

namespace SpaceTestBench.Steps.Tests.Running;

/// <summary>
/// The engine judges: a binding that records measurements and does nothing more still fails its step when one
/// misses its limit, and a scenario whose judged results the steps did not show (an Inconclusive rate) is reported
/// to Cucumber at its end, with the verdict the store and the report give it.
/// </summary>
public sealed class EngineJudgementTests
{
    private const string Feature = """
        Feature: Judged by the engine
          Scenario: within
            When a current of 2000 mA is measured
            Then nothing else happens

          Scenario: outside
            When a current of 4000 mA is measured
            And a current of 5000 mA is measured
            Then nothing else happens

          Scenario: undecided
            When 0 errors in 10000 inferences are counted
            Then nothing else happens
        """;

    [Test]
    public async Task A_binding_that_only_records_fails_its_step_and_an_undecided_rate_makes_the_scenario_inconclusive()
    {
        var folder = TestRepository.ScratchFolder("engine-judgement");
        var results = new List<TestCaseResult>();
        using (var store = SqliteResultStore.Create(folder))
        {
            var recorder = new ResultRecorder(TimeProvider.System, store);
            recorder.StartRun(new RunInfo("engine", new BenchInfo("bench", "bench.json", "virtual", []), new DutInfo("d", "DUT", null, "dut.json", "", [], null),
                "qa", new SoftwareInfo("test", null, []), DateTimeOffset.UnixEpoch, new Dictionary<string, string>()));
            var ids = new IncrementingIdGenerator();
            var feature = FeatureSource.Parse(Feature, "judged.feature", "judged.feature", ids);
            await using var runner = new TestRunner(
                BindingSource.FromTypes([typeof(RecordingOnlySteps), typeof(StepJudge), typeof(ScenarioJudge)]),
                new ResultsListener(recorder), new TestRunnerOptions { Ids = ids });
            runner.RunContainer.RegisterInstanceAs(recorder);
            await runner.StartAsync([feature]);
            foreach (var pickle in feature.Pickles)
            {
                results.Add(await runner.RunAsync(feature, pickle));
            }

            await runner.FinishAsync();
            recorder.FinishRun(DateTimeOffset.UnixEpoch, Verdict.NotSet);
        }

        var stored = ResultStoreReader.Read(folder);
        var judgement = VerdictPolicy.Judge(stored);
        Assert.Multiple(() =>
        {
            Assert.That(results.Select(r => r.Status), Is.EqualTo(new[] { TestStatus.Passed, TestStatus.Failed, TestStatus.Pending }));

            var outside = results[1].Steps;
            Assert.That(outside.Select(s => s.Status), Is.EqualTo(new[] { TestStatus.Failed, TestStatus.Skipped, TestStatus.Skipped }), "the failing step fails; the rest is skipped");
            Assert.That(outside[0].Error, Is.TypeOf<LimitViolationException>());
            Assert.That(outside[0].Message, Does.Contain("DUT current = 4000 mA is outside its limit x ≤ 3 A"));

            Assert.That(results[2].Steps.Select(s => s.Status), Is.All.EqualTo(TestStatus.Passed), "an undecided rate does not stop the procedure");
            Assert.That(results[2].Hooks.Single(h => h.Hook.Method.Name == nameof(ScenarioJudge.JudgeScenario)).Status, Is.EqualTo(TestStatus.Pending));
            Assert.That(results[2].Message, Does.Contain("Inconclusive: error ratio").And.Contain("29,958 inferences without an error needed"));

            Assert.That(stored.Scenarios.Select(s => s.RecordedVerdict), Is.EqualTo(new Verdict?[] { Verdict.Pass, Verdict.Fail, Verdict.Inconclusive }), "what each scenario recorded live");
            Assert.That(judgement.Scenarios.Select(s => s.Verdict), Is.EqualTo(new[] { Verdict.Pass, Verdict.Fail, Verdict.Inconclusive }), "what the report says");
            Assert.That(judgement.Verdict, Is.EqualTo(Verdict.Fail));
        });
    }

    /// <summary>Bindings that record and never judge.</summary>
    [Binding]
    public sealed class RecordingOnlySteps(ScenarioRecorder results)
    {
        /// <summary>Records a current against at most 3 A.</summary>
        [When("a current of {int} mA is measured")]
        public void Current(int milliamperes) =>
            results.Measure("DUT current", new Quantity(milliamperes, Units.Milliampere), Limit.AtMost(new Quantity(3, Units.Ampere)));

        /// <summary>Records an error ratio against at most 1e-4.</summary>
        [When("{int} errors in {int} inferences are counted")]
        public void Errors(int errors, int inferences) =>
            results.MeasureCountedRate("error ratio", new CountedRate(errors, inferences, Units.One, "errors", n => $"{n:N0} inferences"), Limit.AtMost(new Quantity(1e-4, Units.One)));

        /// <summary>Does nothing.</summary>
        [Then("nothing else happens")]
        public static void Nothing()
        {
        }
    }
}
