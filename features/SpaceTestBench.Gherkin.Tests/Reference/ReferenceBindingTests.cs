using Reqnroll;
using SpaceTestBench.Gherkin.Execution;
using SpaceTestBench.Gherkin.Tests.Support;
using SpaceTestBench.ReferenceBindings;

namespace SpaceTestBench.Gherkin.Tests.Reference;

/// <summary>The reference binding class, as written for Reqnroll, on Reqnroll's runtime through this layer's driver.</summary>
public sealed class ReferenceBindingTests
{
    private const string Feature = """
        @db
        Feature: Basket

          @web
          Scenario: Everything the reference bindings do
            Given I have 3 cucumbers in my tummy
            When I add 2 items named "apple"
            Given LHR-CDG has been delayed
            Given the following items:
              | Name | Qty |
              | pear | 4   |
            Then the basket contains:
              | Name  | Qty |
              | pear  | 4   |
              | apple | 2   |
            And a note with body
              ```
              hello basket
              ```

          Scenario: Not built yet
            When something not built yet
        """;

    [Test]
    public async Task The_Reqnroll_reference_class_runs_unchanged()
    {
        var run = await ReqnrollFeatureRun.RunAsync(Feature, typeof(BasketSteps));

        Assert.That(run["Everything the reference bindings do"].Result?.Status, Is.EqualTo(TestStatus.Passed), run["Everything the reference bindings do"].Result?.Error?.ToString());
        Assert.That(run["Not built yet"].Result?.Status, Is.EqualTo(TestStatus.Pending));
        Assert.That(run["Everything the reference bindings do"].Context["cukes"], Is.EqualTo(3));
        var logs = run.Attachments.Where(a => a.MediaType == "text/x.cucumber.log+plain").Select(a => a.Body).ToList();
        Assert.That(logs, Does.Contain("hello basket"), "the async DocString step wrote through IReqnrollOutputHelper");
        Assert.That(logs, Does.Contain("LHR-CDG has been delayed"), "the AfterStep hook traced the step text");
    }

    [Test]
    public async Task CompareToSet_fails_the_step_when_the_basket_differs()
    {
        var run = await ReqnrollFeatureRun.RunAsync(Feature.Replace("| apple | 2   |", "| apple | 5   |", StringComparison.Ordinal), typeof(BasketSteps));

        var scenario = run["Everything the reference bindings do"];
        Assert.That(scenario.Result?.Status, Is.EqualTo(TestStatus.Failed));
        Assert.That(scenario.Steps.Single(s => s.Status == Reqnroll.ScenarioExecutionStatus.TestError).Error, Is.InstanceOf<ComparisonException>());
    }
}
