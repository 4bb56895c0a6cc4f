using System.Reflection;
using System.Text.RegularExpressions;
using SpaceTestBench.Gherkin;
using SpaceTestBench.Gherkin.Bindings;
using SpaceTestBench.Gherkin.Expressions;
using SpaceTestBench.Steps.Parameters;
using SpaceTestBench.Steps.Running;

namespace SpaceTestBench.Steps.Catalog;

/// <summary>An example line that matches none of its own method's expressions (or has no Given/When/Then keyword).</summary>
/// <param name="Method">The method it is declared on.</param>
/// <param name="Line">The example line.</param>
public sealed record StrayExample(MethodInfo Method, string Line);

/// <summary>The catalog step nearest to some step text, and the example line that was nearest.</summary>
/// <param name="Step">The catalog step.</param>
/// <param name="Example">Its example line closest to the text.</param>
/// <param name="Distance">Words to change, insert or delete to get from the text to the example's.</param>
public sealed record NearestStep(CatalogStep Step, string Example, int Distance);

/// <summary>
/// Every step feature files can use, read by reflection from the binding registry: per step its keywords,
/// expression, parameters (with what they accept, from <see cref="QuantityKinds"/> or the parameter type's
/// summary), example lines (<see cref="StepExampleAttribute"/>), the bench roles it needs
/// (<see cref="RequiresRoleAttribute"/>) and its description (the binding method's summary, from the XML
/// documentation file). Grouped by area, one per binding class. <c>spacebench steps</c> prints it and
/// writes docs/steps.md from it.
/// </summary>
public sealed partial class StepCatalog
{
    // Established acronyms (STYLE.md) stay upper case in area titles.
    private static readonly HashSet<string> Acronyms = new(["SCPI", "VISA", "LET", "TID", "SEE", "SEL", "DUT", "BER"], StringComparer.OrdinalIgnoreCase);

    private static readonly Dictionary<string, string> BuiltInDescriptions = new(StringComparer.Ordinal)
    {
        ["int"] = "a whole number",
        ["byte"] = "a whole number from -128 to 127",
        ["short"] = "a whole number",
        ["long"] = "a whole number",
        ["biginteger"] = "a whole number of any size",
        ["float"] = "a number",
        ["double"] = "a number",
        ["decimal"] = "a number",
        ["bigdecimal"] = "a number, kept digit for digit",
        ["word"] = "one word, without spaces",
        ["string"] = "text in double or single quotes",
        [""] = "any text",
    };

    private readonly Dictionary<(MethodInfo, string), CatalogStep> _byExpression;

    private StepCatalog(BindingRegistry bindings, IReadOnlyList<CatalogParameter> parameterTypes, IReadOnlyList<StepArea> areas, IReadOnlyList<StrayExample> strays, IReadOnlyList<string> missingDocumentation)
    {
        Bindings = bindings;
        ParameterTypes = parameterTypes;
        Areas = areas;
        StrayExamples = strays;
        MissingDocumentation = missingDocumentation;
        _byExpression = areas.SelectMany(a => a.Steps).ToDictionary(s => (s.Method, s.Expression));
    }

    /// <summary>The registry the catalog was read from.</summary>
    public BindingRegistry Bindings { get; }

    /// <summary>The parameter types the steps use: quantity kinds in their catalog order, then the others by name.</summary>
    public IReadOnlyList<CatalogParameter> ParameterTypes { get; }

    /// <summary>The areas, by title.</summary>
    public IReadOnlyList<StepArea> Areas { get; }

    /// <summary>Every step, area by area.</summary>
    public IEnumerable<CatalogStep> Steps => Areas.SelectMany(a => a.Steps);

    /// <summary>Example lines that belong to no step of their method (the catalog's tests require none).</summary>
    public IReadOnlyList<StrayExample> StrayExamples { get; }

    /// <summary>XML documentation files that were not found, so their steps have no description.</summary>
    public IReadOnlyList<string> MissingDocumentation { get; }

    /// <summary>The catalog of the bindings <c>spacebench run</c> uses.</summary>
    public static StepCatalog Build() => Build(BenchRunner.Bindings());

