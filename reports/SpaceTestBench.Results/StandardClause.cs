using System.Text.RegularExpressions;

namespace SpaceTestBench.Results;

/// <summary>
/// A clause of a qualification standard a scenario verifies, named by a tag such as <c>@ESCC-25100</c>,
/// <c>@MIL-STD-883-TM1019</c> or <c>@ECSS-E-ST-10-03C-5.5.4</c>. The report gives a verdict per clause.
/// </summary>
/// <param name="Id">The tag without '@' ("MIL-STD-883-TM1019").</param>
/// <param name="Body">The standards body or family ("MIL", "ESCC", "JESD").</param>
public sealed partial record StandardClause(string Id, string Body)
{
    /// <summary>The standards families whose tags name clauses.</summary>
    public static IReadOnlyList<string> Bodies { get; } =
        ["AEC", "ASTM", "CCSDS", "ECSS", "EIA", "ESCC", "GSFC", "IEC", "IEEE", "ISO", "JEDEC", "JESD", "MIL", "NASA", "SMC"];

    /// <summary>The clause a tag names, or null if the tag names no standard (<c>@power</c>, <c>@slow</c>).</summary>
    public static StandardClause? FromTag(string tag)
    {
        ArgumentNullException.ThrowIfNull(tag);
        var match = ClausePattern().Match(tag);
        return match.Success ? new StandardClause(tag.TrimStart('@'), match.Groups["body"].Value.ToUpperInvariant()) : null;
    }

    /// <inheritdoc />
    public override string ToString() => Id;

    [GeneratedRegex(@"^@?(?<body>AEC|ASTM|CCSDS|ECSS|EIA|ESCC|GSFC|IEC|IEEE|ISO|JEDEC|JESD|MIL|NASA|SMC)(?:[-_]|(?=[0-9]))[A-Z0-9][A-Za-z0-9.\-_]*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ClausePattern();
}
