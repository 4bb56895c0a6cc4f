namespace SpaceTestBench.Gherkin.Parsing;

/// <summary>A syntax error in a feature file, at a line and column.</summary>
/// <param name="File">The feature file.</param>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column (0 if unknown).</param>
/// <param name="Message">What the parser expected and found.</param>
public sealed record GherkinSyntaxError(string File, int Line, int Column, string Message)
{
    /// <summary>"file:line:column: message", the form editors and CI logs link.</summary>
    public override string ToString() => $"{File}:{Line}:{Column}: {Message}";
}

/// <summary>One or more feature files do not parse.</summary>
public sealed class GherkinParseException(IReadOnlyList<GherkinSyntaxError> errors)
    : Exception(string.Join(Environment.NewLine, errors))
{
    /// <summary>Every error found.</summary>
    public IReadOnlyList<GherkinSyntaxError> Errors { get; } = errors;
}
