using Gherkin.CucumberMessages;
using Reqnroll;
using SpaceTestBench.Gherkin.Bindings;
using SpaceTestBench.Gherkin.Execution;
using SpaceTestBench.Gherkin.Parsing;

namespace SpaceTestBench.Gherkin.Tests.Execution;

/// <summary>
/// The operator's stop (the run's cancellation token, cancelled by Ctrl-C or SIGTERM) fired at chosen moments
/// from inside a step: no further step or scenario starts, the step it cut is not reported as Failed, and an
/// <see cref="OperationCanceledException"/> nobody asked for is an ordinary failure, not a stop (issue 15: a
/// Ctrl-C that did not stop the run).
/// </summary>
public sealed class OperatorStopTests
{
    private const string TwoScenarios = """
        Feature: Stops
          Scenario: First
            Given FIRST
            And step two
            And THIRD

          Scenario: Second
            Given step one
        """;

    [TestCase("a step that ends normally (an instrument exchange)", "stop during step one")]
    [TestCase("a step cut where it waits on the bench", "stop and wait in step one")]
    public async Task Once_the_operator_stops_no_further_step_or_scenario_starts(string moment, string feature)
    {
        var run = StoppableRun.Of(feature, "step three");

        var stopped = await run.RunAsync();

        Assert.That(stopped, Is.True, $"{moment}: the run ended with the stop");
        Assert.That(run.Log, Is.EqualTo(new[] { "before First", "one" }), $"{moment}: neither step two nor the second scenario nor an After hook ran");
        Assert.That(run.Finished, Is.Empty, $"{moment}: the cut scenario did not finish");
        Assert.That(run.StepsFinished.Where(s => s.Status is TestStatus.Failed or TestStatus.Skipped), Is.Empty, $"{moment}: no step reported Failed or Skipped");
    }

    [Test]
    public async Task A_step_that_runs_on_to_its_end_after_the_stop_is_the_interrupted_one_reported_neither_passed_nor_failed()
    {
        var run = StoppableRun.Of("stop and fail in step one", "step three");

        var stopped = await run.RunAsync();

        Assert.That(stopped, Is.True);
        Assert.That(run.StepsStarted, Is.EqualTo(new[] { 0 }), "step two never started");
        Assert.That(run.StepsFinished, Is.Empty, "the step the stop landed in is unfinished, for a resumed run to run again from its start");
        Assert.That(run.Finished, Is.Empty);
    }

    [Test]
    public async Task A_stop_in_the_last_step_leaves_the_scenario_open_without_its_After_hooks()
    {
        var run = StoppableRun.Of("step one", "stop during step three");

        var stopped = await run.RunAsync();

        Assert.That(stopped, Is.True);
        Assert.That(run.Log, Is.EqualTo(new[] { "before First", "one", "two", "three" }), "no After hook ran on the cut scenario, and the second never started");
        Assert.That(run.Finished, Is.Empty);
    }

    [Test]
    public async Task A_stop_during_the_After_hooks_of_a_failed_scenario_lets_them_finish_it_with_its_verdict_and_starts_no_other()
    {
        var run = new StoppableRun("""
            Feature: Stops
              @stop-after
              Scenario: First
                Given a failing step
                And step two

              Scenario: Second
                Given step one
            """);

        var stopped = await run.RunAsync();

        Assert.That(stopped, Is.True);
        Assert.That(run.Finished.Select(r => (r.TestCase.Pickle.Name, r.Status)), Is.EqualTo(new[] { ("First", TestStatus.Failed) }));
        Assert.That(run.Finished[0].Steps.Select(s => s.Status), Is.EqualTo(new[] { TestStatus.Failed, TestStatus.Skipped }));
        Assert.That(run.Log, Is.EqualTo(new[] { "before First", "stop in After hook", "after First" }), "every After hook ran (the bench's safe state after an Error is one)");
    }

    [Test]
    public async Task An_OperationCanceledException_nobody_asked_for_is_a_failure_and_the_run_goes_on()
    {
        var run = StoppableRun.Of("a timeout in step one", "step three");

        var stopped = await run.RunAsync();

        Assert.That(stopped, Is.False);
        Assert.That(run.Finished.Select(r => (r.TestCase.Pickle.Name, r.Status)), Is.EqualTo(new[] { ("First", TestStatus.Failed), ("Second", TestStatus.Passed) }));
        Assert.That(run.StepsFinished[0].Error, Is.InstanceOf<OperationCanceledException>());
    }

