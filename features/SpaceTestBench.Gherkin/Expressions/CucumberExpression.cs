using System.Text;
using System.Text.RegularExpressions;
using N = SpaceTestBench.Gherkin.Expressions.CucumberExpressionNodeType;

namespace SpaceTestBench.Gherkin.Expressions;

/// <summary>
/// A Cucumber Expression (https://github.com/cucumber/cucumber-expressions): literal text with
/// <c>{parameter}</c>s, <c>(optional text)</c> and <c>alternative/words</c>, parsed to a syntax tree and
/// compiled to an anchored regular expression.
/// </summary>
public sealed class CucumberExpression : IStepExpression
{
    private readonly List<ParameterType> _parameterTypes = [];
    private readonly Regex _regex;
    private readonly GroupTree _groups;

    /// <summary>Compiles <paramref name="expression"/> with the types of <paramref name="registry"/>.</summary>
    public CucumberExpression(string expression, ParameterTypeRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(expression);
        ArgumentNullException.ThrowIfNull(registry);
        Source = expression;
        Registry = registry;
        var tree = CucumberExpressionParser.Parse(expression);
        RegexSource = Rewrite(tree);
        _regex = new Regex(RegexSource, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(5));
        _groups = GroupTree.Of(_regex, RegexSource);
    }

    /// <inheritdoc />
    public string Source { get; }

    /// <summary>The regular expression the expression compiles to.</summary>
    public string RegexSource { get; }

    /// <summary>The parameter types used, in order.</summary>
    public IReadOnlyList<ParameterType> ParameterTypes => _parameterTypes;

    /// <inheritdoc />
    public bool IsRegularExpression => false;

    private ParameterTypeRegistry Registry { get; }

    /// <inheritdoc />
    public IReadOnlyList<StepArgument>? Match(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var match = _regex.Match(text);
        if (!match.Success)
        {
            return null;
        }

        // Each top-level capture group is one parameter; the groups inside it are its children.
        var arguments = new StepArgument[_parameterTypes.Count];
        for (var i = 0; i < arguments.Length; i++)
        {
            arguments[i] = new StepArgument(_groups.Children[i].Read(match), _parameterTypes[i]);
        }

        return arguments;
    }

    private string Rewrite(CucumberExpressionNode node) => node.Type switch
    {
        N.Text => EscapeRegex(node.Token!),
        N.Optional => RewriteOptional(node),
        N.Alternation => RewriteAlternation(node),
        N.Alternative => string.Concat(node.Nodes.Select(Rewrite)),
        N.Parameter => RewriteParameter(node),
        N.Expression => "^" + string.Concat(node.Nodes.Select(Rewrite)) + "$",
        _ => throw new InvalidOperationException($"Unexpected node {node.Type}."),
    };

    private string RewriteOptional(CucumberExpressionNode node)
    {
        if (node.Nodes.FirstOrDefault(n => n.Type == N.Parameter) is { } parameter)
        {
            throw CucumberExpressionException.ParameterIsNotAllowedInOptional(Source, parameter);
        }

        if (node.Nodes.FirstOrDefault(n => n.Type == N.Optional) is { } optional)
        {
            throw CucumberExpressionException.OptionalIsNotAllowedInOptional(Source, optional);
        }

        if (!node.Nodes.Any(n => n.Type == N.Text))
        {
            throw CucumberExpressionException.OptionalMayNotBeEmpty(Source, node);
        }

        return "(?:" + string.Concat(node.Nodes.Select(Rewrite)) + ")?";
    }

    private string RewriteAlternation(CucumberExpressionNode node)
    {
        foreach (var alternative in node.Nodes)
        {
            if (alternative.Nodes.Count == 0)
            {
                throw CucumberExpressionException.AlternativeMayNotBeEmpty(Source, alternative);
            }

            if (!alternative.Nodes.Any(n => n.Type == N.Text))
            {
                throw CucumberExpressionException.AlternativeMayNotExclusivelyContainOptionals(Source, alternative);
            }
        }

        return "(?:" + string.Join("|", node.Nodes.Select(Rewrite)) + ")";
    }

    private string RewriteParameter(CucumberExpressionNode node)
    {
        var name = node.Text;
        if (name.IndexOfAny(['{', '}', '(', ')', '\\', '/']) >= 0)
        {
            throw CucumberExpressionException.InvalidParameterTypeName(Source, node.Start, node.End);
        }

        if (!Registry.TryGet(name, out var type))
        {
            throw new UndefinedParameterTypeException(Source, node, name);
        }

        _parameterTypes.Add(type);
        return type.RegularExpressions.Count == 1
            ? "(" + type.RegularExpressions[0] + ")"
            : "((?:" + string.Join(")|(?:", type.RegularExpressions) + "))";
    }

    private static string EscapeRegex(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is '\\' or '^' or '[' or '(' or '{' or '$' or '.' or '|' or '?' or '*' or '+' or '}' or ')' or ']')
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
        }

        return escaped.ToString();
    }
}
