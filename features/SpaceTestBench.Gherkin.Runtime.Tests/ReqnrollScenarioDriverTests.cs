using Gherkin.CucumberMessages;
using Reqnroll;
using Reqnroll.Plugins;
using SpaceTestBench.Gherkin.Execution;
using SpaceTestBench.Gherkin.NUnit.Runtime;
using SpaceTestBench.Gherkin.Parsing;
using SpaceTestBench.Gherkin.Runtime;

[assembly: RuntimePlugin(typeof(NUnitRuntimePlugin))]

// Not under SpaceTestBench.Gherkin, whose own ScenarioContext/FeatureContext would hide Reqnroll's (until they are deleted, issue 16).
namespace SpaceTestBench.ReqnrollRuntime.Tests;

/// <summary>
/// This layer's pickles run through Reqnroll's own runtime (<see cref="ITestRunner"/>, started as a Reqnroll test
/// project starts it) by <see cref="ReqnrollScenarioDriver"/>: the feature, rule, scenario and outline row reach
/// Reqnroll's contexts; tables and doc strings reach the bindings; Cucumber's statuses come back; a resumed
/// scenario starts at its first unfinished step; and the operator's stop keeps the semantics the product's
/// kill/resume tests pin (no step or Before hook starts after it, the step it lands in is unfinished, a
/// cancellation nobody asked for is a failure).
/// </summary>
[NonParallelizable]
public sealed class ReqnrollScenarioDriverTests
{
    private static readonly RunState State = new();
    private static readonly StepLog Steps = new();
    private ITestRunner _runner = null!;
    private ReqnrollScenarioDriver _driver = null!;

    [OneTimeSetUp]
    public async Task StartReqnrollAsync()
    {
        await TestRunnerManager.OnTestRunStartAsync(typeof(ReqnrollScenarioDriverTests).Assembly);
        _runner = TestRunnerManager.GetTestRunnerForAssembly(typeof(ReqnrollScenarioDriverTests).Assembly);
        _runner.TestThreadContext.TestThreadContainer.RegisterInstanceAs(State);
        _driver = new ReqnrollScenarioDriver(_runner, Steps);
    }

    [OneTimeTearDown]
    public async Task EndReqnrollAsync()
    {
        await _driver.FinishFeatureAsync();
        TestRunnerManager.ReleaseTestRunner(_runner);
        await TestRunnerManager.OnTestRunEndAsync(typeof(ReqnrollScenarioDriverTests).Assembly);
    }

    [SetUp]
    public void Reset()
    {
        State.Log.Clear();
        State.Stop = new CancellationTokenSource();
        Steps.Started.Clear();
        Steps.Finished.Clear();
        Steps.Errors.Clear();
        Steps.Scenarios.Clear();
    }

    [TearDown]
    public void DisposeStop() => State.Stop.Dispose();

    [Test]
    public async Task The_feature_rule_scenario_and_outline_row_reach_Reqnrolls_contexts_and_tables_and_doc_strings_the_bindings()
    {
        var feature = Parse("""
            @lab
            Feature: Supply
              The DUT supply.

              Rule: Ramps
                @fast
                Scenario Outline: Ramp to <volts>
                  Given the context is recorded
                  And the limits are:
                    | limit | value |
                    | max   | <volts> |
                  Then the note is:
                    ```
                    within limits
                    ```

                  Examples:
                    | volts |
                    | 5     |
            """);

        var result = await _driver.RunAsync(feature, feature.Pickles[0], 0, State.Stop.Token);

        Assert.That(result.Status, Is.EqualTo(TestStatus.Passed), result.Error?.ToString());
        Assert.That(State.Log, Is.EqualTo(new[]
        {
            "before Ramp to 5",
            "feature Supply [lab] The DUT supply.",
            "scenario Ramp to 5 [fast] [fast,lab] volts=5 rule Ramps",
            "limits max=5",
            "note within limits",
            "after Ramp to 5",
        }));
        Assert.That(Steps.Started, Is.EqualTo(new[] { 0, 1, 2 }));
        Assert.That(Steps.Finished, Is.EqualTo(new[] { (0, ScenarioExecutionStatus.OK), (1, ScenarioExecutionStatus.OK), (2, ScenarioExecutionStatus.OK) }));
        Assert.That(Steps.Scenarios, Is.EqualTo(new[]
        {
            "started Ramp to 5 (hooks so far: 0)",
            "finished Ramp to 5 after after Ramp to 5, container open: True",
        }), "the listener hears of the scenario before its Before hooks and after its After hooks");
    }

