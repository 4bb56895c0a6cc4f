namespace SpaceTestBench.Visa.Scpi;

/// <summary>What a command handler sees: its parameters and the numeric suffixes of its header.</summary>
public sealed class ScpiCommandContext
{
    private readonly int[] _suffixes;

    internal ScpiCommandContext(ScpiProgramUnit unit, int[] suffixes)
    {
        Unit = unit;
        _suffixes = suffixes;
    }

    /// <summary>The unit as parsed.</summary>
    public ScpiProgramUnit Unit { get; }

    /// <summary>The program data elements.</summary>
    public IReadOnlyList<ScpiParameter> Parameters => Unit.Parameters;

    /// <summary>The numeric suffix of the n-th node of the declared pattern (1 if omitted).</summary>
    public int Suffix(int patternNode) => _suffixes[patternNode];

    /// <summary>The n-th parameter; -109 Missing parameter if absent.</summary>
    public ScpiParameter Parameter(int index) =>
        index < Parameters.Count ? Parameters[index] : throw new ScpiErrorException(ScpiError.MissingParameter.WithInfo(Unit.Text));

    /// <summary>The n-th parameter if present.</summary>
    public ScpiParameter? OptionalParameter(int index) => index < Parameters.Count ? Parameters[index] : null;

    /// <summary>Requires at most <paramref name="count"/> parameters; -108 otherwise.</summary>
    public void AllowParameters(int count)
    {
        if (Parameters.Count > count)
        {
            throw new ScpiErrorException(ScpiError.ParameterNotAllowed.WithInfo(Unit.Text));
        }
    }
}

/// <summary>A response element, or nothing for a command.</summary>
public readonly struct ScpiResponse
{
    private ScpiResponse(string? text, ReadOnlyMemory<byte> block)
    {
        Text = text;
        Block = block;
    }

    /// <summary>Text element (NR1/NR2/NR3, character or string data).</summary>
    public string? Text { get; }

    /// <summary>Definite length arbitrary block element.</summary>
    public ReadOnlyMemory<byte> Block { get; }

    /// <summary>A text response.</summary>
    public static ScpiResponse FromText(string text) => new(text, default);

    /// <summary>A definite length block response (IEEE 488.2 §8.7.9).</summary>
    public static ScpiResponse FromBlock(ReadOnlyMemory<byte> data) => new(null, data);

    /// <summary>A text response.</summary>
    public static implicit operator ScpiResponse(string text) => FromText(text);
}

/// <summary>
/// A SCPI command tree declared once per instrument: header patterns bound to handlers. Lookup applies
/// the compound-message path rule (a unit without a leading ':' continues from the previous header's path).
/// </summary>
public sealed class ScpiCommandTree
{
    private readonly List<Entry> _entries = [];
    private readonly Dictionary<(string Name, bool IsQuery), Func<ScpiCommandContext, ScpiResponse?>> _common = [];

    /// <summary>Declares a command (no response).</summary>
    public ScpiCommandTree Command(string pattern, Action<ScpiCommandContext> handler)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(handler);
        if (pattern.StartsWith('*'))
        {
            _common[(pattern.ToUpperInvariant(), false)] = ctx =>
            {
                handler(ctx);
                return null;
            };
            return this;
        }

        var parsed = ScpiHeaderPattern.Parse(pattern);
        if (parsed.IsQuery)
        {
            throw new ArgumentException($"'{pattern}' is a query; declare it with Query.", nameof(pattern));
        }

        _entries.Add(new Entry(parsed, ctx =>
        {
            handler(ctx);
            return null;
        }));
        return this;
    }

    /// <summary>Declares a query.</summary>
    public ScpiCommandTree Query(string pattern, Func<ScpiCommandContext, ScpiResponse> handler)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(handler);
        if (pattern.StartsWith('*'))
        {
            _common[(pattern.TrimEnd('?').ToUpperInvariant(), true)] = ctx => handler(ctx);
            return this;
        }

        var parsed = ScpiHeaderPattern.Parse(pattern.EndsWith('?') ? pattern : pattern + "?");
        _entries.Add(new Entry(parsed, ctx => handler(ctx)));
        return this;
    }

    /// <summary>Finds the handler for <paramref name="nodes"/>; null if the header is undefined.</summary>
    internal (Func<ScpiCommandContext, ScpiResponse?> Handler, int[] Suffixes)? Find(IReadOnlyList<ScpiHeaderNode> nodes, bool isQuery)
    {
        if (nodes.Count == 1 && nodes[0].Mnemonic.StartsWith('*'))
        {
            return _common.TryGetValue((nodes[0].Mnemonic, isQuery), out var common) ? (common, []) : null;
        }

        foreach (var entry in _entries)
        {
            if (entry.Pattern.IsQuery != isQuery)
            {
                continue;
            }

            var suffixes = new int[entry.Pattern.NodeCount];
            if (entry.Pattern.TryMatch(nodes, suffixes))
            {
                return (entry.Handler, suffixes);
            }
        }

        return null;
    }

    private sealed record Entry(ScpiHeaderPattern Pattern, Func<ScpiCommandContext, ScpiResponse?> Handler);
}
