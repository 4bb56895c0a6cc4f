using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Io.Cucumber.Messages.Types;
using SpaceTestBench.Gherkin.Expressions;
using ParameterType = SpaceTestBench.Gherkin.Expressions.ParameterType;

namespace SpaceTestBench.Gherkin.Execution;

/// <summary>
/// Ready-to-paste C# step definitions for an undefined step. Like Cucumber's expression generator, every
/// run of text that a snippet parameter type matches as a whole word becomes a parameter; where several
/// types match the same text equally ("42": {int} and {float}) one snippet is offered per combination.
/// </summary>
public static class Snippets
{
    private const int MaximumSnippets = 16;

    /// <summary>One snippet per candidate expression for <paramref name="step"/>.</summary>
    public static IReadOnlyList<string> For(PickleStep step, StepDefinitionType keyword, ParameterTypeRegistry parameterTypes)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(parameterTypes);
        var candidates = parameterTypes.All.Where(t => t.UseForSnippets && t.Name.Length > 0)
            .SelectMany(t => t.RegularExpressions.Select(r => (Type: t, Regex: new Regex(r, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)))))
            .ToList();
        var text = step.Text;
        var literal = new List<string>();
        var choices = new List<IReadOnlyList<ParameterType>>();
        var position = 0;
        var pending = new StringBuilder();
        while (true)
        {
            var found = candidates.Select(c => (c.Type, Match: NextWordMatch(c.Regex, text, position))).Where(m => m.Match is not null).ToList();
            if (found.Count == 0)
            {
                break;
            }

            var best = found.OrderBy(m => m.Match!.Index).ThenByDescending(m => m.Match!.Length).First().Match!;
            var types = found.Where(m => m.Match!.Index == best.Index && m.Match.Length == best.Length).Select(m => m.Type).Distinct().ToList();
            pending.Append(Escape(text[position..best.Index]));
            literal.Add(pending.ToString());
            pending.Clear();
            choices.Add(types);
            position = best.Index + best.Length;
        }

        pending.Append(Escape(text[position..]));
        var snippets = new List<string>();
        foreach (var combination in Combinations(choices).Take(MaximumSnippets))
        {
            var expression = new StringBuilder();
            for (var i = 0; i < combination.Count; i++)
            {
                expression.Append(literal[i]).Append('{').Append(combination[i].Name).Append('}');
            }

            expression.Append(pending);
            var parameters = combination.Select((t, i) => $"{TypeName(t.Type)} {t.Name}{i}").ToList();
            if (step.Argument?.DataTable is not null)
            {
                parameters.Add("DataTable dataTable");
            }
            else if (step.Argument?.DocString is not null)
            {
                parameters.Add("string docString");
            }

            snippets.Add(Render(keyword, expression.ToString(), MethodName(keyword, text), parameters));
        }

        return snippets;
    }

    private static string Render(StepDefinitionType keyword, string expression, string method, List<string> parameters) =>
        $"[{keyword}(\"{expression.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\")]\n" +
        $"public void {method}({string.Join(", ", parameters)})\n{{\n    throw new PendingStepException();\n}}";

    /// <summary>The next match at or after <paramref name="from"/> that starts and ends at a word boundary.</summary>
    private static Match? NextWordMatch(Regex regex, string text, int from)
    {
        for (var start = from; start < text.Length; start++)
        {
            var match = regex.Match(text, start);
            if (!match.Success)
            {
                return null;
            }

            if (match.Length > 0 && IsBoundary(text, match.Index - 1) && IsBoundary(text, match.Index + match.Length))
            {
                return match;
            }

            start = match.Index;
        }

        return null;
    }

    private static bool IsBoundary(string text, int index) =>
        index < 0 || index >= text.Length || char.IsWhiteSpace(text[index]) || char.IsPunctuation(text[index]) || char.IsSymbol(text[index]);

    private static IEnumerable<List<ParameterType>> Combinations(List<IReadOnlyList<ParameterType>> choices)
    {
        IEnumerable<List<ParameterType>> result = [[]];
        foreach (var choice in choices)
        {
            result = result.SelectMany(prefix => choice.Select(option => new List<ParameterType>(prefix) { option }));
        }

        return result;
    }

    private static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is '(' or ')' or '{' or '}' or '/' or '\\')
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
        }

        return escaped.ToString();
    }

    private static string MethodName(StepDefinitionType keyword, string text)
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
