using Io.Cucumber.Messages.Types;
using global::NUnit.Framework;
using SpaceTestBench.Gherkin.Parsing;

namespace SpaceTestBench.Gherkin.NUnit;

/// <summary>How a pickle is named and categorised as an NUnit test case (Reqnroll.NUnit's conventions).</summary>
public static class ScenarioNaming
{
    /// <summary>The tag that ignores a scenario, as in Reqnroll.</summary>
    public const string IgnoreTag = "@ignore";

    /// <summary>"Feature › Rule › Scenario › Examples #n: values" — every level that exists.</summary>
    public static string NameOf(FeatureSource feature, Pickle pickle)
    {
        ArgumentNullException.ThrowIfNull(feature);
        ArgumentNullException.ThrowIfNull(pickle);
        var parts = new List<string> { feature.FeatureName.Length > 0 ? feature.FeatureName : feature.Uri };
        if (feature.RuleOf(pickle) is { } rule)
        {
            parts.Add(rule);
        }

        parts.Add(pickle.Name);
        var arguments = feature.ExampleArguments(pickle);
        if (arguments.Count > 0)
        {
            parts.Add($"example at line {feature.LineOf(pickle)}: {string.Join(", ", arguments.Select(a => $"{a.Key}={a.Value}"))}");
        }

        return string.Join(" › ", parts);
    }

    /// <summary>The test case: named, one category per tag (without '@'), ignored when tagged <c>@ignore</c>.</summary>
    public static TestCaseData ToTestCase(FeatureSource feature, Pickle pickle)
    {
        ArgumentNullException.ThrowIfNull(pickle);
        var name = NameOf(feature, pickle);
        var data = new TestCaseData(new ScenarioCase(feature, pickle, name)).SetName(name).SetDescription($"{feature.Uri}:{feature.LineOf(pickle)}");
        foreach (var tag in pickle.Tags.Select(t => t.Name).Distinct(StringComparer.Ordinal))
        {
            data.SetCategory(tag.TrimStart('@'));
        }

        if (pickle.Tags.Any(t => string.Equals(t.Name, IgnoreTag, StringComparison.OrdinalIgnoreCase)))
        {
            data.Ignore("Ignored by @ignore tag");
        }

        return data;
    }
}
