using System.Text.RegularExpressions;

namespace SpaceTestBench.Gherkin.Expressions;

/// <summary>
/// The nesting of a regular expression's capture groups, read from its source, so a match can be reported
/// as a tree of <see cref="ArgumentGroup"/>s the way Cucumber does (a parameter's inner groups become children).
/// </summary>
internal sealed class GroupTree
{
    private GroupTree(int number, List<GroupTree> children)
    {
        Number = number;
        Children = children;
    }

    /// <summary>The .NET group number (0 for the whole match).</summary>
    public int Number { get; }

    public List<GroupTree> Children { get; }

    /// <summary>Reads the capture groups of <paramref name="regex"/> (built from <paramref name="pattern"/>).</summary>
    public static GroupTree Of(Regex regex, string pattern)
    {
        // .NET numbers unnamed groups first, then named groups, each in opening order.
        var root = new GroupTree(0, []);
        var stack = new Stack<(bool Capturing, List<GroupTree> Children, int Index)>();
        stack.Push((true, root.Children, -1));
        var unnamed = 0;
        var order = new List<(string? Name, int Unnamed)>();
        var inClass = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\')
            {
                i++;
                continue;
            }

            if (inClass)
            {
                inClass = c != ']';
                continue;
            }

            switch (c)
            {
                case '[':
                    inClass = true;
                    if (i + 1 < pattern.Length && pattern[i + 1] == ']')
                    {
                        i++;
                    }

                    break;
                case '(':
                    var name = CaptureName(pattern, i, out var capturing);
                    if (capturing)
                    {
                        order.Add((name, name is null ? ++unnamed : 0));
                        stack.Push((true, [], order.Count - 1));
                    }
                    else
                    {
                        stack.Push((false, stack.Peek().Children, -1));
                    }

                    break;
                case ')' when stack.Count > 1:
                    var (isCapturing, children, index) = stack.Pop();
                    if (isCapturing)
                    {
                        var number = order[index].Name is { } groupName ? regex.GroupNumberFromName(groupName) : order[index].Unnamed;
                        stack.Peek().Children.Add(new GroupTree(number, children));
                    }

                    break;
            }
        }

        return root;
    }

    /// <summary>The tree of groups of <paramref name="match"/> under this node.</summary>
    public ArgumentGroup Read(Match match)
    {
        var group = match.Groups[Number];
        return new ArgumentGroup(group.Success ? group.Value : null, group.Success ? group.Index : null, Children.Select(c => c.Read(match)).ToList());
    }

    private static string? CaptureName(string pattern, int open, out bool capturing)
    {
        capturing = true;
        if (open + 1 >= pattern.Length || pattern[open + 1] != '?')
        {
            return null;
        }

        // (?<name>…) and (?'name'…) capture; (?:…), (?=…), (?!…), (?<=…), (?<!…), (?>…), (?imnsx:…) do not.
        if (open + 2 < pattern.Length && pattern[open + 2] is '<' or '\'' && open + 3 < pattern.Length && pattern[open + 3] is not ('=' or '!'))
        {
            var close = pattern.IndexOf(pattern[open + 2] == '<' ? '>' : '\'', open + 3);
            return close < 0 ? null : pattern[(open + 3)..close];
        }

        capturing = false;
        return null;
    }
}
