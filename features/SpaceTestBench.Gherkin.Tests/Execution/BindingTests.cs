using Reqnroll;
using SpaceTestBench.Gherkin.Execution;
using SpaceTestBench.Gherkin.Tests.Support;
using TestRunner = SpaceTestBench.Gherkin.Execution.TestRunner;

namespace SpaceTestBench.Gherkin.Tests.Execution;

/// <summary>
/// How bindings are bound and live, on Reqnroll's runtime (<see cref="ReqnrollFeatureRun"/>); the last test runs this
/// layer's <see cref="TestRunner"/> (its features in parallel), until the runner executes through Reqnroll.
/// </summary>
public sealed class BindingTests
{
    [Test]
    public async Task Scoped_definitions_beat_unscoped_and_the_most_specific_scope_wins()
    {
        var run = await ReqnrollFeatureRun.RunAsync("""
            Feature: Scopes
              Scenario: Plain
                Given the supply is on
              @lab
              Scenario: Lab
                Given the supply is on
              @lab
              Scenario: Lab night shift
                Given the supply is on
            """, typeof(ScopedSteps));

        Assert.That(run["Plain"].Steps[0].Method, Is.EqualTo(nameof(ScopedSteps.Anywhere)));
        Assert.That(run["Lab"].Steps[0].Method, Is.EqualTo(nameof(ScopedSteps.InTheLab)));
        Assert.That(run["Lab night shift"].Steps[0].Method, Is.EqualTo(nameof(ScopedSteps.LabNightShift)));
        Assert.That(run.Scenarios.Select(s => s.Result?.Status), Is.All.EqualTo(TestStatus.Passed));
    }

    [Test]
    public async Task Keyword_classes_are_honoured_as_in_Reqnroll()
    {
        var run = await ReqnrollFeatureRun.RunAsync("""
            Feature: Keywords
              Scenario: Then text bound only as Given
                Then the supply is on
            """, typeof(ScopedSteps));

        Assert.That(run["Then text bound only as Given"].Steps[0].Status, Is.EqualTo(Reqnroll.ScenarioExecutionStatus.UndefinedStep));
        Assert.That(run["Then text bound only as Given"].Result?.Status, Is.EqualTo(TestStatus.Undefined));
    }

    [Test]
    public async Task Each_scenario_gets_its_own_binding_instances_and_they_are_disposed()
    {
        Counter.Disposed = 0;
        var run = await ReqnrollFeatureRun.RunAsync("""
            Feature: Lifetime
              Scenario: First
                Given the counter counts
                And the counter counts
                Then the counter is 2
              Scenario: Second
                Given the counter counts
                Then the counter is 1
            """, typeof(CounterSteps));

        Assert.That(run.Scenarios.Select(s => s.Result?.Status), Is.EqualTo(new[] { TestStatus.Passed, TestStatus.Passed }), string.Join("\n", run.Scenarios.Select(s => s.Result?.Error)));
        Assert.That(Counter.Disposed, Is.EqualTo(2));
    }

    [Test]
    public async Task Outline_rows_fill_ScenarioInfo_arguments_and_the_rule_is_known()
    {
        var run = await ReqnrollFeatureRun.RunAsync("""
            Feature: Outline
              Rule: Margins
                Scenario Outline: Level <level>
                  Given the counter counts
                  Examples:
                    | level |
                    | 95 %  |
            """, typeof(CounterSteps));

        var context = run.Scenarios.Single().Context;
        Assert.That(context.ScenarioInfo.Arguments["level"], Is.EqualTo("95 %"));
        Assert.That(context.ScenarioInfo.Title, Is.EqualTo("Level 95 %"));
        Assert.That(context.RuleInfo?.Title, Is.EqualTo("Margins"));
    }

    [Test]
    public async Task Scenarios_of_different_features_run_in_parallel_without_sharing_state()
    {
        var ids = new global::Gherkin.CucumberMessages.IncrementingIdGenerator();
        var features = Enumerable.Range(0, 8).Select(i => Parsing.FeatureSource.Parse($"""
            Feature: F{i}
              Scenario: S{i}
                Given the counter counts
                And the counter counts
                Then the counter is 2
            """.ReplaceLineEndings("\n"), $"f{i}.feature", $"f{i}.feature", ids)).ToList();
        await using var runner = new TestRunner(Bindings.BindingSource.FromTypes([typeof(CounterSteps)]), null, new TestRunnerOptions { Ids = ids });
        var planned = await runner.StartAsync(features);
        var results = await Task.WhenAll(planned.Select(p => Task.Run(() => runner.RunAsync(p.Feature, p.Pickle))));
        foreach (var feature in features)
        {
            await runner.FinishFeatureAsync(feature);
        }

        await runner.FinishAsync();
        Assert.That(results.Select(r => r.Status), Is.All.EqualTo(TestStatus.Passed));
        Assert.That(runner.Succeeded, Is.True);
    }

    [Binding]
    public sealed class ScopedSteps
    {
        [Given("the supply is on")]
        public void Anywhere() { }

        [Given("the supply is on")]
        [Scope(Tag = "lab")]
        public void InTheLab() { }

        [Given("the supply is on")]
        [Scope(Tag = "@lab", Scenario = "Lab night shift")]
        public void LabNightShift() { }
    }

    public sealed class Counter : IDisposable
    {
        public static int Disposed { get; set; }

        public int Value { get; set; }

        public void Dispose() => Disposed++;
    }

    [Binding]
    public sealed class CounterSteps(Counter counter, Reqnroll.BoDi.IObjectContainer scenarioContainer)
    {
        [Given("the counter counts")]
        public void Counts() => counter.Value++;

        [Then("the counter is {int}")]
        public void Is(int expected)
        {
            if (counter.Value != expected || !ReferenceEquals(scenarioContainer.Resolve<Counter>(), counter))
            {
                throw new InvalidOperationException($"counter {counter.Value}, expected {expected}");
            }
        }
    }
}