    [Test]
    public async Task An_AfterStep_hook_that_fails_fails_the_step_that_had_passed_and_the_rest_are_skipped()
    {
        var feature = Parse("""
            Feature: Judged steps
              @judge
              Scenario: First
                Given a measurement that misses its limit
                And step two
            """);

        var result = await _driver.RunAsync(feature, feature.Pickles[0], 0, State.Stop.Token);

        Assert.That(result.Status, Is.EqualTo(TestStatus.Failed));
        Assert.That(result.Error?.Message, Is.EqualTo("the measurement missed its limit"));
        Assert.That(Steps.Finished, Is.EqualTo(new[] { (0, ScenarioExecutionStatus.TestError), (1, ScenarioExecutionStatus.Skipped) }));
        Assert.That(Steps.Errors[0]?.Message, Is.EqualTo("the measurement missed its limit"));
        Assert.That(State.Log, Is.EqualTo(new[] { "before First", "measured", "after First" }));
    }

    [TestCase("a failing step", TestStatus.Failed, ScenarioExecutionStatus.TestError)]
    [TestCase("a pending step", TestStatus.Pending, ScenarioExecutionStatus.StepDefinitionPending)]
    [TestCase("a step nobody defined", TestStatus.Undefined, ScenarioExecutionStatus.UndefinedStep)]
    [TestCase("an ambiguous step", TestStatus.Ambiguous, ScenarioExecutionStatus.BindingError)]
    public async Task A_step_that_does_not_pass_gives_the_scenario_its_status_skips_the_rest_and_the_After_hooks_run(string first, TestStatus status, ScenarioExecutionStatus reqnroll)
    {
        var feature = Parse($"""
            Feature: Statuses
              Scenario: First
                Given {first}
                And step two
            """);

        var result = await _driver.RunAsync(feature, feature.Pickles[0], 0, State.Stop.Token);

        Assert.That((result.Status, result.ExecutionStatus), Is.EqualTo((status, reqnroll)), result.Error?.ToString());
        Assert.That(State.Log, Is.EqualTo(new[] { "before First", "after First" }), "step two did not run; the After hook did");
        Assert.That(Steps.Finished.Select(s => s.Index), Is.EqualTo(new[] { 0, 1 }));
        Assert.That(Steps.Finished[1].Status, Is.EqualTo(ScenarioExecutionStatus.Skipped), "step two is reported skipped");
    }

    [Test]
    public async Task A_resumed_scenario_runs_its_hooks_and_its_steps_from_the_first_unfinished_one()
    {
        var feature = Parse("""
            Feature: Resume
              Scenario: First
                Given step one
                And step two
                And step three
            """);

        var result = await _driver.RunAsync(feature, feature.Pickles[0], 1, State.Stop.Token);

        Assert.That(result.Status, Is.EqualTo(TestStatus.Passed));
        Assert.That(State.Log, Is.EqualTo(new[] { "before First", "two", "three", "after First" }));
        Assert.That(Steps.Started, Is.EqualTo(new[] { 1, 2 }));
    }

    [Test]
    public async Task A_resumed_scenario_whose_record_has_a_step_that_did_not_pass_skips_the_rest_unrun_and_runs_its_hooks()
    {
        var feature = Parse("""
            Feature: Resume
              Scenario: First
                Given step one
                And step two
                And step three
            """);

        var result = await _driver.RunAsync(feature, feature.Pickles[0], 1, ended: true, State.Stop.Token);

        Assert.That(State.Log, Is.EqualTo(new[] { "before First", "after First" }), "steps two and three not run; the hooks ran");
        Assert.That(Steps.Skipped, Is.EqualTo(new[] { 1, 2 }), "told skipped, as Reqnroll skips the steps after one that failed");
        Assert.That(Steps.Started, Is.Empty);
        Assert.That(result.Status, Is.EqualTo(TestStatus.Passed), "Reqnroll's own status of this attempt: nothing in it failed");
    }

    [TestCase("a step that ends normally (an instrument exchange)", "stop during step one")]
    [TestCase("a step cut where it waits on the bench", "stop and wait in step one")]
    public async Task Once_the_operator_stops_no_further_step_or_scenario_starts(string moment, string first)
    {
        var stopped = await RunTwoScenariosAsync(first, "step three");

        Assert.That(stopped, Is.True, $"{moment}: the run ended with the stop");
        Assert.That(State.Log, Is.EqualTo(new[] { "before First", "one" }), $"{moment}: neither step two nor the second scenario nor an After hook ran");
        Assert.That(Steps.Finished, Is.Empty, $"{moment}: the step the stop landed in is not reported, neither Failed nor Skipped");
        Assert.That(Steps.Scenarios, Has.Count.EqualTo(1).And.None.StartsWith("finished"), $"{moment}: the cut scenario does not finish");
    }

    [Test]
    public async Task A_step_that_runs_on_to_its_end_after_the_stop_is_the_interrupted_one_reported_neither_passed_nor_failed()
    {
        var stopped = await RunTwoScenariosAsync("stop and fail in step one", "step three");

        Assert.That(stopped, Is.True);
        Assert.That(Steps.Started, Is.EqualTo(new[] { 0 }), "step two never started");
        Assert.That(Steps.Finished, Is.Empty, "the step the stop landed in is unfinished, for a resumed run to run again from its start");
    }