    /// <summary>The catalog of <paramref name="bindings"/>.</summary>
    public static StepCatalog Build(BindingRegistry bindings)
    {
        ArgumentNullException.ThrowIfNull(bindings);
        var documentation = new Dictionary<Assembly, XmlDocumentation>();
        XmlDocumentation DocumentationOf(Type type)
        {
            if (!documentation.TryGetValue(type.Assembly, out var found))
            {
                found = XmlDocumentation.For(type.Assembly);
                documentation[type.Assembly] = found;
            }

            return found;
        }

        // One catalog step per expression of a method: [Given("x")] and [When("x")] are one step with two keywords.
        var drafts = bindings.Steps
            .GroupBy(b => (b.Method, b.Expression.Source))
            .Select(g => new Draft(g.Key.Method, g.ToList()))
            .ToList();
        var strays = new List<StrayExample>();
        foreach (var method in drafts.Select(d => d.Method).Distinct())
        {
            foreach (var line in method.GetCustomAttributes<StepExampleAttribute>().Select(a => a.Line))
            {
                var (keyword, text) = SplitExample(line);
                var owner = keyword is { } type ? drafts.FirstOrDefault(d => d.Method == method && d.Matches(type, text)) : null;
                if (owner is null)
                {
                    strays.Add(new StrayExample(method, line));
                }
                else
                {
                    owner.Examples.Add(line);
                }
            }
        }

        var parameterExamples = ParameterExamples(drafts);
        var parameters = new Dictionary<string, CatalogParameter>(StringComparer.Ordinal);
        CatalogParameter Parameter(ParameterType type)
        {
            if (!parameters.TryGetValue(type.Name, out var parameter))
            {
                parameter = Describe(type, parameterExamples.GetValueOrDefault(type.Name, ""), type.DefinedBy is { } definedBy ? DocumentationOf(definedBy.DeclaringType!).Summary(definedBy) : "");
                parameters[type.Name] = parameter;
            }

            return parameter;
        }

        var areas = drafts
            .GroupBy(d => d.Method.DeclaringType!)
            .Select(area => new StepArea(
                AreaTitle(area.Key), DocumentationOf(area.Key).Summary(area.Key), area.Key,
                area.Select(d => ToStep(d, AreaTitle(area.Key), DocumentationOf(area.Key).Summary(d.Method), Parameter)).ToList()))
            .OrderBy(a => a.Title, StringComparer.Ordinal)
            .ToList();
        var kindOrder = QuantityKinds.All.Select(k => k.Name).ToList();
        var ordered = parameters.Values
            .OrderBy(p => p.Kind is null ? int.MaxValue : kindOrder.IndexOf(p.Kind.Name))
            .ThenBy(p => p.Name, StringComparer.Ordinal)
            .ToList();
        var missing = documentation.Values.Where(d => !d.Found).Select(d => d.File).ToList();
        return new StepCatalog(bindings, ordered, areas, strays, missing);
    }

    /// <summary>The catalog step a binding of the registry belongs to.</summary>
    public CatalogStep StepOf(StepBinding binding)
    {
        ArgumentNullException.ThrowIfNull(binding);
        return _byExpression[(binding.Method, binding.Expression.Source)];
    }

    /// <summary>
    /// The step whose example reads most like <paramref name="text"/> (a step without its keyword), counted in
    /// words changed, inserted or deleted; null when even the nearest differs in more than half its words.
    /// </summary>
    public NearestStep? Nearest(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = Words(text);
        NearestStep? best = null;
        foreach (var step in Steps)
        {
            foreach (var example in step.Examples)
            {
                var exampleWords = Words(SplitExample(example).Text);
                var distance = WordDistance(words, exampleWords);
                if (distance * 2 <= Math.Max(words.Length, exampleWords.Length) && (best is null || distance < best.Distance))
                {
                    best = new NearestStep(step, example, distance);
                }
            }
        }

        return best;
    }

    /// <summary>"Given the bench waits 10 min" → (Given, "the bench waits 10 min"); no keyword for a line starting otherwise (And, But).</summary>
    public static (StepDefinitionType? Keyword, string Text) SplitExample(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var trimmed = line.Trim();
        var space = trimmed.IndexOf(' ', StringComparison.Ordinal);
        StepDefinitionType? keyword = space < 0 ? null : trimmed[..space] switch
        {
            "Given" => StepDefinitionType.Given,
            "When" => StepDefinitionType.When,
            "Then" => StepDefinitionType.Then,
            _ => null,
        };
        return keyword is null ? (null, trimmed) : (keyword, trimmed[(space + 1)..].TrimStart());
    }

