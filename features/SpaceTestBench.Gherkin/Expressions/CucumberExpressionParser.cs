using T = SpaceTestBench.Gherkin.Expressions.CucumberExpressionTokenType;

namespace SpaceTestBench.Gherkin.Expressions;

/// <summary>The kinds of node in a Cucumber Expression's syntax tree.</summary>
public enum CucumberExpressionNodeType
{
    /// <summary>Literal text (or whitespace).</summary>
    Text,

    /// <summary><c>(optional text)</c>.</summary>
    Optional,

    /// <summary><c>a/b/c</c>.</summary>
    Alternation,

    /// <summary>One alternative of an alternation.</summary>
    Alternative,

    /// <summary><c>{name}</c>.</summary>
    Parameter,

    /// <summary>The whole expression.</summary>
    Expression,
}

/// <summary>A node of the syntax tree; leaves carry text, inner nodes children.</summary>
/// <param name="Type">The kind.</param>
/// <param name="Nodes">Children (empty for text).</param>
/// <param name="Token">The text of a text node, else null.</param>
/// <param name="Start">First code point.</param>
/// <param name="End">After the last code point.</param>
public sealed record CucumberExpressionNode(CucumberExpressionNodeType Type, IReadOnlyList<CucumberExpressionNode> Nodes, string? Token, int Start, int End)
{
    /// <summary>The text of this node and its descendants, concatenated.</summary>
    public string Text => Token ?? string.Concat(Nodes.Select(n => n.Text));
}

/// <summary>
/// Builds the syntax tree of a Cucumber Expression with small recursive-descent parsers, following the
/// grammar in cucumber/cucumber-expressions ARCHITECTURE.md:
/// <code>
/// cucumber-expression := ( alternation | optional | parameter | text )*
/// alternation := (?&lt;=left-boundary) alternative* ( '/' alternative* )+ (?=right-boundary)
/// left-boundary := whitespace | } | ^        right-boundary := whitespace | { | $
/// alternative := optional | parameter | text
/// optional := '(' option* ')'                 option := optional | parameter | text
/// parameter := '{' name* '}'                  name := whitespace | .
/// text := whitespace | ')' | '}' | .
/// </code>
/// Structural rules the grammar allows but Cucumber forbids (parameters or optionals inside optionals,
/// empty alternatives) are checked when the tree is compiled, so the tree stays faithful to the text.
/// </summary>
public static class CucumberExpressionParser
{
    private delegate (int Consumed, CucumberExpressionNode? Node) Parser(string expression, IReadOnlyList<CucumberExpressionToken> tokens, int current);

    private static readonly Parser[] TopLevelParsers = [Alternation, Optional, Parameter, TextNode];
    private static readonly Parser[] AlternativeParsers = [AlternativeSeparator, Optional, Parameter, TextNode];

    /// <summary>Parses <paramref name="expression"/>; throws <see cref="CucumberExpressionException"/> with Cucumber's message.</summary>
    public static CucumberExpressionNode Parse(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var tokens = CucumberExpressionTokenizer.Tokenize(expression);
        var (consumed, nodes) = ParseUntil(expression, TopLevelParsers, tokens, 1, T.EndOfLine);
        var end = tokens[1 + consumed];
        if (end.Type != T.EndOfLine)
        {
            throw new InvalidOperationException($"The parser stopped at {end.Type} in '{expression}'.");
        }

        return new CucumberExpressionNode(CucumberExpressionNodeType.Expression, nodes, null, 0, end.End);
    }

    private static (int, CucumberExpressionNode?) TextNode(string expression, IReadOnlyList<CucumberExpressionToken> tokens, int current)
    {
        var token = tokens[current];
        return token.Type switch
        {
            T.WhiteSpace or T.Text or T.EndParameter or T.EndOptional => (1, Leaf(token)),
            T.Alternation => throw CucumberExpressionException.AlternationNotAllowedInOptional(expression, token),
            _ => (0, null),
        };
    }

    private static (int, CucumberExpressionNode?) Name(string expression, IReadOnlyList<CucumberExpressionToken> tokens, int current)
    {
        var token = tokens[current];
        return token.Type switch
        {
            T.WhiteSpace or T.Text => (1, Leaf(token)),
            T.BeginOptional or T.EndOptional or T.BeginParameter or T.Alternation =>
                throw CucumberExpressionException.InvalidParameterTypeName(expression, token.Start, token.End),
            _ => (0, null),
        };
    }

    private static (int, CucumberExpressionNode?) Parameter(string expression, IReadOnlyList<CucumberExpressionToken> tokens, int current) =>
        Between(CucumberExpressionNodeType.Parameter, T.BeginParameter, T.EndParameter, [Name], expression, tokens, current);