    [Test]
    public async Task A_stop_in_the_last_step_leaves_the_scenario_open_without_its_After_hooks()
    {
        var stopped = await RunTwoScenariosAsync("step one", "stop during step three");

        Assert.That(stopped, Is.True);
        Assert.That(State.Log, Is.EqualTo(new[] { "before First", "one", "two", "three" }), "no After hook ran on the cut scenario, and the second never started");
        Assert.That(Steps.Finished.Select(s => s.Index), Is.EqualTo(new[] { 0, 1 }));
    }

    [Test]
    public async Task A_stop_during_the_After_hooks_of_a_failed_scenario_lets_them_finish_it_with_its_verdict_and_starts_no_other()
    {
        var feature = Parse("""
            Feature: Stops
              @stop-after
              Scenario: First
                Given a failing step
                And step two

              Scenario: Second
                Given step one
            """);
        var results = new List<ReqnrollScenarioResult>();

        var stopped = await RunAllAsync(feature, results);

        Assert.That(stopped, Is.True);
        Assert.That(results.Select(r => r.Status), Is.EqualTo(new[] { TestStatus.Failed }));
        Assert.That(Steps.Finished.Select(s => s.Status), Is.EqualTo(new[] { ScenarioExecutionStatus.TestError, ScenarioExecutionStatus.Skipped }));
        Assert.That(State.Log, Is.EqualTo(new[] { "before First", "stop in After hook", "after First" }), "every After hook ran (the bench's safe state after an Error is one)");
    }

    [Test]
    public async Task A_stop_before_a_scenario_starts_runs_none_of_its_Before_hooks()
    {
        var feature = Parse("""
            Feature: Stops
              Scenario: First
                Given step one
            """);
        await State.Stop.CancelAsync();

        Assert.That(async () => await _driver.RunAsync(feature, feature.Pickles[0], 0, State.Stop.Token), Throws.InstanceOf<OperationCanceledException>());
        Assert.That(State.Log, Is.Empty);
    }

    [Test]
    public async Task An_OperationCanceledException_nobody_asked_for_is_a_failure_and_the_run_goes_on()
    {
        var results = new List<ReqnrollScenarioResult>();
        var feature = Parse(TwoScenarios("a timeout in step one", "step three"));

        var stopped = await RunAllAsync(feature, results);

        Assert.That(stopped, Is.False);
        Assert.That(results.Select(r => r.Status), Is.EqualTo(new[] { TestStatus.Failed, TestStatus.Passed }));
        Assert.That(results[0].Error, Is.InstanceOf<OperationCanceledException>());
    }

    private static string TwoScenarios(string first, string third) => $"""
        Feature: Stops
          Scenario: First
            Given {first}
            And step two
            And {third}

          Scenario: Second
            Given step one
        """;

    private Task<bool> RunTwoScenariosAsync(string first, string third) => RunAllAsync(Parse(TwoScenarios(first, third)), []);

    /// <summary>Runs every scenario as a host does (the stop checked between them); true if the run ended with the stop.</summary>
    private async Task<bool> RunAllAsync(FeatureSource feature, List<ReqnrollScenarioResult> results)
    {
        try
        {
            foreach (var pickle in feature.Pickles)
            {
                results.Add(await _driver.RunAsync(feature, pickle, 0, State.Stop.Token));
            }
        }
        catch (OperationCanceledException) when (State.Stop.IsCancellationRequested)
        {
            return true;
        }

        return false;
    }

    private static FeatureSource Parse(string text) =>
        FeatureSource.Parse(text.ReplaceLineEndings("\n"), "driver.feature", "features/driver.feature", new IncrementingIdGenerator());

    /// <summary>What the bindings did in the current test, and the operator's stop they may fire.</summary>
    public sealed class RunState
    {
        public List<string> Log { get; } = [];

        public CancellationTokenSource Stop { get; set; } = new();
    }

    private sealed class StepLog : IReqnrollRunListener
    {
        public List<string> Scenarios { get; } = [];

        public List<int> Started { get; } = [];

        public List<int> Skipped { get; } = [];

        public void StepSkipped(int index, ScenarioContext scenario) => Skipped.Add(index);

        public List<(int Index, ScenarioExecutionStatus Status)> Finished { get; } = [];

        public List<Exception?> Errors { get; } = [];

        public void ScenarioStarted(ScenarioContext scenario) =>
            Scenarios.Add($"started {scenario.ScenarioInfo.Title} (hooks so far: {State.Log.Count})");

        public void StepStarted(int index, ScenarioContext scenario, ScenarioStepContext stepContext) => Started.Add(index);

        public void StepFinished(int index, ScenarioContext scenario, ScenarioExecutionStatus status, Exception? stepError)
        {
            Finished.Add((index, status));
            Errors.Add(stepError);
        }

        public void ScenarioFinished(ScenarioContext scenario) =>
            Scenarios.Add($"finished {scenario.ScenarioInfo.Title} after {State.Log.LastOrDefault()}, container open: {scenario.ScenarioContainer.IsRegistered<RunState>()}");
    }
}
