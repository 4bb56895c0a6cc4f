namespace SpaceTestBench.Gherkin.Expressions;

/// <summary>
/// A capture group of a match, with the groups nested inside it (Cucumber's <c>Group</c>): what a
/// <c>stepMatchArgument</c> reports. A group that did not take part in the match has no value and no start.
/// </summary>
/// <param name="Value">The matched text, or null.</param>
/// <param name="Start">Offset of the match in the step text (UTF-16 units), or null.</param>
/// <param name="Children">Capture groups nested inside this one, in the order they open.</param>
public sealed record ArgumentGroup(string? Value, int? Start, IReadOnlyList<ArgumentGroup> Children)
{
    /// <summary>The values a transformation receives: the children's values, or this group's when it has none.</summary>
    public string?[] Values => Children.Count == 0 ? [Value] : Children.Select(c => c.Value).ToArray();
}
