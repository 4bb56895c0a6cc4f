using System.Reflection;
using System.Text.RegularExpressions;
using Reqnroll.Bindings;
using Reqnroll.Bindings.Reflection;
using SpaceTestBench.Gherkin.Runtime;
using SpaceTestBench.Steps.Parameters;

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
/// Every step feature files can use, read from Reqnroll's binding discovery (its <see cref="IBindingRegistry"/>: the
/// step definitions with their methods, expressions and keywords, and the step argument transformations that define
/// the parameter types), each expression read with the <c>Cucumber.CucumberExpressions</c> package: per step its
/// keywords, expression, parameters (with what they accept, from <see cref="QuantityKinds"/> or the transformation's
/// summary), example lines (<see cref="StepExampleAttribute"/>), the bench roles it needs
/// (<see cref="RequiresRoleAttribute"/>) and its description (the binding method's summary, from the XML
/// documentation file). Grouped by area, one per binding class. <c>spacebench steps</c> prints it and
/// writes docs/steps.md from it.
/// </summary>
public sealed partial class StepCatalog
{
    // Established acronyms (STYLE.md) stay upper case in area titles.
    private static readonly HashSet<string> Acronyms = new(["SCPI", "VISA", "LET", "TID", "SEE", "SEL", "DUT", "BER"], StringComparer.OrdinalIgnoreCase);

    // Reqnroll's built-in parameter types (its CucumberExpressionParameterTypeRegistry), by name.
    private static readonly Dictionary<string, string> BuiltInDescriptions = new(StringComparer.Ordinal)
    {
        ["int"] = "a whole number",
        ["byte"] = "a whole number from 0 to 255",
        ["long"] = "a whole number",
        ["float"] = "a number",
        ["double"] = "a number",
        ["decimal"] = "a number",
        ["word"] = "one word, without spaces",
        ["string"] = "text in double or single quotes",
        [""] = "any text",
    };

    private readonly Dictionary<(MethodInfo, string), CatalogStep> _byExpression;

    private StepCatalog(
        IReadOnlyList<Assembly> bindingAssemblies, IReadOnlyList<CatalogParameter> parameterTypes, IReadOnlyList<StepArea> areas, IReadOnlyList<StrayExample> strays,
        IReadOnlyList<string> missingDocumentation, IReadOnlyList<string> bindingErrors)
    {
        BindingAssemblies = bindingAssemblies;
        ParameterTypes = parameterTypes;
        Areas = areas;
        StrayExamples = strays;
        MissingDocumentation = missingDocumentation;
        BindingErrors = bindingErrors;
        _byExpression = areas.SelectMany(a => a.Steps).ToDictionary(s => (s.Method, s.Expression));
    }

    /// <summary>The assemblies whose bindings the catalog was read from.</summary>
    public IReadOnlyList<Assembly> BindingAssemblies { get; }

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

    /// <summary>
    /// What Reqnroll's binding discovery refused, naming the method: its binding errors and every step definition it
    /// holds invalid (an expression naming an undefined parameter type, one that does not parse). Such a definition is not
    /// in the catalog, and Reqnroll's runtime fails every scenario of a run while there is any.
    /// </summary>
    public IReadOnlyList<string> BindingErrors { get; }

    /// <summary>The catalog of the bindings <c>spacebench run</c> uses: those of this assembly, the step catalog's.</summary>
    public static StepCatalog Build() => Build([typeof(StepCatalog).Assembly]);

