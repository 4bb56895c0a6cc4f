using System.Text.RegularExpressions;

namespace SpaceTestBench.Gherkin.Expressions;

/// <summary>A step definition written as a regular expression; anchored at both ends like Reqnroll's.</summary>
public sealed class RegularStepExpression : IStepExpression
{
    private readonly Regex _regex;

    /// <summary>Compiles <paramref name="pattern"/>.</summary>
    public RegularStepExpression(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        Source = pattern;
        var anchored = (pattern.StartsWith('^') ? "" : "^") + pattern + (pattern.EndsWith('$') ? "" : "$");
        _regex = new Regex(anchored, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(5));
    }

    /// <inheritdoc />
    public string Source { get; }

    /// <inheritdoc />
    public bool IsRegularExpression => true;

    /// <summary>Whether a step text should be read as a regular expression (Reqnroll's heuristic).</summary>
    public static bool LooksLikeRegex(string expression) =>
        expression.StartsWith('^') || expression.EndsWith('$') ||
        (!Regex.IsMatch(expression, @"(?<!\\)\{[^{}]*\}", RegexOptions.None, TimeSpan.FromSeconds(1)) &&
         Regex.IsMatch(expression, @"\(\.\*\)|\(\.\+\)|\\d|\\w|\\s|\\\.|\[[^\]]+\]", RegexOptions.None, TimeSpan.FromSeconds(1)));

    /// <inheritdoc />
    public IReadOnlyList<StepArgument>? Match(string text)
    {
        var match = _regex.Match(text);
        if (!match.Success)
        {
            return null;
        }

        var arguments = new List<StepArgument>();
        for (var i = 1; i < match.Groups.Count; i++)
        {
            var g = match.Groups[i];
            if (int.TryParse(g.Name, out _))
            {
                arguments.Add(new StepArgument(g.Success ? g.Value : null, g.Success ? g.Index : -1, null, [g.Success ? g.Value : null]));
            }
        }

        return arguments;
    }
}
