using Gherkin.CucumberMessages;
using NUnit.Framework.Interfaces;
using NUnit.Framework.Internal;
using TestStatus = SpaceTestBench.Gherkin.Execution.TestStatus;
using TestCaseResult = SpaceTestBench.Gherkin.Execution.TestCaseResult;
using SpaceTestBench.Gherkin.Execution;
using SpaceTestBench.Gherkin.NUnit;
using SpaceTestBench.Gherkin.Parsing;

namespace SpaceTestBench.Gherkin.Tests.NUnitAdapter;

public sealed class ScenarioNamingTests
{
    private static readonly FeatureSource Feature = FeatureSource.Load(
        Path.Combine(AppContext.BaseDirectory, "TestData", "features", "adapter.feature"), Path.Combine(AppContext.BaseDirectory, "TestData"), new IncrementingIdGenerator());

    [Test]
    public void A_test_name_holds_feature_rule_scenario_and_example_row()
    {
        var names = Feature.Pickles.Select(p => ScenarioNaming.NameOf(Feature, p)).ToList();
        Assert.That(names, Is.EqualTo(new[]
        {
            "Adapter › Tagged scenario passes",
            "Adapter › Margins › Level 95 › example at line 18: level=95",
            "Adapter › Margins › Level 105 › example at line 19: level=105",
            "Adapter › Margins › Ignored by tag",
        }));
    }

    [Test]
    public void Tags_become_categories_and_ignore_is_honoured()
    {
        var cases = Feature.Pickles.Select(p => ScenarioNaming.ToTestCase(Feature, p)).ToList();
        Assert.That(cases[0].Properties[PropertyNames.Category], Is.EquivalentTo(new[] { "adapter", "tid" }));
        Assert.That(cases[0].RunState, Is.EqualTo(RunState.Runnable));
        Assert.That(cases[3].RunState, Is.EqualTo(RunState.Ignored));
    }

    [Test]
    public void Statuses_map_to_NUnit_outcomes()
    {
        var info = new TestCaseInfo(Feature, Feature.Pickles[0], null, 9);
        TestCaseResult Result(TestStatus status) => new(info, status, [], "why", TimeSpan.Zero);

        Assert.DoesNotThrow(() => ScenarioOutcome.Apply(Result(TestStatus.Passed), MissingStepOutcome.Inconclusive));
        Assert.Throws<IgnoreException>(() => ScenarioOutcome.Apply(Result(TestStatus.Skipped), MissingStepOutcome.Inconclusive));
        Assert.Throws<InconclusiveException>(() => ScenarioOutcome.Apply(Result(TestStatus.Undefined), MissingStepOutcome.Inconclusive));
        Assert.Throws<IgnoreException>(() => ScenarioOutcome.Apply(Result(TestStatus.Pending), MissingStepOutcome.Ignore));
        Assert.Throws<AssertionException>(() => ScenarioOutcome.Apply(Result(TestStatus.Pending), MissingStepOutcome.Error));
        Assert.Throws<AssertionException>(() => ScenarioOutcome.Apply(Result(TestStatus.Ambiguous), MissingStepOutcome.Inconclusive));
        Assert.Throws<AssertionException>(() => ScenarioOutcome.Apply(Result(TestStatus.Failed), MissingStepOutcome.Inconclusive));
    }
}
