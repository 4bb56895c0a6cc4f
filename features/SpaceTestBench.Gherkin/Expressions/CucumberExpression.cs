using System.Text.RegularExpressions;
using CucumberExpressions.Ast;

namespace SpaceTestBench.Gherkin.Expressions;

/// <summary>
/// A Cucumber Expression (https://github.com/cucumber/cucumber-expressions): literal text with
/// <c>{parameter}</c>s, <c>(optional text)</c> and <c>alternative/words</c>. Parsing and compiling to a
/// regular expression are the package <c>Cucumber.CucumberExpressions</c>'; this type matches step text
/// and hands each argument its parameter type.
/// </summary>
public sealed class CucumberExpression : IStepExpression
{
    private readonly Regex _regex;
    private readonly GroupTree _groups;

    /// <summary>Compiles <paramref name="expression"/> with the types of <paramref name="registry"/>.</summary>
    /// <exception cref="CucumberExpressions.CucumberExpressionException">The expression does not parse, or names an unknown type.</exception>
    public CucumberExpression(string expression, ParameterTypeRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(expression);
        ArgumentNullException.ThrowIfNull(registry);
        Source = expression;
        var compiled = new GroupKeepingExpression(expression, registry);
        ParameterTypes = [.. compiled.ParameterTypes.Cast<ParameterType>()];
        RegexSource = compiled.Regex.ToString();
        _regex = new Regex(RegexSource, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(5));
        _groups = GroupTree.Of(_regex);
    }

    /// <inheritdoc />
    public string Source { get; }

    /// <summary>The regular expression the expression compiles to.</summary>
    public string RegexSource { get; }

    /// <summary>The parameter types used, in order.</summary>
    public IReadOnlyList<ParameterType> ParameterTypes { get; }

    /// <inheritdoc />
    public bool IsRegularExpression => false;

    /// <inheritdoc />
    public IReadOnlyList<StepArgument>? Match(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var match = _regex.Match(text);
        if (!match.Success)
        {
            return null;
        }

        // Each top-level capture group is one parameter; the groups inside it are its children.
        var root = _groups.Read(match);
        var arguments = new StepArgument[ParameterTypes.Count];
        for (var i = 0; i < arguments.Length; i++)
        {
            arguments[i] = new StepArgument(root.Children[i], ParameterTypes[i]);
        }

        return arguments;
    }

    /// <summary>
    /// The package's compiler, keeping the capture groups inside a parameter type's regular expression as
    /// Cucumber's reference implementation does (the .NET package strips them because Reqnroll matches
    /// a transformation's regex again): a transformation receives its groups, and <c>{string}</c> the text
    /// between the quotes.
    /// </summary>
    private sealed class GroupKeepingExpression(string expression, ParameterTypeRegistry registry)
        : CucumberExpressions.CucumberExpression(expression, registry)
    {
        protected override string[] GetParameterTypeRegexps(string name, CucumberExpressions.IParameterType parameterType, out bool shouldWrapWithCaptureGroup)
        {
            shouldWrapWithCaptureGroup = true;
            return parameterType.RegexStrings;
        }

        protected override string RewriteParameter(Node node)
        {
            // Cucumber rejects these characters in a parameter's name with a positioned message.
            if (node.Text.IndexOfAny(['{', '}', '(', ')', '\\', '/']) >= 0)
            {
                throw new InvalidParameterNameException(node, Source);
            }

            return base.RewriteParameter(node);
        }
    }

    /// <summary>Cucumber's positioned error for a parameter name with a reserved character.</summary>
    private sealed class InvalidParameterNameException(Node node, string expression) : CucumberExpressions.CucumberExpressionException(
        GetMessage(node.Start, expression, PointAt(node), "Parameter names may not contain '{', '}', '(', ')', '\\' or '/'.", "Did you mean to use a regular expression?"));
}
