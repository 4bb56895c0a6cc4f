using Reqnroll;
using SpaceTestBench.Gherkin.Execution;
using SpaceTestBench.Gherkin.Tests.Support;

namespace SpaceTestBench.Gherkin.Tests.Execution;

public sealed class HookTests
{
    [Test]
    public async Task A_failing_Before_hook_skips_the_steps_and_After_hooks_still_run()
    {
        var log = new List<string>();
        var run = await FeatureRun.RunAsync("""
            Feature: Hooks
              @broken
              Scenario: Broken set-up
                Given a step
            """, [typeof(HookSteps)], setUp: r => r.RunContainer.RegisterInstanceAs(log));

        var result = run["Broken set-up"];
        Assert.That(result.Status, Is.EqualTo(TestStatus.Failed));
        Assert.That(result.Steps.Single().Status, Is.EqualTo(TestStatus.Skipped));
        Assert.That(log, Is.EqualTo(new[] { "early", "before 1", "after" }), "the step did not run, the After hook did");
        Assert.That(result.Message, Does.Contain("HookSteps.Broken").And.Contain("test.feature:3"), "names the hook and the scenario's file:line");
    }

    [Test]
    public async Task Hooks_run_by_order_then_declaration_and_After_hooks_in_reverse()
    {
        var log = new List<string>();
        await FeatureRun.RunAsync("""
            Feature: Hooks
              @tagged
              Scenario: Ordered
                Given a step
            """, [typeof(HookSteps)], setUp: r => r.RunContainer.RegisterInstanceAs(log));

        Assert.That(log, Is.EqualTo(new[] { "early", "before 1", "tagged", "step", "after" }));
    }

    [Test]
    public async Task A_failing_BeforeTestRun_hook_runs_no_scenario_but_every_AfterTestRun_hook()
    {
        RunHooks.Log.Clear();
        RunHooks.FailBefore = true;
        try
        {
            var run = await FeatureRun.RunAsync("""
                Feature: Run hooks
                  Scenario: Never runs
                    Given a step
                """, [typeof(RunHooks)]);

            Assert.That(run.RunError, Is.InstanceOf<HookFailedException>().With.Message.Contains("RunHooks.Before"));
            Assert.That(RunHooks.Log, Is.EqualTo(new[] { "before", "after" }));
            Assert.That(run.Envelopes.Any(e => e.TestCase is not null), Is.False);
            Assert.That(run.Success, Is.False);
        }
        finally
        {
            RunHooks.FailBefore = false;
        }
    }

    [Binding]
    public sealed class HookSteps(List<string> log)
    {
        [BeforeScenario]
        public void Before1() => log.Add("before 1");

        [BeforeScenario(Order = 1)]
        public void Early() => log.Add("early");

        [BeforeScenario("tagged")]
        public void Tagged() => log.Add("tagged");

        [BeforeScenario("broken")]
        public void Broken() => throw new InvalidOperationException("no bench");

        [AfterScenario]
        public void After() => log.Add("after");

        [Given("a step")]
        public void Step() => log.Add("step");
    }

    [Binding]
    public sealed class RunHooks
    {
        public static readonly List<string> Log = [];
        public static bool FailBefore { get; set; }

        [BeforeTestRun]
        public static void Before()
        {
            Log.Add("before");
            if (FailBefore)
            {
                throw new InvalidOperationException("the facility is closed");
            }
        }

        [AfterTestRun]
        public static void After() => Log.Add("after");

        [Given("a step")]
        public void Step() => Log.Add("step");
    }
}
