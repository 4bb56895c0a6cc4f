using System.Text;

namespace SpaceTestBench.Gherkin.Expressions;

/// <summary>
/// A Cucumber Expression that does not parse or compile. The message has Cucumber's exact form: the
/// column, the expression, a caret marker under the offending part, the problem and what to do.
/// </summary>
public class CucumberExpressionException : Exception
{
    /// <summary>An error with a free-form message (no position).</summary>
    public CucumberExpressionException(string message)
        : base(message)
    {
        Expression = "";
    }

    /// <summary>An error at code points <paramref name="start"/>..<paramref name="end"/> of <paramref name="expression"/>.</summary>
    protected CucumberExpressionException(string expression, int start, int end, string problem, string solution)
        : base(Describe(expression, start, end, problem, solution))
    {
        Expression = expression;
        Column = start + 1;
    }

    /// <summary>The expression.</summary>
    public string Expression { get; }

    /// <summary>1-based column (in code points) of the problem, 0 when unknown.</summary>
    public int Column { get; }

    internal static CucumberExpressionException At(string expression, int start, int end, string problem, string solution) =>
        new(expression, start, end, problem, solution);

    internal static CucumberExpressionException CannotEscapeEndOfLine(string expression, int index) => At(
        expression, index, index + 1, "The end of line can not be escaped.", "You can use '\\\\' to escape the '\\'");

    internal static CucumberExpressionException CannotEscapeCharacter(string expression, int index) => At(
        expression, index, index + 1, "Only the characters '{', '}', '(', ')', '\\', '/' and whitespace can be escaped.",
        "If you did mean to use an '\\' you can use '\\\\' to escape it");

    internal static CucumberExpressionException MissingEndToken(string expression, CucumberExpressionTokenType begin, CucumberExpressionToken at) =>
        begin == CucumberExpressionTokenType.BeginParameter
            ? At(expression, at.Start, at.End, "The '{' does not have a matching '}'.", "If you did not intend to use a parameter you can use '\\{' to escape the a parameter")
            : At(expression, at.Start, at.End, "The '(' does not have a matching ')'.", "If you did not intend to use optional text you can use '\\(' to escape the optional text");

    internal static CucumberExpressionException AlternationNotAllowedInOptional(string expression, CucumberExpressionToken at) => At(
        expression, at.Start, at.End, "An alternation can not be used inside an optional.",
        "If you did not mean to use an alternation you can use '\\/' to escape the '/'. Otherwise rephrase your expression or consider using a regular expression instead.");

    internal static CucumberExpressionException InvalidParameterTypeName(string expression, int start, int end) => At(
        expression, start, end, "Parameter names may not contain '{', '}', '(', ')', '\\' or '/'.", "Did you mean to use a regular expression?");

    internal static CucumberExpressionException AlternativeMayNotBeEmpty(string expression, CucumberExpressionNode node) => At(
        expression, node.Start, node.End, "Alternative may not be empty.", "If you did not mean to use an alternative you can use '\\/' to escape the '/'");

    internal static CucumberExpressionException AlternativeMayNotExclusivelyContainOptionals(string expression, CucumberExpressionNode node) => At(
        expression, node.Start, node.End, "An alternative may not exclusively contain optionals.", "If you did not mean to use an optional you can use '\\(' to escape the '('");

    internal static CucumberExpressionException OptionalMayNotBeEmpty(string expression, CucumberExpressionNode node) => At(
        expression, node.Start, node.End, "An optional must contain some text.", "If you did not mean to use an optional you can use '\\(' to escape the '('");

    internal static CucumberExpressionException ParameterIsNotAllowedInOptional(string expression, CucumberExpressionNode node) => At(
        expression, node.Start, node.End, "An optional may not contain a parameter type.", "If you did not mean to use an parameter type you can use '\\{' to escape the '{'");

    internal static CucumberExpressionException OptionalIsNotAllowedInOptional(string expression, CucumberExpressionNode node) => At(
        expression, node.Start, node.End, "An optional may not contain an other optional.",
        "If you did not mean to use an optional type you can use '\\(' to escape the '('. For more complicated expressions consider using a regular expression instead.");

    private static string Describe(string expression, int start, int end, string problem, string solution)
    {
        var marker = new StringBuilder(new string(' ', start));
        if (end - start <= 1)
        {
            marker.Append('^');
        }
        else
        {
            marker.Append('^').Append('-', end - start - 2).Append('^');
        }

        return $"This Cucumber Expression has a problem at column {start + 1}:\n\n{expression}\n{marker}\n{problem}\n{solution}";
    }
}

/// <summary>A Cucumber Expression names a parameter type nobody defined.</summary>
public sealed class UndefinedParameterTypeException : CucumberExpressionException
{
    internal UndefinedParameterTypeException(string expression, CucumberExpressionNode node, string name)
        : base(expression, node.Start, node.End, $"Undefined parameter type '{name}'.", $"Please register a ParameterType for '{name}'")
    {
        ParameterTypeName = name;
    }

    /// <summary>The unknown type's name.</summary>
    public string ParameterTypeName { get; }
}
