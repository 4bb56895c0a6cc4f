using System.Reflection;
using Reqnroll;
using SpaceTestBench.Gherkin.NUnit;

namespace SpaceTestBench.Gherkin.Tests.NUnitAdapter;

/// <summary>TestData/features/adapter.feature run by NUnit through the adapter, one test case per pickle.</summary>
[Parallelizable(ParallelScope.Children)]
public sealed class AdapterFeatures : FeatureTests<AdapterSuite>;

public sealed class AdapterSuite : IFeatureSuite
{
    public IReadOnlyList<string> Features => ["TestData/features/adapter.feature"];

    public string FeaturesRoot => "TestData";

    public IReadOnlyList<Assembly> BindingAssemblies => [typeof(AdapterSteps).Assembly];

    public IReadOnlyList<Type>? BindingTypes => [typeof(AdapterSteps)];

    public string? MessagesFile => "adapter.ndjson";
}

[Binding]
public sealed class AdapterSteps(Reqnroll.ScenarioContext scenario)
{
    [Given("the bench is ready")]
    public void Ready() => scenario["readied"] = scenario.TryGetValue("readied", out int count) ? count + 1 : 1;

    [Then("the bench was readied once")]
    public void ReadiedOnce()
    {
        if (scenario.Get<int>("readied") != 1)
        {
            throw new InvalidOperationException("The scenario context leaked between scenarios.");
        }
    }

    [Then("the level {int} is accepted")]
    public void Accepted(int level)
    {
        if (level is < 90 or > 110)
        {
            throw new InvalidOperationException($"{level} is out of range.");
        }
    }

    [Then("it fails")]
    public void Fails() => throw new InvalidOperationException("@ignore was not honoured.");
}
