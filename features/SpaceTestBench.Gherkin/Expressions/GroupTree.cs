using System.Text.RegularExpressions;
using CucumberExpressions.Parsing;

namespace SpaceTestBench.Gherkin.Expressions;

/// <summary>
/// The nesting of a regular expression's capture groups (the package's <see cref="TreeRegexp"/>), so a
/// match reads as a tree of <see cref="ArgumentGroup"/>s the way Cucumber reports it. .NET numbers
/// unnamed groups before named ones; the tree is walked in opening order, so each group's number is
/// looked up rather than counted.
/// </summary>
internal sealed class GroupTree
{
    private readonly GroupBuilder _root;
    private readonly int[] _numbers;

    private GroupTree(GroupBuilder root, int[] numbers)
    {
        _root = root;
        _numbers = numbers;
    }

    /// <summary>Reads the capture groups of <paramref name="regex"/>.</summary>
    public static GroupTree Of(Regex regex)
    {
        var root = TreeRegexp.CreateGroupBuilder(regex);
        var source = regex.ToString();
        var numbers = new List<int> { 0 };
        var unnamed = 0;
        void Walk(GroupBuilder group)
        {
            foreach (var child in group.Children)
            {
                numbers.Add(NameOf(source, child.StartIndex) is { } name ? regex.GroupNumberFromName(name) : ++unnamed);
                Walk(child);
            }
        }

        Walk(root);
        return new GroupTree(root, [.. numbers]);
    }

    /// <summary>The tree of groups of <paramref name="match"/>.</summary>
    public ArgumentGroup Read(Match match) => ToArgument(_root.Build(match, ((IEnumerable<int>)_numbers).GetEnumerator()));

    private static ArgumentGroup ToArgument(CucumberExpressions.Parsing.Group group) => new(
        group.Value, group.Value is null ? null : group.Start, group.Children is { } children ? [.. children.Select(ToArgument)] : []);

    private static string? NameOf(string pattern, int open)
    {
        // (?<name>…) captures under a name; the package counts only these among (?…) groups as capturing.
        if (open + 2 >= pattern.Length || pattern[open + 1] != '?' || pattern[open + 2] != '<')
        {
            return null;
        }

        var close = pattern.IndexOf('>', open + 3);
        return close < 0 ? null : pattern[(open + 3)..close];
    }
}
