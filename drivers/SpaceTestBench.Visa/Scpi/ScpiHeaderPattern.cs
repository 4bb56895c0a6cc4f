namespace SpaceTestBench.Visa.Scpi;

/// <summary>
/// One declared command header, e.g. <c>[SOURce#:]VOLTage[:LEVel][:IMMediate][:AMPLitude]?</c>:
/// mnemonics in long form with the short form in capitals, optional nodes in brackets, <c>#</c> where a
/// numeric suffix is allowed, a trailing <c>?</c> for a query. Matching follows SCPI-99 Vol. 1 §6:
/// exactly the short or the long form, case-insensitive; optional nodes may be omitted; an omitted
/// suffix is 1.
/// </summary>
public sealed class ScpiHeaderPattern
{
    private readonly Node[] _nodes;

    private ScpiHeaderPattern(string text, Node[] nodes, bool isQuery)
    {
        Text = text;
        _nodes = nodes;
        IsQuery = isQuery;
    }

    /// <summary>The pattern as declared.</summary>
    public string Text { get; }

    /// <summary>True for a query pattern.</summary>
    public bool IsQuery { get; }

    /// <summary>Number of mnemonic nodes (including optional ones).</summary>
    public int NodeCount => _nodes.Length;

    /// <summary>Parses a declared pattern; throws <see cref="FormatException"/> on a malformed declaration.</summary>
    public static ScpiHeaderPattern Parse(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var text = pattern.Trim();
        var isQuery = text.EndsWith('?');
        if (isQuery)
        {
            text = text[..^1];
        }

        var nodes = new List<Node>();
        var i = 0;
        while (i < text.Length)
        {
            var optional = false;
            if (text[i] == '[')
            {
                optional = true;
                i++;
            }

            if (i < text.Length && text[i] == ':')
            {
                i++;
            }

            var start = i;
            while (i < text.Length && char.IsAsciiLetter(text[i]))
            {
                i++;
            }

            var name = text[start..i];
            if (name.Length == 0)
            {
                throw new FormatException($"SCPI pattern '{pattern}': expected a mnemonic at position {start}.");
            }

            var suffixed = i < text.Length && text[i] == '#';
            if (suffixed)
            {
                i++;
            }

            if (i < text.Length && text[i] == ':' && optional)
            {
                i++; // "[SOURce:]"
            }

            if (optional)
            {
                if (i >= text.Length || text[i] != ']')
                {
                    throw new FormatException($"SCPI pattern '{pattern}': '[' without ']'.");
                }

                i++;
            }

            var shortForm = ShortForm(name);
            if (!name.StartsWith(shortForm, StringComparison.OrdinalIgnoreCase))
            {
                throw new FormatException($"SCPI pattern '{pattern}': the capitals of '{name}' must be its leading letters (the short form, e.g. VOLTage).");
            }

            nodes.Add(new Node(name.ToUpperInvariant(), shortForm, optional, suffixed));
        }

        if (nodes.Count == 0 || nodes.All(n => n.Optional))
        {
            throw new FormatException($"SCPI pattern '{pattern}': at least one node must be required.");
        }

        return new ScpiHeaderPattern(pattern, nodes.ToArray(), isQuery);
    }

    /// <summary>
    /// The short form of a declared mnemonic: its capital letters ("VOLTage" → "VOLT"); all of it when it
    /// has none. SCPI-99 Vol. 1 §6.2.1 derives it from the long form; declarations spell it out.
    /// </summary>
    public static string ShortForm(string declared)
    {
        ArgumentNullException.ThrowIfNull(declared);
        var capitals = new string(declared.Where(char.IsAsciiLetterUpper).ToArray());
        return capitals.Length == 0 ? declared.ToUpperInvariant() : capitals;
    }

    /// <summary>Index of the node whose long or short form is <paramref name="mnemonic"/>, or -1.</summary>
    public int IndexOf(string mnemonic)
    {
        for (var i = 0; i < _nodes.Length; i++)
        {
            if (_nodes[i].Long.Equals(mnemonic, StringComparison.OrdinalIgnoreCase) || _nodes[i].Short.Equals(mnemonic, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The upper-case mnemonics a typed header matching this pattern can start with (for indexing).</summary>
    internal IEnumerable<string> LeadingMnemonics()
    {
        foreach (var node in _nodes)
        {
            yield return node.Long;
            yield return node.Short;
            if (!node.Optional)
            {
                yield break;
            }
        }
    }

    /// <summary>
    /// Matches typed header nodes. On success fills <paramref name="suffixes"/> with the numeric suffix of
    /// every pattern node, in pattern order (1 where omitted).
    /// </summary>
    public bool TryMatch(IReadOnlyList<ScpiHeaderNode> typed, Span<int> suffixes)
    {
        if (suffixes.Length < _nodes.Length)
        {
            throw new ArgumentException("Suffix buffer too small.", nameof(suffixes));
        }

        return Match(0, 0, typed, suffixes);
    }

    private bool Match(int p, int t, IReadOnlyList<ScpiHeaderNode> typed, Span<int> suffixes)
    {
        if (t == typed.Count)
        {
            for (var k = p; k < _nodes.Length; k++)
            {
                if (!_nodes[k].Optional)
                {
                    return false;
                }

                suffixes[k] = 1;
            }

            return true;
        }

        if (p == _nodes.Length)
        {
            return false;
        }

        var node = _nodes[p];
        var candidate = typed[t];
        if (node.Matches(candidate))
        {
            suffixes[p] = candidate.Suffix ?? 1;
            if (Match(p + 1, t + 1, typed, suffixes))
            {
                return true;
            }
        }

        if (node.Optional)
        {
            suffixes[p] = 1;
            return Match(p + 1, t, typed, suffixes);
        }

        return false;
    }

    private sealed record Node(string Long, string Short, bool Optional, bool Suffixed)
    {
        public bool Matches(ScpiHeaderNode typed)
        {
            if (typed.Suffix is not null && !Suffixed)
            {
                return false;
            }

            return typed.Mnemonic.Equals(Short, StringComparison.OrdinalIgnoreCase) ||
                   typed.Mnemonic.Equals(Long, StringComparison.OrdinalIgnoreCase);
        }

        public override string ToString() => Long;
    }
}

/// <summary>One node of a typed header: the mnemonic without its numeric suffix, and the suffix if typed.</summary>
public readonly record struct ScpiHeaderNode(string Mnemonic, int? Suffix);
