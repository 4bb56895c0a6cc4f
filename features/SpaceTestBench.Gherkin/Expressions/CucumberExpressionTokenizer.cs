using System.Text;

namespace SpaceTestBench.Gherkin.Expressions;

/// <summary>The kinds of token in a Cucumber Expression.</summary>
public enum CucumberExpressionTokenType
{
    /// <summary>Before the first character.</summary>
    StartOfLine,

    /// <summary>After the last character.</summary>
    EndOfLine,

    /// <summary>A run of whitespace.</summary>
    WhiteSpace,

    /// <summary><c>(</c>.</summary>
    BeginOptional,

    /// <summary><c>)</c>.</summary>
    EndOptional,

    /// <summary><c>{</c>.</summary>
    BeginParameter,

    /// <summary><c>}</c>.</summary>
    EndParameter,

    /// <summary><c>/</c>.</summary>
    Alternation,

    /// <summary>A run of other characters (escaped ones included, unescaped).</summary>
    Text,
}

/// <summary>A token: its kind, its (unescaped) text, and where it is, in code points.</summary>
/// <param name="Type">The kind.</param>
/// <param name="Text">The text with escapes removed.</param>
/// <param name="Start">Index of its first code point in the expression.</param>
/// <param name="End">Index after its last code point.</param>
public sealed record CucumberExpressionToken(CucumberExpressionTokenType Type, string Text, int Start, int End);

/// <summary>
/// Splits a Cucumber Expression into tokens. Positions count Unicode code points, not UTF-16 units, as
/// the upstream conformance data does ("😀 {int}" has its parameter at 2).
/// </summary>
public static class CucumberExpressionTokenizer
{
    /// <summary>The tokens of <paramref name="expression"/>, framed by start- and end-of-line tokens.</summary>
    public static IReadOnlyList<CucumberExpressionToken> Tokenize(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var codePoints = expression.EnumerateRunes().ToArray();
        var tokens = new List<CucumberExpressionToken> { new(CucumberExpressionTokenType.StartOfLine, "", 0, 0) };
        var buffer = new StringBuilder();
        var bufferType = CucumberExpressionTokenType.StartOfLine;
        var bufferStart = 0;
        var escaped = false;
        for (var index = 0; index < codePoints.Length; index++)
        {
            var rune = codePoints[index];
            if (!escaped && rune.Value == '\\')
            {
                escaped = true;
                continue;
            }

            var type = TypeOf(rune, escaped, expression, index);
            var start = escaped ? index - 1 : index;
            escaped = false;
            if (buffer.Length > 0 && StartsNewToken(bufferType, type))
            {
                tokens.Add(new CucumberExpressionToken(bufferType, buffer.ToString(), bufferStart, start));
                buffer.Clear();
            }

            if (buffer.Length == 0)
            {
                bufferStart = start;
                bufferType = type;
            }

            buffer.Append(rune.ToString());
        }

        if (escaped)
        {
            throw CucumberExpressionException.CannotEscapeEndOfLine(expression, codePoints.Length - 1);
        }

        if (buffer.Length > 0)
        {
            tokens.Add(new CucumberExpressionToken(bufferType, buffer.ToString(), bufferStart, codePoints.Length));
        }

        tokens.Add(new CucumberExpressionToken(CucumberExpressionTokenType.EndOfLine, "", codePoints.Length, codePoints.Length));
        return tokens;
    }

    /// <summary>Characters with a meaning in the grammar; only these and whitespace may be escaped.</summary>
    internal static bool IsReserved(int c) => c is '{' or '}' or '(' or ')' or '\\' or '/';

    private static bool StartsNewToken(CucumberExpressionTokenType previous, CucumberExpressionTokenType current) =>
        previous != current || current is not (CucumberExpressionTokenType.Text or CucumberExpressionTokenType.WhiteSpace);

    private static CucumberExpressionTokenType TypeOf(Rune rune, bool escaped, string expression, int index)
    {
        if (escaped)
        {
            return IsReserved(rune.Value) || Rune.IsWhiteSpace(rune)
                ? CucumberExpressionTokenType.Text
                : throw CucumberExpressionException.CannotEscapeCharacter(expression, index);
        }

        if (Rune.IsWhiteSpace(rune))
        {
            return CucumberExpressionTokenType.WhiteSpace;
        }

        return rune.Value switch
        {
            '(' => CucumberExpressionTokenType.BeginOptional,
            ')' => CucumberExpressionTokenType.EndOptional,
            '{' => CucumberExpressionTokenType.BeginParameter,
            '}' => CucumberExpressionTokenType.EndParameter,
            '/' => CucumberExpressionTokenType.Alternation,
            _ => CucumberExpressionTokenType.Text,
        };
    }
}
