namespace SpaceTestBench.Gherkin.Expressions;

/// <summary>A matched argument: its group tree (value, start, nested groups) and its parameter type.</summary>
/// <param name="Group">The capture group of the argument, with the groups nested inside it.</param>
/// <param name="ParameterType">The Cucumber Expression parameter type, or null for a regular expression group.</param>
public sealed record StepArgument(ArgumentGroup Group, ParameterType? ParameterType)
{
    /// <summary>The matched text (null for an optional group that did not match).</summary>
    public string? Text => Group.Value;

    /// <summary>
    /// The value for a built-in or self-transforming parameter type (an <c>int</c> for <c>{int}</c>, the
    /// unquoted text for <c>{string}</c>); the text itself for a regular expression group. Types defined by
    /// binding methods are transformed by the runner instead.
    /// </summary>
    public object? Value => ParameterType?.Transform is { } transform ? transform(Group.Values) : Group.Value;
}

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
