namespace SpaceTestBench.Visa.Scpi;

/// <summary>
/// What a command handler sees: its parameters and the numeric suffixes of its header. Parameters the
/// handler never reads are reported as -108 Parameter not allowed after it returns (a query's response
/// is then withheld), so a handler cannot silently ignore extra data.
/// </summary>
public sealed class ScpiCommandContext
{
    private readonly int[] _suffixes;
    private readonly ScpiHeaderPattern? _pattern;
    private int _read;

    internal ScpiCommandContext(ScpiProgramUnit unit, int[] suffixes, ScpiHeaderPattern? pattern)
    {
        Unit = unit;
        _suffixes = suffixes;
        _pattern = pattern;
    }

    /// <summary>The unit as parsed.</summary>
    public ScpiProgramUnit Unit { get; }

    /// <summary>True if the unit is a query.</summary>
    public bool IsQuery => Unit.IsQuery;

    /// <summary>All program data elements (reading this counts as reading every one of them).</summary>
    public IReadOnlyList<ScpiParameter> Parameters
    {
        get
        {
            _read = Unit.Parameters.Count;
            return Unit.Parameters;
        }
    }

    /// <summary>How many parameters were typed.</summary>
    public int ParameterCount => Unit.Parameters.Count;

    internal bool HasUnreadParameters => _read < Unit.Parameters.Count;

    /// <summary>The numeric suffix of the n-th node of the declared pattern, counting optional nodes (1 if omitted).</summary>
    public int Suffix(int patternNode) => _suffixes[patternNode];

    /// <summary>The numeric suffix of the n-th pattern node, which must lie in <paramref name="minimum"/>–<paramref name="maximum"/> (-114 otherwise).</summary>
    public int Suffix(int patternNode, int minimum, int maximum)
    {
        var suffix = _suffixes[patternNode];
        return suffix >= minimum && suffix <= maximum
            ? suffix
            : throw new ScpiErrorException(ScpiError.HeaderSuffixOutOfRange.WithInfo(Unit.Text));
    }

    /// <summary>The numeric suffix of the pattern node named <paramref name="mnemonic"/> (long or short form).</summary>
    public int Suffix(string mnemonic)
    {
        ArgumentNullException.ThrowIfNull(mnemonic);
        var index = _pattern?.IndexOf(mnemonic) ?? -1;
        return index >= 0
            ? _suffixes[index]
            : throw new ArgumentException($"The pattern '{_pattern?.Text}' has no node '{mnemonic}'.", nameof(mnemonic));
    }

    /// <summary>The numeric suffix of the pattern node named <paramref name="mnemonic"/>, in <paramref name="minimum"/>–<paramref name="maximum"/> (-114 otherwise).</summary>
    public int Suffix(string mnemonic, int minimum, int maximum)
    {
        var suffix = Suffix(mnemonic);
        return suffix >= minimum && suffix <= maximum
            ? suffix
            : throw new ScpiErrorException(ScpiError.HeaderSuffixOutOfRange.WithInfo(Unit.Text));
    }

    /// <summary>The n-th parameter; -109 Missing parameter if absent.</summary>
    public ScpiParameter Parameter(int index)
    {
        if (index >= Unit.Parameters.Count)
        {
            throw new ScpiErrorException(ScpiError.MissingParameter.WithInfo(Unit.Text));
        }

        _read = Math.Max(_read, index + 1);
        return Unit.Parameters[index];
    }

    /// <summary>The n-th parameter if present.</summary>
    public ScpiParameter? OptionalParameter(int index)
    {
        _read = Math.Max(_read, index + 1);
        return index < Unit.Parameters.Count ? Unit.Parameters[index] : null;
    }

    /// <summary>Requires at most <paramref name="count"/> parameters; -108 otherwise (before anything is changed).</summary>
    public void AllowParameters(int count)
    {
        if (Unit.Parameters.Count > count)
        {
            throw new ScpiErrorException(ScpiError.ParameterNotAllowed.WithInfo(Unit.Text));
        }
    }
}
