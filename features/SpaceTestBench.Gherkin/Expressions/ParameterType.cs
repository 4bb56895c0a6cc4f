namespace SpaceTestBench.Gherkin.Expressions;

/// <summary>
/// A Cucumber Expression parameter type: its name (<c>{int}</c>), the regular expressions it matches, and
/// how matched text becomes a value.
/// </summary>
/// <param name="Name">The name used in braces ("" for the anonymous <c>{}</c>).</param>
/// <param name="RegularExpressions">Alternative regular expressions; their capture groups feed <paramref name="Transform"/>.</param>
/// <param name="Type">The value type it produces.</param>
/// <param name="Transform">
/// Turns the matched group values into the value: the values of the parameter's top-level capture groups,
/// or the whole match when the regular expression has none. Null when a binding method does the
/// transformation (a Reqnroll <c>[StepArgumentTransformation]</c>): the runner calls it with the
/// scenario's container.
/// </param>
/// <param name="UseForSnippets">Whether snippets for undefined steps suggest it.</param>
/// <param name="PreferForRegularExpressionMatch">Whether it wins when a regular expression's group matches several types.</param>
/// <param name="IsBuiltIn">True for Cucumber's built-in types.</param>
public sealed record ParameterType(
    string Name,
    IReadOnlyList<string> RegularExpressions,
    Type Type,
    Func<string?[], object?>? Transform,
    bool UseForSnippets = true,
    bool PreferForRegularExpressionMatch = false,
    bool IsBuiltIn = false) : CucumberExpressions.IParameterType
{
    /// <summary>Where the type was defined ("Namespace.Class.Method"), for messages; null for built-ins.</summary>
    public System.Reflection.MethodInfo? DefinedBy { get; init; }

    string[] CucumberExpressions.IParameterType.RegexStrings => [.. RegularExpressions];

    Type CucumberExpressions.IParameterType.ParameterType => Type;

    // Cucumber's preferForRegexpMatch; the package's generator ranks by weight.
    int CucumberExpressions.IParameterType.Weight => PreferForRegularExpressionMatch ? 1 : 0;
}
