using System.Text;
using System.Text.RegularExpressions;

namespace SpaceTestBench.Gherkin.Expressions;

/// <summary>
/// A Cucumber Expression (https://github.com/cucumber/cucumber-expressions): literal text with
/// <c>{parameter}</c>s, <c>(optional text)</c> and <c>alternative/words</c>, compiled to an anchored regex.
/// </summary>
public sealed class CucumberExpression : IStepExpression
{
    private readonly Regex _regex;
    private readonly List<(ParameterType Type, int Group, int GroupCount)> _parameters = [];

    /// <summary>Compiles <paramref name="expression"/> with the types of <paramref name="registry"/>.</summary>
    public CucumberExpression(string expression, ParameterTypeRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(expression);
        ArgumentNullException.ThrowIfNull(registry);
        Source = expression;
        var pattern = new StringBuilder("^");
        var groupCounter = 0;
        foreach (var segment in SplitWhitespace(expression))
        {
            if (segment.IsWhitespace)
            {
                pattern.Append(Regex.Escape(segment.Text));
                continue;
            }

            var alternatives = SplitUnescaped(segment.Text, '/');
            if (alternatives.Count == 1)
            {
                pattern.Append(Render(segment.Text, registry, ref groupCounter));
                continue;
            }

            if (alternatives.Any(a => a.Length == 0))
            {
                throw new CucumberExpressionException(expression, "Alternative may not be empty.");
            }

            pattern.Append("(?:");
            for (var i = 0; i < alternatives.Count; i++)
            {
                if (i > 0)
                {
                    pattern.Append('|');
                }

                pattern.Append(Render(alternatives[i], registry, ref groupCounter));
            }

            pattern.Append(')');
        }

        pattern.Append('$');
        RegexSource = pattern.ToString();
        _regex = new Regex(RegexSource, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(5));
    }

    /// <inheritdoc />
    public string Source { get; }

    /// <summary>The regular expression the expression compiles to.</summary>
    public string RegexSource { get; }

    /// <summary>The parameter types used, in order.</summary>
    public IEnumerable<ParameterType> ParameterTypes => _parameters.Select(p => p.Type);

    /// <inheritdoc />
    public bool IsRegularExpression => false;

    /// <inheritdoc />
    public IReadOnlyList<StepArgument>? Match(string text)
    {
        var match = _regex.Match(text);
        if (!match.Success)
        {
            return null;
        }

        var arguments = new StepArgument[_parameters.Count];
        for (var i = 0; i < _parameters.Count; i++)
        {
            var (type, group, count) = _parameters[i];
            var groups = new string?[count + 1];
            for (var k = 0; k <= count; k++)
            {
                var g = match.Groups[group + k];
                groups[k] = g.Success ? g.Value : null;
            }

            var outer = match.Groups[group];
            arguments[i] = new StepArgument(outer.Success ? outer.Value : null, outer.Success ? outer.Index : -1, type, groups);
        }

        return arguments;
    }

    private string Render(string text, ParameterTypeRegistry registry, ref int groupCounter)
    {
        var output = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\\' && i + 1 < text.Length)
            {
                output.Append(Regex.Escape(text[++i].ToString()));
            }
            else if (c == '{')
            {
                var close = text.IndexOf('}', i);
                if (close < 0)
                {
                    throw new CucumberExpressionException(Source, "The '{' does not have a matching '}'.");
                }

                var name = text[(i + 1)..close];
                if (name.IndexOfAny(['{', '(', ')', '\\', '/']) >= 0)
                {
                    throw new CucumberExpressionException(Source, $"Parameter names may not contain '{{', '}}', '(', ')', '\\' or '/': '{name}'.");
                }

                if (!registry.TryGet(name, out var type))
                {
                    throw new UndefinedParameterTypeException(Source, name);
                }

                groupCounter++;
                var innerGroups = type.RegularExpressions.Sum(ParameterTypeRegistry.CaptureCount);
                _parameters.Add((type, groupCounter, innerGroups));
                groupCounter += innerGroups;
                output.Append('(').Append(string.Join("|", type.RegularExpressions.Select(r => type.RegularExpressions.Count == 1 ? r : $"(?:{r})"))).Append(')');
                i = close;
            }
            else if (c == '(')
            {
                var close = FindUnescaped(text, ')', i + 1);
                if (close < 0)
                {
                    throw new CucumberExpressionException(Source, "The '(' does not have a matching ')'.");
                }

                var inner = text[(i + 1)..close];
                if (inner.Length == 0)
                {
                    throw new CucumberExpressionException(Source, "An optional must contain some text.");
                }

                if (inner.Contains('{', StringComparison.Ordinal))
                {
                    throw new CucumberExpressionException(Source, "An optional may not contain a parameter type.");
                }

                output.Append("(?:").Append(Regex.Escape(Unescape(inner))).Append(")?");
                i = close;
            }
            else
            {
                output.Append(Regex.Escape(c.ToString()));
            }
        }

        return output.ToString();
    }

    private static string Unescape(string text)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\' && i + 1 < text.Length)
            {
                i++;
            }

            sb.Append(text[i]);
        }

        return sb.ToString();
    }

    private static int FindUnescaped(string text, char target, int from)
    {
        for (var i = from; i < text.Length; i++)
        {
            if (text[i] == '\\')
            {
                i++;
                continue;
            }

            if (text[i] == target)
            {
                return i;
            }
        }

        return -1;
    }

    private static List<string> SplitUnescaped(string text, char separator)
    {
        var parts = new List<string>();
        var start = 0;
        var depth = 0;
        for (var i = 0; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '\\':
                    i++;
                    break;
                case '{' or '(':
                    depth++;
                    break;
                case '}' or ')':
                    depth--;
                    break;
                default:
                    if (text[i] == separator && depth == 0)
                    {
                        parts.Add(text[start..i]);
                        start = i + 1;
                    }

                    break;
            }
        }

        parts.Add(text[start..]);
        return parts;
    }

    /// <summary>Splits into runs of whitespace and of words; optionals and parameters stay whole even with spaces inside.</summary>
    private static IEnumerable<(string Text, bool IsWhitespace)> SplitWhitespace(string text)
    {
        var i = 0;
        while (i < text.Length)
        {
            var start = i;
            var whitespace = char.IsWhiteSpace(text[i]);
            while (i < text.Length)
            {
                var c = text[i];
                if (whitespace)
                {
                    if (!char.IsWhiteSpace(c))
                    {
                        break;
                    }

                    i++;
                    continue;
                }

                if (char.IsWhiteSpace(c))
                {
                    break;
                }

                if (c == '\\')
                {
                    i = Math.Min(i + 2, text.Length);
                    continue;
                }

                if (c is '(' or '{')
                {
                    var close = FindUnescaped(text, c == '(' ? ')' : '}', i + 1);
                    i = close < 0 ? text.Length : close + 1;
                    continue;
                }

                i++;
            }

            yield return (text[start..i], whitespace);
        }
    }
}

/// <summary>A Cucumber Expression that does not parse.</summary>
public class CucumberExpressionException(string expression, string problem)
    : Exception($"This Cucumber Expression has a problem: {expression}\n{problem}")
{
    /// <summary>The expression.</summary>
    public string Expression { get; } = expression;
}

/// <summary>A Cucumber Expression uses a parameter type nobody defined.</summary>
public sealed class UndefinedParameterTypeException(string expression, string name)
    : CucumberExpressionException(expression, $"Undefined parameter type '{name}'. Please register a ParameterType for '{name}'.")
{
    /// <summary>The unknown type's name.</summary>
    public string ParameterTypeName { get; } = name;
}