    /// <summary>A runner over <see cref="StopSteps"/> whose steps can fire the run's stop at their moment.</summary>
    private sealed class StoppableRun(string featureText) : IRunListener
    {
        /// <summary>The two scenarios with the first one's first and third steps as given.</summary>
        public static StoppableRun Of(string first, string third) =>
            new(TwoScenarios.Replace("FIRST", first, StringComparison.Ordinal).Replace("THIRD", third, StringComparison.Ordinal));

        public List<string> Log { get; } = [];

        public List<int> StepsStarted { get; } = [];

        public List<StepResult> StepsFinished { get; } = [];

        public List<TestCaseResult> Finished { get; } = [];

        /// <summary>Runs every scenario as a host does (the stop checked between them); true if the run ended with the stop.</summary>
        public async Task<bool> RunAsync()
        {
            using var stop = new CancellationTokenSource();
            var ids = new IncrementingIdGenerator();
            var feature = FeatureSource.Parse(featureText.ReplaceLineEndings("\n"), "stop.feature", "stop.feature", ids);
            await using var runner = new SpaceTestBench.Gherkin.Execution.TestRunner(BindingSource.FromTypes([typeof(StopSteps)]), this, new TestRunnerOptions { Ids = ids });
            runner.RunContainer.RegisterInstanceAs(Log);
            runner.RunContainer.RegisterInstanceAs(stop);
            try
            {
                foreach (var testCase in await runner.StartAsync([feature], null, stop.Token))
                {
                    stop.Token.ThrowIfCancellationRequested();
                    await runner.RunAsync(testCase.Feature, testCase.Pickle, stop.Token);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return true;
            }

            return false;
        }

        void IRunListener.StepStarted(TestCaseInfo testCase, int index, Reqnroll.IScenarioContext context) => StepsStarted.Add(index);

        void IRunListener.StepFinished(TestCaseInfo testCase, StepResult result, Reqnroll.IScenarioContext context) => StepsFinished.Add(result);

        void IRunListener.TestCaseFinished(TestCaseResult result, Reqnroll.IScenarioContext context) => Finished.Add(result);
    }

    [Binding]
    public sealed class StopSteps(List<string> log, CancellationTokenSource stop, Reqnroll.ScenarioContext scenario)
    {
        [BeforeScenario]
        public void Before() => log.Add("before " + scenario.ScenarioInfo.Title);

        [AfterScenario]
        public void After() => log.Add("after " + scenario.ScenarioInfo.Title);

        [AfterScenario("stop-after", Order = 0)]
        public void StopInAfterHook()
        {
            log.Add("stop in After hook");
            stop.Cancel();
        }

        [Given("a failing step")]
        public void Fail() => throw new InvalidOperationException("the instrument reported an error");

        [Given("step one")]
        public void One() => log.Add("one");

        [Given("step two")]
        public void Two() => log.Add("two");

        [Given("step three")]
        public void Three() => log.Add("three");

        // Ctrl-C while the step talks to an instrument: the exchange does not take the stop and ends normally.
        [Given("stop during step one")]
        public void StopDuringOne()
        {
            log.Add("one");
            stop.Cancel();
        }

        [Given("stop during step three")]
        public void StopDuringThree()
        {
            log.Add("three");
            stop.Cancel();
        }

        // Ctrl-C during a bench wait: the wait takes the stop and ends the step with it.
        [Given("stop and wait in step one")]
        public async Task StopAndWaitAsync()
        {
            log.Add("one");
            stop.Cancel();
            await Task.Delay(TimeSpan.FromDays(1), stop.Token);
        }

        [Given("stop and fail in step one")]
        public void StopAndFail()
        {
            stop.Cancel();
            throw new InvalidOperationException("the instrument reported an error");
        }

        // An I/O deadline of some library, surfacing as a cancellation the operator did not ask for.
        [Given("a timeout in step one")]
        public async Task TimeoutAsync()
        {
            using var deadline = new CancellationTokenSource();
            await deadline.CancelAsync();
            await Task.Delay(TimeSpan.FromDays(1), deadline.Token);
        }
    }
}
