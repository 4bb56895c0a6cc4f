using System.Reflection;
using CucumberExpressions;
using Reqnroll.Bindings;
using Reqnroll.Bindings.Reflection;

namespace SpaceTestBench.Steps.Catalog;

/// <summary>
/// A parameter type as the catalog reads a step's expression with: its name, the regular expressions it matches as
/// its definition writes them, the type it converts to and the <c>[StepArgumentTransformation]</c> behind it (null
/// for Reqnroll's built-in types).
/// </summary>
/// <param name="Name">The name, as an expression writes it between braces.</param>
/// <param name="RegexStrings">What it matches.</param>
/// <param name="ParameterType">The type Reqnroll converts its text to.</param>
/// <param name="Transformation">The transformation method that defines it; null for a built-in type.</param>
internal sealed record CatalogParameterType(string Name, string[] RegexStrings, Type ParameterType, MethodInfo? Transformation) : IParameterType
{
    /// <inheritdoc />
    public int Weight => 0;

    /// <inheritdoc />
    public bool UseForSnippets => false;
}

/// <summary>
/// The parameter types of a Reqnroll binding registry for the <c>Cucumber.CucumberExpressions</c> package's own
/// <see cref="CucumberExpression"/>, which the catalog reads each step's expression with: its parameter types in
/// order, one capture group per parameter, and what an example line gives each parameter.
/// </summary>
/// <remarks>
/// Reqnroll's own registry (<c>CucumberExpressionParameterTypeRegistry</c>) is for running: a transformation's regex
/// with a group of its own ("(?:", as every quantity's has) becomes <c>.*</c> there and its converter then decides, and
/// <c>{string}</c> becomes two capture groups holding the text between the quotes. The catalog documents what a step
/// accepts, so it takes each transformation's own regex (what the expression means, as Cucumber reads it), and
/// Cucumber's <c>{string}</c> (one group, the quotes included, as a feature file writes it). The names and the
/// built-in types are Reqnroll's: a name Reqnroll does not know is not looked up here (the step is invalid in
/// Reqnroll's registry and not in the catalog).
/// </remarks>
internal sealed class CatalogParameterTypes : IParameterTypeRegistry
{
    private readonly Dictionary<string, CatalogParameterType> _byName = new(StringComparer.Ordinal);

    /// <summary>The parameter types Reqnroll resolved in <paramref name="definitions"/>, with the transformations of <paramref name="registry"/>.</summary>
    public CatalogParameterTypes(IBindingRegistry registry, IEnumerable<IStepDefinitionBinding> definitions)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(definitions);

        // Reqnroll names a transformation's type by its Name, else (a type of the bindings' own) by the full name of the type it returns.
        var transformations = registry.GetStepTransformations()
            .Where(t => t.Regex is not null && t.Method is RuntimeBindingMethod)
            .GroupBy(t => t.Name ?? t.Method.ReturnType.FullName, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var reqnroll in definitions.Select(d => d.Expression).OfType<CucumberExpression>().SelectMany(e => e.ParameterTypes))
        {
            if (_byName.ContainsKey(reqnroll.Name))
            {
                continue;
            }

            _byName[reqnroll.Name] = transformations.TryGetValue(reqnroll.Name, out var transformation)
                ? new CatalogParameterType(reqnroll.Name, [Unanchored(transformation.Regex.ToString())], reqnroll.ParameterType, ((RuntimeBindingMethod)transformation.Method).MethodInfo)
                : new CatalogParameterType(
                    reqnroll.Name, reqnroll.Name == ParameterTypeConstants.StringParameterName ? ParameterTypeConstants.StringParameterRegexps : reqnroll.RegexStrings, reqnroll.ParameterType, null);
        }
    }

    /// <inheritdoc />
    public IParameterType? LookupByTypeName(string name) => _byName.GetValueOrDefault(name);

    /// <inheritdoc />
    public IEnumerable<IParameterType> GetParameterTypes() => _byName.Values;

    /// <summary>A transformation's regex as its attribute wrote it: Reqnroll anchors it ("^…$") to match a whole argument.</summary>
    private static string Unanchored(string regex)
    {
        var start = regex.StartsWith('^') ? 1 : 0;
        var end = regex.EndsWith('$') && !regex.EndsWith("\\$", StringComparison.Ordinal) ? regex.Length - 1 : regex.Length;
        return regex[start..end];
    }
}
