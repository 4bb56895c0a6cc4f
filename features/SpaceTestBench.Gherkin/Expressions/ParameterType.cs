namespace SpaceTestBench.Gherkin.Expressions;

/// <summary>
/// A Cucumber Expression parameter type: its name (<c>{int}</c>), the regular expressions it matches, and
/// how matched text becomes a value.
/// </summary>
/// <param name="Name">The name used in braces ("" for the anonymous <c>{}</c>).</param>
/// <param name="RegularExpressions">Alternative regular expressions; each must not contain capturing groups meant as arguments.</param>
/// <param name="Type">The value type it produces.</param>
/// <param name="Transform">Turns the captured group texts into the value.</param>
/// <param name="UseForSnippets">Whether snippets for undefined steps suggest it.</param>
/// <param name="IsBuiltIn">True for the built-in types.</param>
public sealed record ParameterType(
    string Name,
    IReadOnlyList<string> RegularExpressions,
    Type Type,
    Func<string?[], object?> Transform,
    bool UseForSnippets = true,
    bool IsBuiltIn = false);
