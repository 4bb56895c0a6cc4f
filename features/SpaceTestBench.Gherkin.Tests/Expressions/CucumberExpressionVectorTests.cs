using CucumberExpressions;
using CucumberExpressions.Ast;
using CucumberExpressions.Parsing;
using SpaceTestBench.Gherkin.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace SpaceTestBench.Gherkin.Tests.Expressions;

/// <summary>
/// The tokenizer and parser vectors of cucumber/cucumber-expressions testdata, with Cucumber's exact error texts, on the
/// package Cucumber.CucumberExpressions that the plan's argument groups, the snippets and the step catalog read
/// expressions with. The transformation and matching vectors went with this layer's own Cucumber Expression
/// implementation (issue 16): matching and conversion are Reqnroll's, pinned by the CCK and the catalog's examples.
/// </summary>
public sealed class CucumberExpressionVectorTests
{
    private static IEnumerable<TestCaseData> Tokenizer() => Vectors.Files("cucumber-expressions/testdata/cucumber-expression/tokenizer");

    private static IEnumerable<TestCaseData> Parser() => Vectors.Files("cucumber-expressions/testdata/cucumber-expression/parser");

    [Test]
    public void The_vectors_are_all_there()
    {
        var count = Tokenizer().Count() + Parser().Count();
        Assert.That(count, Is.EqualTo(44), "the upstream tokenizer and parser testdata has 44 files");
    }

    [TestCaseSource(nameof(Tokenizer))]
    public void Tokenizes(string file)
    {
        var vector = Vectors.LoadMapping(file);
        var expression = vector.Text("expression");
        if (vector.Get("exception") is YamlScalarNode exception)
        {
            Assert.That(() => new CucumberExpressionTokenizer().Tokenize(expression),
                Throws.InstanceOf<CucumberExpressionException>().With.Message.EqualTo(exception.Value));
            return;
        }

        var expected = ((YamlSequenceNode)vector.Get("expected_tokens")!).Cast<YamlMappingNode>()
            .Select(t => $"{t.Text("type")} {t.Int("start")}..{t.Int("end")} '{t.Text("text")}'").ToList();
        var actual = new CucumberExpressionTokenizer().Tokenize(expression)
            .Select(t => $"{t.Type} {t.Start}..{t.End} '{t.Text}'").ToList();
        Assert.That(actual, Is.EqualTo(expected));
    }

    [TestCaseSource(nameof(Parser))]
    public void Parses(string file)
    {
        var vector = Vectors.LoadMapping(file);
        var expression = vector.Text("expression");
        if (vector.Get("exception") is YamlScalarNode exception)
        {
            Assert.That(() => new CucumberExpressionParser().Parse(expression),
                Throws.InstanceOf<CucumberExpressionException>().With.Message.EqualTo(exception.Value));
            return;
        }

        Assert.That(Describe(new CucumberExpressionParser().Parse(expression)), Is.EqualTo(Describe((YamlMappingNode)vector.Get("expected_ast")!)));
    }

    private static string Describe(Node node) =>
        $"{node.Type} {node.Start}..{node.End}" + (node.Token is { } token ? $" '{token}'" : $" [{string.Join(", ", (node.Nodes ?? []).Select(Describe))}]");

    private static string Describe(YamlMappingNode node)
    {
        var head = $"{node.Text("type")} {node.Int("start")}..{node.Int("end")}";
        if (node.Get("token") is YamlScalarNode token)
        {
            return head + $" '{token.Value}'";
        }

        var children = node.Get("nodes") is YamlSequenceNode nodes ? nodes.Cast<YamlMappingNode>().Select(Describe) : [];
        return head + $" [{string.Join(", ", children)}]";
    }
}
