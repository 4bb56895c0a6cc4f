using SpaceTestBench.Gherkin.Tags;
using SpaceTestBench.Gherkin.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace SpaceTestBench.Gherkin.Tests.Tags;

/// <summary>Every vector of cucumber/tag-expressions testdata: canonical form, evaluation, exact errors.</summary>
public sealed class TagExpressionVectorTests
{
    private static IEnumerable<TestCaseData> Cases(string file) =>
        ((YamlSequenceNode)Vectors.LoadDocument($"tag-expressions/testdata/{file}")).Cast<YamlMappingNode>()
            .Select((m, i) => new TestCaseData(m).SetName($"{Path.GetFileNameWithoutExtension(file)} {i + 1}: {m.Text("expression")}"));

    private static IEnumerable<TestCaseData> Parsing() => Cases("parsing.yml");

    private static IEnumerable<TestCaseData> Evaluations() => Cases("evaluations.yml");

    private static IEnumerable<TestCaseData> Errors() => Cases("errors.yml");

    [Test]
    public void The_vectors_are_all_there()
    {
        Assert.That((Parsing().Count(), Evaluations().Count(), Errors().Count()), Is.EqualTo((23, 7, 15)));
    }

    [TestCaseSource(nameof(Parsing))]
    public void Formats_canonically(YamlMappingNode vector)
    {
        Assert.That(TagExpression.Parse(vector.Text("expression")).ToString(), Is.EqualTo(vector.Text("formatted")));
    }

    [TestCaseSource(nameof(Evaluations))]
    public void Evaluates(YamlMappingNode vector)
    {
        var expression = TagExpression.Parse(vector.Text("expression"));
        foreach (var test in ((YamlSequenceNode)vector.Get("tests")!).Cast<YamlMappingNode>())
        {
            var variables = ((YamlSequenceNode)test.Get("variables")!).Select(v => ((YamlScalarNode)v).Value!).ToList();
            Assert.That(expression.Evaluate(variables), Is.EqualTo(bool.Parse(test.Text("result"))), $"with [{string.Join(", ", variables)}]");
        }
    }

    [TestCaseSource(nameof(Errors))]
    public void Reports_syntax_errors_in_Cucumbers_words(YamlMappingNode vector)
    {
        Assert.That(() => TagExpression.Parse(vector.Text("expression")),
            Throws.InstanceOf<TagExpressionException>().With.Message.EqualTo(vector.Text("error")));
    }
}
