using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CucumberExpressions;
using CucumberExpressions.Generation;
using Io.Cucumber.Messages.Types;

namespace SpaceTestBench.Gherkin.Execution;

/// <summary>
/// Ready-to-paste C# step definitions for an undefined step: one per Cucumber expression the package
/// <c>Cucumber.CucumberExpressions</c>' generator proposes over the run's parameter types (where several types match the
/// same text equally — "42": <c>{int}</c> and <c>{float}</c> — one snippet per combination, as Cucumber offers them).
/// </summary>
public static class Snippets
{
    private const int MaximumSnippets = 16;

    /// <summary>One snippet per candidate expression for <paramref name="step"/>.</summary>
    public static IReadOnlyList<string> For(PickleStep step, Reqnroll.Bindings.StepDefinitionType keyword, IParameterTypeRegistry parameterTypes)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(parameterTypes);
        var snippets = new List<string>();
        foreach (var expression in new CucumberExpressionGenerator(parameterTypes).GenerateExpressions(step.Text).Take(MaximumSnippets))
        {
            var types = expression.GetParameterTypes();
            var names = expression.GetParameterNames();
            var parameters = types.Select((t, i) => $"{TypeName(t.ParameterType)} {names[i]}").ToList();
            if (step.Argument?.DataTable is not null)
            {
                parameters.Add("DataTable dataTable");
            }
            else if (step.Argument?.DocString is not null)
            {
                parameters.Add("string docString");
            }

            snippets.Add(Render(keyword, expression.GetSource(), MethodName(keyword, step.Text), parameters));
        }

        return snippets;
    }

    private static string Render(Reqnroll.Bindings.StepDefinitionType keyword, string expression, string method, List<string> parameters) =>
        $"[{keyword}(\"{expression.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\")]\n" +
        $"public void {method}({string.Join(", ", parameters)})\n{{\n    throw new PendingStepException();\n}}";

    private static string MethodName(Reqnroll.Bindings.StepDefinitionType keyword, string text)
    {
        var name = new StringBuilder(keyword.ToString());
        foreach (Match word in Regex.Matches(text, @"[\p{L}][\p{L}\p{Nd}]*", RegexOptions.None, TimeSpan.FromSeconds(1)))
        {
            name.Append(char.ToUpper(word.Value[0], CultureInfo.InvariantCulture)).Append(word.Value[1..]);
        }

        return name.ToString();
    }

    private static string TypeName(Type type) => type == typeof(int) ? "int"
        : type == typeof(float) ? "float"
        : type == typeof(double) ? "double"
        : type == typeof(string) ? "string"
        : type.Name;
}
