using System.Text.RegularExpressions;

namespace SpaceTestBench.Gherkin.Expressions;

/// <summary>
/// A step definition written as a regular expression; anchored at both ends like Reqnroll's. Every
/// top-level capture group is an argument; one that did not take part in the match yields null.
/// </summary>
public sealed partial class RegularStepExpression : IStepExpression
{
    private readonly Regex _regex;
    private readonly GroupTree _groups;

    /// <summary>Compiles <paramref name="pattern"/>.</summary>
    public RegularStepExpression(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        Source = pattern;
        var anchored = (pattern.StartsWith('^') ? "" : "^") + pattern + (pattern.EndsWith('$') ? "" : "$");
        _regex = new Regex(anchored, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(5));
        _groups = GroupTree.Of(_regex);
    }

    /// <inheritdoc />
    public string Source { get; }

    /// <inheritdoc />
    public bool IsRegularExpression => true;

    /// <summary>Whether a step text should be read as a regular expression (Reqnroll's heuristic).</summary>
    public static bool LooksLikeRegex(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        return expression.StartsWith('^') || expression.EndsWith('$') ||
               (!ParameterReference().IsMatch(expression) && RegexLooking().IsMatch(expression));
    }

    /// <inheritdoc />
    public IReadOnlyList<StepArgument>? Match(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var match = _regex.Match(text);
        return match.Success ? _groups.Read(match).Children.Select(g => new StepArgument(g, null)).ToList() : null;
    }

    [GeneratedRegex(@"(?<!\\)\{[^{}]*\}")]
    private static partial Regex ParameterReference();

    [GeneratedRegex(@"\(\.\*\??\)|\(\.\+\??\)|\\d|\\w|\\s|\\\.|\[[^\]]+\]|\(\?:")]
    private static partial Regex RegexLooking();
}
