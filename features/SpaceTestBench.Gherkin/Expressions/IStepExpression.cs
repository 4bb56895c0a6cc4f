namespace SpaceTestBench.Gherkin.Expressions;

/// <summary>A matched argument: its text, where it starts in the step text, and its converted value.</summary>
/// <param name="Text">The matched text (null for an optional group that did not match).</param>
/// <param name="Start">Offset in the step text.</param>
/// <param name="ParameterType">The Cucumber Expression parameter type, or null for a regex group.</param>
/// <param name="Groups">The texts of the parameter's groups (whole match first).</param>
public sealed record StepArgument(string? Text, int Start, ParameterType? ParameterType, string?[] Groups);

/// <summary>A step definition's text, compiled: matches step text and extracts arguments.</summary>
public interface IStepExpression
{
    /// <summary>The text as written in the attribute.</summary>
    string Source { get; }

    /// <summary>True for a regular expression, false for a Cucumber Expression.</summary>
    bool IsRegularExpression { get; }

    /// <summary>The arguments if <paramref name="text"/> matches, else null.</summary>
    IReadOnlyList<StepArgument>? Match(string text);
}
