namespace SpaceTestBench.Steps.Validation;

/// <summary>What is wrong with a step of a feature file.</summary>
public enum ValidationProblemKind
{
    /// <summary>The file does not parse as Gherkin.</summary>
    Syntax,

    /// <summary>No step of the catalog matches it.</summary>
    Undefined,

    /// <summary>More than one step of the catalog matches it.</summary>
    Ambiguous,

    /// <summary>It matches one step, but an argument does not convert (a unit of the wrong kind, say).</summary>
    Argument,

    /// <summary>It needs a bench role the bench file does not provide, or provides without the capability it needs.</summary>
    Role,
}

/// <summary>One problem found in a feature file, where it is and what to do about it.</summary>
/// <param name="Kind">What kind of problem.</param>
/// <param name="File">The feature file's full path.</param>
/// <param name="Line">The step's line (for a syntax error, the line the parser stopped at).</param>
/// <param name="Step">The step as written, keyword first (with an outline's values filled in); empty for a syntax error.</param>
/// <param name="Message">What is wrong, and what would be right.</param>
public sealed record ValidationProblem(ValidationProblemKind Kind, string File, int Line, string Step, string Message)
{
    /// <summary>For a step of a Scenario Outline: the line of the Examples row it was checked with.</summary>
    public int? ExampleRow { get; init; }

    /// <summary>For a syntax error: the column the parser stopped at.</summary>
    public int? Column { get; init; }

    /// <summary>"features/power/power-on.feature:12" ("…:12:5" for a syntax error).</summary>
    public string Location => Column is { } column ? $"{File}:{Line}:{column}" : $"{File}:{Line}";

    /// <summary>The kind in words, for people ("undefined step").</summary>
    public string Title => Kind switch
    {
        ValidationProblemKind.Syntax => "syntax error",
        ValidationProblemKind.Undefined => "undefined step",
        ValidationProblemKind.Ambiguous => "ambiguous step",
        ValidationProblemKind.Argument => "argument error",
        _ => "role not provided",
    };
}
