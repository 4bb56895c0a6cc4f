using System.Globalization;
using System.Numerics;
using CucumberExpressions;
using CucumberExpressions.Ast;
using CucumberExpressions.Parsing;
using SpaceTestBench.Gherkin.Expressions;
using SpaceTestBench.Gherkin.Tests.Support;
using YamlDotNet.RepresentationModel;
using CucumberExpression = SpaceTestBench.Gherkin.Expressions.CucumberExpression;
using ParameterTypeRegistry = SpaceTestBench.Gherkin.Expressions.ParameterTypeRegistry;

namespace SpaceTestBench.Gherkin.Tests.Expressions;

/// <summary>
/// Every vector of cucumber/cucumber-expressions testdata, with Cucumber's exact error texts: the package
/// Cucumber.CucumberExpressions tokenizes, parses and compiles; this layer's built-in types, argument
/// groups and transformations turn a match into values.
/// </summary>
public sealed class CucumberExpressionVectorTests
{
    private static IEnumerable<TestCaseData> Tokenizer() => Vectors.Files("cucumber-expressions/testdata/cucumber-expression/tokenizer");

    private static IEnumerable<TestCaseData> Parser() => Vectors.Files("cucumber-expressions/testdata/cucumber-expression/parser");

    private static IEnumerable<TestCaseData> Transformation() => Vectors.Files("cucumber-expressions/testdata/cucumber-expression/transformation");

    private static IEnumerable<TestCaseData> Matching() => Vectors.Files("cucumber-expressions/testdata/cucumber-expression/matching");

    private static IEnumerable<TestCaseData> RegularExpressionMatching() => Vectors.Files("cucumber-expressions/testdata/regular-expression/matching");

    [Test]
    public void The_vectors_are_all_there()
    {
        var count = Tokenizer().Count() + Parser().Count() + Transformation().Count() + Matching().Count() + RegularExpressionMatching().Count();
        Assert.That(count, Is.EqualTo(120), "the upstream testdata has 120 files");
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

    [TestCaseSource(nameof(Transformation))]
    public void Compiles_to_the_expected_regular_expression(string file)
    {
        var vector = Vectors.LoadMapping(file);
        var expression = new CucumberExpression(vector.Text("expression"), new ParameterTypeRegistry());
        Assert.That(expression.RegexSource, Is.EqualTo(vector.Text("expected_regex")));
    }

    [TestCaseSource(nameof(Matching))]
    public void Matches(string file)
    {
        var vector = Vectors.LoadMapping(file);
        var source = vector.Text("expression");
        if (vector.Get("exception") is YamlScalarNode exception)
        {
            Assert.That(() => new CucumberExpression(source, new ParameterTypeRegistry()).Match(vector.Text("text")),
                Throws.InstanceOf<CucumberExpressionException>().With.Message.EqualTo(exception.Value));
            return;
        }

        var arguments = new CucumberExpression(source, new ParameterTypeRegistry()).Match(vector.Text("text"));
        AssertArguments(arguments?.Select(a => a.Value).ToList(), vector.Get("expected_args"));
    }

    [TestCaseSource(nameof(RegularExpressionMatching))]
    public void Matches_regular_expressions(string file)
    {
        var vector = Vectors.LoadMapping(file);
        var arguments = new RegularStepExpression(vector.Text("expression")).Match(vector.Text("text"));
        AssertArguments(arguments?.Select(a => a.Value).ToList(), vector.Get("expected_args"));
    }

    /// <summary>
    /// null expected means no match. A quoted expected value is text: the argument must be a string (or a
    /// BigInteger, whose exact digits YAML can only hold as text) with exactly that text. A plain value
    /// is parsed as the argument's own type and compared with it, so 1500.0 equals the float 1500.
    /// </summary>
    private static void AssertArguments(List<object?>? actual, YamlNode? expected)
    {
        if (expected.IsNull())
        {
            Assert.That(actual, Is.Null, "the text should not match");
            return;
        }

        Assert.That(actual, Is.Not.Null, "the text should match");
        var items = ((YamlSequenceNode)expected!).Children;
        Assert.That(actual, Has.Count.EqualTo(items.Count));
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var value = actual![i];
            if (item.IsNull())
            {
                Assert.That(value, Is.Null, $"argument {i}");
            }
            else if (((YamlScalarNode)item).IsQuoted())
            {
                Assert.That(value, Is.InstanceOf<string>().Or.InstanceOf<BigInteger>(), $"argument {i}");
                Assert.That(Convert.ToString(value, CultureInfo.InvariantCulture), Is.EqualTo(((YamlScalarNode)item).Value), $"argument {i}");
            }
            else
            {
                var text = ((YamlScalarNode)item).Value!;
                object? expectedValue = value switch
                {
                    int => int.Parse(text, CultureInfo.InvariantCulture),
                    sbyte => sbyte.Parse(text, CultureInfo.InvariantCulture),
                    short => short.Parse(text, CultureInfo.InvariantCulture),
                    long => long.Parse(text, CultureInfo.InvariantCulture),
                    float => float.Parse(text, CultureInfo.InvariantCulture),
                    double => double.Parse(text, CultureInfo.InvariantCulture),
                    decimal => decimal.Parse(text, CultureInfo.InvariantCulture),
                    BigInteger => BigInteger.Parse(text, CultureInfo.InvariantCulture),
                    _ => text,
                };
                Assert.That(value, Is.EqualTo(expectedValue), $"argument {i}");
            }
        }
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
