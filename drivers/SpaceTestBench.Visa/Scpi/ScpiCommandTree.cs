namespace SpaceTestBench.Visa.Scpi;

/// <summary>
/// A SCPI command tree, declared once per instrument: header patterns bound to handlers.
/// <code>
/// tree.Command("[SOURce#:]VOLTage[:LEVel][:IMMediate][:AMPLitude]", ctx => ...)
///     .Query("MEASure[:SCALar]:VOLTage[:DC]?", ctx => ScpiFormat.Nr3(...))
///     .Setting("OUTPut#[:STATe]", ctx => ..., ctx => ScpiFormat.Boolean(...));
/// </code>
/// Patterns give the long form with the short form in capitals, optional nodes in brackets, <c>#</c>
/// where a numeric suffix may be typed; common commands start with <c>*</c>. Lookup is indexed by the
/// header's first mnemonic, so a large tree costs no more per command than a small one.
/// </summary>
public sealed class ScpiCommandTree
{
    private readonly Dictionary<string, List<Entry>> _byLeadingMnemonic = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<(string Name, bool IsQuery), Func<ScpiCommandContext, ScpiResponse?>> _common = [];
    private readonly HashSet<(string Text, bool IsQuery)> _declared = [];

    /// <summary>Declares a command (no response).</summary>
    public ScpiCommandTree Command(string pattern, Action<ScpiCommandContext> handler)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(handler);
        if (pattern.EndsWith('?'))
        {
            throw new ArgumentException($"'{pattern}' is a query; declare it with Query.", nameof(pattern));
        }

        Add(pattern, isQuery: false, ctx =>
        {
            handler(ctx);
            return null;
        });
        return this;
    }

    /// <summary>Declares a query; the trailing '?' of <paramref name="pattern"/> may be omitted.</summary>
    public ScpiCommandTree Query(string pattern, Func<ScpiCommandContext, ScpiResponse> handler)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(handler);
        Add(pattern.TrimEnd('?'), isQuery: true, ctx => handler(ctx));
        return this;
    }

    /// <summary>Declares a setting: the command that sets it and the query that reads it, on one pattern.</summary>
    public ScpiCommandTree Setting(string pattern, Action<ScpiCommandContext> set, Func<ScpiCommandContext, ScpiResponse> query)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        return Command(pattern.TrimEnd('?'), set).Query(pattern, query);
    }

    /// <summary>Finds the handler for typed header <paramref name="nodes"/>; null if the header is undefined.</summary>
    internal Match? Find(IReadOnlyList<ScpiHeaderNode> nodes, bool isQuery)
    {
        if (nodes.Count == 1 && nodes[0].Mnemonic.StartsWith('*'))
        {
            return _common.TryGetValue((nodes[0].Mnemonic, isQuery), out var common) ? new Match(common, [], null) : null;
        }

        if (nodes.Count == 0 || !_byLeadingMnemonic.TryGetValue(nodes[0].Mnemonic, out var candidates))
        {
            return null;
        }

        foreach (var entry in candidates)
        {
            if (entry.Pattern.IsQuery != isQuery)
            {
                continue;
            }

            var suffixes = new int[entry.Pattern.NodeCount];
            if (entry.Pattern.TryMatch(nodes, suffixes))
            {
                return new Match(entry.Handler, suffixes, entry.Pattern);
            }
        }

        return null;
    }

    private void Add(string pattern, bool isQuery, Func<ScpiCommandContext, ScpiResponse?> handler)
    {
        var text = pattern.Trim();
        if (!_declared.Add((text.ToUpperInvariant(), isQuery)))
        {
            throw new ArgumentException($"'{pattern}' is declared twice as a {(isQuery ? "query" : "command")}.", nameof(pattern));
        }

        if (text.StartsWith('*'))
        {
            if (text.Length < 2 || !text[1..].All(char.IsAsciiLetter))
            {
                throw new ArgumentException($"'{pattern}' is not a common command (*XXX).", nameof(pattern));
            }

            _common[(text.ToUpperInvariant(), isQuery)] = handler;
            return;
        }

        var parsed = ScpiHeaderPattern.Parse(isQuery ? text + "?" : text);
        var entry = new Entry(parsed, handler);
        foreach (var mnemonic in parsed.LeadingMnemonics().Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (!_byLeadingMnemonic.TryGetValue(mnemonic, out var list))
            {
                _byLeadingMnemonic[mnemonic] = list = [];
            }

            list.Add(entry);
        }
    }

    internal sealed record Match(Func<ScpiCommandContext, ScpiResponse?> Handler, int[] Suffixes, ScpiHeaderPattern? Pattern);

    private sealed record Entry(ScpiHeaderPattern Pattern, Func<ScpiCommandContext, ScpiResponse?> Handler);
}