    private static CatalogStep ToStep(Draft draft, string area, string description, Func<ParameterType, CatalogParameter> parameter)
    {
        var expression = draft.Bindings[0].Expression;
        var types = expression is CucumberExpression cucumber ? cucumber.ParameterTypes : [];
        var captured = expression is CucumberExpression ? types.Count : new Regex(expression.Source).GetGroupNumbers().Length - 1;
        var methodParameters = draft.Method.GetParameters();
        var block = StepArgumentBlock.None;
        TableSchema? table = null;
        if (methodParameters.Length > captured)
        {
            var last = methodParameters[^1].ParameterType;
            block = last == typeof(string) ? StepArgumentBlock.DocString : StepArgumentBlock.DataTable;
            if (typeof(ITableArgument).IsAssignableFrom(last))
            {
                table = (TableSchema?)last.GetProperty(nameof(ITableArgument.Schema), BindingFlags.Public | BindingFlags.Static)?.GetValue(null);
            }
        }

        var keywords = draft.Bindings.SelectMany(b => b.Types).Distinct().Order().ToList();
        return new CatalogStep(area, keywords, expression.Source, draft.Method, description, types.Select(parameter).ToList(), draft.Examples, RoleRequirement.Of(draft.Method))
        {
            Block = block,
            Table = table,
        };
    }

    /// <summary>For each parameter type, the text its first use in an example line gives it.</summary>
    private static Dictionary<string, string> ParameterExamples(IEnumerable<Draft> drafts)
    {
        var examples = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var draft in drafts)
        {
            foreach (var line in draft.Examples)
            {
                var (_, text) = SplitExample(line);
                foreach (var argument in draft.Bindings[0].Expression.Match(text) ?? [])
                {
                    if (argument.ParameterType is { } type && argument.Text is { } value)
                    {
                        examples.TryAdd(type.Name, value);
                    }
                }
            }
        }

        return examples;
    }

    private static CatalogParameter Describe(ParameterType type, string usedAs, string summary)
    {
        if (QuantityKinds.All.FirstOrDefault(k => k.Name == type.Name) is { } kind)
        {
            return new CatalogParameter(type.Name, kind.Description, kind.Units, kind.Example, kind);
        }

        if (type.IsBuiltIn)
        {
            return new CatalogParameter(type.Name, BuiltInDescriptions.GetValueOrDefault(type.Name, type.Type.Name), "", usedAs, null);
        }

        // A type matching a fixed set of words ("(log-normal|gamma-gamma)": one capture group, which Reqnroll's
        // runtime passes to the transformation) lists them.
        var alternation = type.RegularExpressions.Count == 1 ? WordAlternation().Match(type.RegularExpressions[0]) : null;
        var words = alternation is { Success: true } ? string.Join(", ", alternation.Groups["words"].Value.Split('|')) : "";
        return new CatalogParameter(type.Name, Phrase(summary), words, usedAs, null);
    }

    /// <summary>A summary as a phrase like the quantity kinds' descriptions: "The statistics of…." → "the statistics of…" ("DUT …" stays).</summary>
    private static string Phrase(string summary)
    {
        var phrase = summary.EndsWith('.') ? summary[..^1] : summary;
        var firstWord = phrase.Split(' ')[0];
        var acronym = firstWord.Length > 1 && firstWord.All(c => !char.IsLower(c));
        return phrase.Length > 0 && !acronym ? char.ToLowerInvariant(phrase[0]) + phrase[1..] : phrase;
    }

    /// <summary>"DutSupplySteps" → "DUT supply".</summary>
    private static string AreaTitle(Type binding)
    {
        var name = binding.Name.EndsWith("Steps", StringComparison.Ordinal) ? binding.Name[..^"Steps".Length] : binding.Name;
        var words = PascalWords().Matches(name).Select(m => m.Value).ToList();
        return string.Join(" ", words.Select((w, i) => Acronyms.Contains(w) ? w.ToUpperInvariant() : i == 0 ? w : w.ToLowerInvariant()));
    }

    private static string[] Words(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Levenshtein distance over words.</summary>
    private static int WordDistance(string[] a, string[] b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        var current = new int[b.Length + 1];
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (string.Equals(a[i - 1], b[j - 1], StringComparison.Ordinal) ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    [GeneratedRegex(@"^\(?(?<words>[\w\- ]+(?:\|[\w\- ]+)+)\)?$")]
    private static partial Regex WordAlternation();

    [GeneratedRegex(@"[A-Z][a-z0-9]*")]
    private static partial Regex PascalWords();

    /// <summary>A catalog step being built: its method, the bindings of its expression, the examples found so far.</summary>
    private sealed class Draft(MethodInfo method, List<StepBinding> bindings)
    {
        public MethodInfo Method { get; } = method;

        public List<StepBinding> Bindings { get; } = bindings;

        public List<string> Examples { get; } = [];

        public bool Matches(StepDefinitionType keyword, string text) =>
            Bindings.Any(b => b.Types.Contains(keyword)) && Bindings[0].Expression.Match(text) is not null;
    }
}
