using Reqnroll;
using SpaceTestBench.Gherkin.Execution;
using SpaceTestBench.Gherkin.Tests.Support;

namespace SpaceTestBench.Gherkin.Tests.Execution;

public sealed class StatusTests
{
    private const string Feature = """
        Feature: Outcomes
          Scenario: All pass
            Given a passing step
            When a passing step
            Then a passing step

          Scenario: A failure skips what follows
            Given a failing step
            And a passing step
            And a step nobody wrote
            And an ambiguous step

          Scenario: Pending
            Given a pending step
            And a passing step

          Scenario: Skipped by the step
            Given a skipping step
            And a step nobody wrote

          Scenario: Undefined with a snippet
            Given there are 12 "red" apples
        """;

    [Test]
    public async Task Each_status_is_reported_as_Cucumber_defines_it()
    {
        var run = await FeatureRun.RunAsync(Feature, [typeof(OutcomeSteps)]);

        Assert.That(run["All pass"].Status, Is.EqualTo(TestStatus.Passed));
        Assert.That(run["A failure skips what follows"].Steps.Select(s => s.Status),
            Is.EqualTo(new[] { TestStatus.Failed, TestStatus.Skipped, TestStatus.Undefined, TestStatus.Ambiguous }));
        Assert.That(run["Pending"].Steps.Select(s => s.Status), Is.EqualTo(new[] { TestStatus.Pending, TestStatus.Skipped }));
        // Reqnroll matches the steps after a skip as after any other non-passed step: an undefined one stays UNDEFINED.
        Assert.That(run["Skipped by the step"].Steps.Select(s => s.Status), Is.EqualTo(new[] { TestStatus.Skipped, TestStatus.Undefined }));
        Assert.That(run["Skipped by the step"].Status, Is.EqualTo(TestStatus.Undefined));
        Assert.That(run.Success, Is.False);
    }

    [Test]
    public async Task An_ambiguous_step_names_both_definitions_and_its_line()
    {
        var run = await FeatureRun.RunAsync(Feature, [typeof(OutcomeSteps)]);

        var ambiguous = run["A failure skips what follows"].Steps[3];
        Assert.That(ambiguous.Message, Does.Contain("test.feature:11"));
        Assert.That(ambiguous.Message, Does.Contain("OutcomeSteps.AmbiguousOne").And.Contain("OutcomeSteps.AmbiguousTwo"));
        Assert.That(ambiguous.Bindings, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task An_undefined_step_gets_a_ready_to_paste_snippet_per_candidate_expression()
    {
        var run = await FeatureRun.RunAsync(Feature, [typeof(OutcomeSteps)]);

        var undefined = run["Undefined with a snippet"].Steps[0];
        Assert.That(undefined.Status, Is.EqualTo(TestStatus.Undefined));
        Assert.That(undefined.Message, Does.Contain("[Given(\"there are {int} {string} apples\")]"));
        // Parameter names are the package generator's: the type's name, numbered where it is a C# keyword.
        Assert.That(undefined.Message, Does.Contain("public void GivenThereAreRedApples(int int1, string string1)"));
        var suggestion = run.Envelopes.Select(e => e.Suggestion).Single(s => s is not null && s.PickleStepId == run["Undefined with a snippet"].TestCase.Pickle.Steps[0].Id);
        Assert.That(suggestion.Snippets.Select(s => s.Code), Has.Some.Contains("{float} {string}"), "12 reads as {int} and as {float}");
        Assert.That(suggestion.Snippets, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task A_pending_step_without_a_reason_reports_no_message_and_with_one_reports_it()
    {
        var run = await FeatureRun.RunAsync("""
            Feature: Pending
              Scenario: Plain
                Given a pending step
              Scenario: With a reason
                Given a step pending for a reason
            """, [typeof(OutcomeSteps)]);

        var results = run.Envelopes.Where(e => e.TestStepFinished is not null).Select(e => e.TestStepFinished.TestStepResult).ToList();
        Assert.That(results[0].Message, Is.Null);
        Assert.That(results[1].Message, Is.EqualTo("waiting for the vendor's datasheet"));
        Assert.That(results[1].Exception.Type, Is.EqualTo(typeof(PendingStepException).FullName));
    }

    [Test]
    public async Task Dry_run_matches_every_step_and_runs_nothing()
    {
        OutcomeSteps.Calls = 0;
        var run = await FeatureRun.RunAsync(Feature, [typeof(OutcomeSteps)], new TestRunnerOptions { DryRun = true });

        Assert.That(OutcomeSteps.Calls, Is.Zero);
        Assert.That(run["All pass"].Steps.Select(s => s.Status), Is.All.EqualTo(TestStatus.Skipped));
        Assert.That(run["A failure skips what follows"].Steps.Select(s => s.Status),
            Is.EqualTo(new[] { TestStatus.Skipped, TestStatus.Skipped, TestStatus.Undefined, TestStatus.Ambiguous }));
    }

    [Test]
    public async Task A_failed_scenario_is_retried_and_each_attempt_is_reported()
    {
        OutcomeSteps.FlakyCalls = 0;
        var run = await FeatureRun.RunAsync("""
            Feature: Flaky
              Scenario: Passes the second time
                Given a flaky step
            """, [typeof(OutcomeSteps)], new TestRunnerOptions { Retry = 2 });

        var result = run["Passes the second time"];
        Assert.That((result.Status, result.Attempt), Is.EqualTo((TestStatus.Passed, 1)));
        var attempts = run.Envelopes.Where(e => e.TestCaseStarted is not null).Select(e => e.TestCaseStarted.Attempt);
        Assert.That(attempts, Is.EqualTo(new long[] { 0, 1 }));
        Assert.That(run.Envelopes.Where(e => e.TestCaseFinished is not null).Select(e => e.TestCaseFinished.WillBeRetried), Is.EqualTo(new[] { true, false }));
        Assert.That(run.Success, Is.True);
    }

    [Test]
    public async Task Reverse_order_runs_the_last_scenario_first()
    {
        var run = await FeatureRun.RunAsync(Feature, [typeof(OutcomeSteps)], new TestRunnerOptions { Order = RunOrder.Reverse });

        Assert.That(run.Results.Select(r => r.TestCase.Pickle.Name).First(), Is.EqualTo("Undefined with a snippet"));
    }

    [Binding]
    public sealed class OutcomeSteps
    {
        public static int Calls { get; set; }
        public static int FlakyCalls { get; set; }

        [StepDefinition("a passing step")]
        public void Passing() => Calls++;

        [Given("a failing step")]
        public void Failing() => throw new InvalidOperationException("the step failed");

        [Given("a pending step")]
        public void Pending() => throw new PendingStepException();

        [Given("a step pending for a reason")]
        public void PendingForAReason() => throw new PendingStepException("waiting for the vendor's datasheet");

        [Given("a skipping step")]
        public void Skipping() => throw new SkippedStepException();

        [Given("an ambiguous step")]
        public void AmbiguousOne() { }

        [Given("an {word} step")]
        public void AmbiguousTwo(string word)
        {
            if (word != "ambiguous")
            {
                throw new InvalidOperationException(word);
            }
        }

        [Given("a flaky step")]
        public void Flaky()
        {
            if (++FlakyCalls < 2)
            {
                throw new InvalidOperationException("not yet");
            }
        }
    }
}
