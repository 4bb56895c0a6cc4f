using System.Text;
using System.Text.RegularExpressions;
using Io.Cucumber.Messages.Types;

namespace SpaceTestBench.Gherkin.Execution;

/// <summary>Ready-to-paste C# for an undefined step: numbers become {int}/{float}, quoted text {string}.</summary>
public static partial class Snippets
{
    /// <summary>A step definition method for <paramref name="step"/>.</summary>
    public static string For(PickleStep step, StepDefinitionType keyword)
    {
        ArgumentNullException.ThrowIfNull(step);
        var parameters = new List<string>();
        var expression = Tokens().Replace(step.Text, m =>
        {
            if (m.Groups["string"].Success)
            {
                parameters.Add($"string p{parameters.Count}");
                return "{string}";
            }

            var isFloat = m.Value.Contains('.', StringComparison.Ordinal);
            parameters.Add(isFloat ? $"double p{parameters.Count}" : $"int p{parameters.Count}");
            return isFloat ? "{float}" : "{int}";
        });
        if (step.Argument?.DataTable is not null)
        {
            parameters.Add("DataTable table");
        }
        else if (step.Argument?.DocString is not null)
        {
            parameters.Add("string docString");
        }

        var name = new StringBuilder(keyword.ToString());
        foreach (var word in Words().Matches(expression.Replace("{int}", "", StringComparison.Ordinal).Replace("{float}", "", StringComparison.Ordinal).Replace("{string}", "", StringComparison.Ordinal)).Cast<Match>())
        {
            name.Append(char.ToUpperInvariant(word.Value[0])).Append(word.Value[1..]);
        }

        return $"[{keyword}(\"{expression.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\")]\npublic void {name}({string.Join(", ", parameters)})\n{{\n    throw new PendingStepException();\n}}";
    }

    [GeneratedRegex(@"(?<string>""[^""]*""|'[^']*')|(?<![\w.])-?\d+(?:\.\d+)?(?![\w.])")]
    private static partial Regex Tokens();

    [GeneratedRegex(@"[A-Za-z0-9]+")]
    private static partial Regex Words();
}