    private static (int, CucumberExpressionNode?) Optional(string expression, IReadOnlyList<CucumberExpressionToken> tokens, int current) =>
        Between(CucumberExpressionNodeType.Optional, T.BeginOptional, T.EndOptional, [Optional, Parameter, TextNode], expression, tokens, current);

    private static (int, CucumberExpressionNode?) AlternativeSeparator(string expression, IReadOnlyList<CucumberExpressionToken> tokens, int current)
    {
        var token = tokens[current];
        return token.Type == T.Alternation
            ? (1, new CucumberExpressionNode(CucumberExpressionNodeType.Alternative, [], token.Text, token.Start, token.End))
            : (0, null);
    }

    private static (int, CucumberExpressionNode?) Alternation(string expression, IReadOnlyList<CucumberExpressionToken> tokens, int current)
    {
        if (!LookingAt(tokens, current - 1, T.StartOfLine, T.WhiteSpace, T.EndParameter))
        {
            return (0, null);
        }

        var (consumed, nodes) = ParseUntil(expression, AlternativeParsers, tokens, current, T.WhiteSpace, T.EndOfLine, T.BeginParameter);
        if (!nodes.Any(n => n.Type == CucumberExpressionNodeType.Alternative))
        {
            return (0, null);
        }

        // The boundary token on the right belongs to what follows, so it is not consumed.
        var start = tokens[current].Start;
        var end = tokens[current + consumed].Start;
        return (consumed, new CucumberExpressionNode(CucumberExpressionNodeType.Alternation, SplitAlternatives(start, end, nodes), null, start, end));
    }

    private static List<CucumberExpressionNode> SplitAlternatives(int start, int end, IReadOnlyList<CucumberExpressionNode> nodes)
    {
        var separators = new List<CucumberExpressionNode>();
        var alternatives = new List<List<CucumberExpressionNode>> { new() };
        foreach (var node in nodes)
        {
            if (node.Type == CucumberExpressionNodeType.Alternative)
            {
                separators.Add(node);
                alternatives.Add([]);
            }
            else
            {
                alternatives[^1].Add(node);
            }
        }

        var result = new List<CucumberExpressionNode>(alternatives.Count);
        for (var i = 0; i < alternatives.Count; i++)
        {
            var from = i == 0 ? start : separators[i - 1].End;
            var to = i == alternatives.Count - 1 ? end : separators[i].Start;
            result.Add(new CucumberExpressionNode(CucumberExpressionNodeType.Alternative, alternatives[i], null, from, to));
        }

        return result;
    }

    private static (int, CucumberExpressionNode?) Between(
        CucumberExpressionNodeType type, T begin, T end, Parser[] parsers, string expression, IReadOnlyList<CucumberExpressionToken> tokens, int current)
    {
        if (!LookingAt(tokens, current, begin))
        {
            return (0, null);
        }

        var inner = current + 1;
        var (consumed, nodes) = ParseUntil(expression, parsers, tokens, inner, end, T.EndOfLine);
        inner += consumed;
        if (!LookingAt(tokens, inner, end))
        {
            throw CucumberExpressionException.MissingEndToken(expression, begin, tokens[current]);
        }

        return (inner + 1 - current, new CucumberExpressionNode(type, nodes, null, tokens[current].Start, tokens[inner].End));
    }

    private static (int Consumed, List<CucumberExpressionNode> Nodes) ParseUntil(
        string expression, Parser[] parsers, IReadOnlyList<CucumberExpressionToken> tokens, int startAt, params T[] endTypes)
    {
        var current = startAt;
        var nodes = new List<CucumberExpressionNode>();
        while (current < tokens.Count && !LookingAt(tokens, current, endTypes))
        {
            var consumed = 0;
            foreach (var parser in parsers)
            {
                var (used, node) = parser(expression, tokens, current);
                if (used != 0)
                {
                    consumed = used;
                    nodes.Add(node!);
                    break;
                }
            }

            if (consumed == 0)
            {
                // Every token kind has a parser in each context; reaching here is a bug, not bad input.
                throw new InvalidOperationException($"No parser accepts {tokens[current].Type} at {tokens[current].Start} in '{expression}'.");
            }

            current += consumed;
        }

        return (current - startAt, nodes);
    }

    private static bool LookingAt(IReadOnlyList<CucumberExpressionToken> tokens, int at, params T[] types)
    {
        if (at < 0)
        {
            return types.Contains(T.StartOfLine);
        }

        if (at >= tokens.Count)
        {
            return types.Contains(T.EndOfLine);
        }

        return types.Contains(tokens[at].Type);
    }

    private static CucumberExpressionNode Leaf(CucumberExpressionToken token) =>
        new(CucumberExpressionNodeType.Text, [], token.Text, token.Start, token.End);
}