    /// <summary>The catalog of the bindings of <paramref name="bindingAssemblies"/>, as a Reqnroll runtime of its own discovers them.</summary>
    public static StepCatalog Build(IReadOnlyList<Assembly> bindingAssemblies)
    {
        ArgumentNullException.ThrowIfNull(bindingAssemblies);
        var runtime = new ReqnrollRuntime(bindingAssemblies);
        try
        {
            return Build(runtime);
        }
        finally
        {
            // A runtime that never started a test run has nothing to end: its disposal releases its containers and completes at once.
            runtime.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    /// <summary>
    /// The catalog of the bindings <paramref name="runtime"/> discovers, from its binding registry (built once per runtime:
    /// a run that shares its runtime with the catalog discovers the bindings once). Ask before the runtime runs scenarios
    /// (<see cref="ReqnrollRuntime.BindingServices"/>).
    /// </summary>
    public static StepCatalog Build(ReqnrollRuntime runtime)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        return Build(runtime.BindingServices().Resolve<IBindingRegistry>(), runtime.BindingAssemblies);
    }

    /// <summary>The catalog of Reqnroll's binding registry <paramref name="registry"/>, discovered from <paramref name="bindingAssemblies"/>.</summary>
    public static StepCatalog Build(IBindingRegistry registry, IReadOnlyList<Assembly> bindingAssemblies)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(bindingAssemblies);
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

        var definitions = registry.GetStepDefinitions().ToList();
        var errors = registry.GetErrorMessages().Select(e => e.Message)
            .Concat(definitions.Where(d => !d.IsValid).Select(d => $"{d.Method.Type.FullName}.{d.Method.Name}: \"{d.SourceExpression}\": {d.ErrorMessage}"))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var valid = definitions.Where(d => d.IsValid && d.Method is RuntimeBindingMethod).ToList();
        var parameterTypes = new CatalogParameterTypes(registry, valid);

        // One catalog step per expression of a method: [Given("x")] and [When("x")] are one step with two keywords. In
        // declaration order: classes by name, methods as declared, a method's expressions as its attributes list them.
        var drafts = valid
            .GroupBy(d => (Method: ((RuntimeBindingMethod)d.Method).MethodInfo, d.SourceExpression))
            .Select(g => new Draft(g.Key.Method, g.ToList(), parameterTypes))
            .OrderBy(d => d.Method.DeclaringType!.FullName, StringComparer.Ordinal)
            .ThenBy(d => d.Method.MetadataToken)
            .ThenBy(d => d.DeclarationIndex)
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
        CatalogParameter Parameter(CatalogParameterType type)
        {
            if (!parameters.TryGetValue(type.Name, out var parameter))
            {
                var summary = type.Transformation is { } transformation ? DocumentationOf(transformation.DeclaringType!).Summary(transformation) : "";
                parameter = Describe(type, parameterExamples.GetValueOrDefault(type.Name, ""), summary);
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
        return new StepCatalog([.. bindingAssemblies], ordered, areas, strays, missing, errors);
    }

    /// <summary>The catalog step of the expression <paramref name="expression"/> of the binding method <paramref name="method"/>.</summary>
    /// <exception cref="KeyNotFoundException">The catalog has no such step.</exception>
    public CatalogStep StepOf(MethodInfo method, string expression)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(expression);
        return _byExpression.TryGetValue((method, expression), out var step)
            ? step
            : throw new KeyNotFoundException($"The step catalog has no step \"{expression}\" of {method.DeclaringType?.FullName}.{method.Name}.");
    }

    /// <summary>The catalog step a step definition of Reqnroll's binding registry belongs to.</summary>
    /// <exception cref="KeyNotFoundException">The catalog has no such step.</exception>
    public CatalogStep StepOf(IStepDefinitionBinding definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return definition.Method is RuntimeBindingMethod runtime
            ? StepOf(runtime.MethodInfo, definition.SourceExpression)
            : throw new KeyNotFoundException($"The step catalog has no step \"{definition.SourceExpression}\" of {definition.Method}: it is not a method of a loaded assembly.");
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

    private static CatalogStep ToStep(Draft draft, string area, string description, Func<CatalogParameterType, CatalogParameter> parameter)
    {
        var types = draft.ParameterTypes;
        var captured = draft.Captured;
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

        var keywords = draft.Definitions.Select(d => d.StepDefinitionType).Distinct().Order().ToList();
        return new CatalogStep(area, keywords, draft.Expression, draft.Method, description, types.Select(parameter).ToList(), draft.Examples, RoleRequirement.Of(draft.Method))
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
                foreach (var (type, value) in draft.Arguments(text))
                {
                    examples.TryAdd(type.Name, value);
                }
            }
        }

        return examples;
    }

    private static CatalogParameter Describe(CatalogParameterType type, string usedAs, string summary)
    {
        if (QuantityKinds.All.FirstOrDefault(k => k.Name == type.Name) is { } kind)
        {
            return new CatalogParameter(type.Name, kind.Description, kind.Units, kind.Example, kind) { Type = type.ParameterType, Transformation = type.Transformation };
        }

        if (type.Transformation is null)
        {
            return new CatalogParameter(type.Name, BuiltInDescriptions.GetValueOrDefault(type.Name, type.ParameterType.Name), "", usedAs, null) { Type = type.ParameterType };
        }

        // A type matching a fixed set of words ("(log-normal|gamma-gamma)": one capture group, which Reqnroll's
        // runtime passes to the transformation) lists them.
        var alternation = type.RegexStrings.Length == 1 ? WordAlternation().Match(type.RegexStrings[0]) : null;
        var words = alternation is { Success: true } ? string.Join(", ", alternation.Groups["words"].Value.Split('|')) : "";
        return new CatalogParameter(type.Name, Phrase(summary), words, usedAs, null) { Type = type.ParameterType, Transformation = type.Transformation };
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
}
