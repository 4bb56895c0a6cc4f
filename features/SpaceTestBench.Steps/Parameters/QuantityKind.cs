using SpaceTestBench.Results.Quantities;

namespace SpaceTestBench.Steps.Parameters;

/// <summary>
/// A kind of quantity a step can take, named as its Cucumber Expression parameter type (<c>{voltage}</c>,
/// <c>{dose-rate}</c>). Every kind matches any number with a unit, so a wrong unit reaches the kind and is
/// refused with a message naming what was written and what the step needs, rather than leaving the step
/// undefined.
/// </summary>
/// <param name="Name">The parameter type name, without braces.</param>
/// <param name="Description">What it is, in words ("a voltage").</param>
/// <param name="Example">A value as a feature file writes it ("1.8 V").</param>
/// <param name="Units">Units it is commonly written in, for the catalog ("V, mV").</param>
/// <param name="Dimensions">The dimensions it accepts; empty: any.</param>
public sealed record QuantityKind(string Name, string Description, string Example, string Units, IReadOnlyList<Dimension> Dimensions)
{
    /// <summary>Further condition on the unit (angles are dimensionless but need an angle unit); null: none.</summary>
    public Func<Unit, bool>? UnitRule { get; init; }

    /// <summary>What <see cref="UnitRule"/> asks for, for messages ("an angle unit: °, rad, mrad or µrad").</summary>
    public string? UnitRuleText { get; init; }

    /// <summary>Further condition on the value (a duration a procedure can wait): why it is refused, or null; null rule: none.</summary>
    public Func<Quantity, string?>? ValueRule { get; init; }

    /// <summary>True for a list of values sharing one unit ("5, 10 and 20 krad(Si)").</summary>
    public bool IsList { get; init; }

    /// <summary>Whether <paramref name="quantity"/> is of this kind.</summary>
    public bool Accepts(Quantity quantity) =>
        (Dimensions.Count == 0 || Dimensions.Contains(quantity.Dimension)) && (UnitRule?.Invoke(quantity.Unit) ?? true);

    /// <summary>Parses one value of this kind, or throws <see cref="FormatException"/> saying what is wrong and what is wanted.</summary>
    public Quantity Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!QuantityParser.TryParse(text, out var quantity, out var error))
        {
            throw new FormatException($"{error} {{{Name}}} needs {Description}, such as {Example}.");
        }

        if (Accepts(quantity))
        {
            return ValueRule?.Invoke(quantity) is { } refused
                ? throw new FormatException($"'{text.Trim()}' {refused}; {{{Name}}} needs {Description}, such as {Example}.")
                : quantity;
        }

        var what = string.IsNullOrEmpty(quantity.Unit.Symbol)
            ? $"'{text.Trim()}' has no unit"
            : Dimensions.Count > 0 && !Dimensions.Contains(quantity.Dimension)
                ? $"'{text.Trim()}' is {Article(quantity.Dimension.ToString())}"
                : $"'{text.Trim()}' is not in {UnitRuleText}";
        throw new FormatException($"{what}; {{{Name}}} needs {Description}, such as {Example}.");
    }

    private static string Article(string noun) => noun.Length > 0 && "aeiou".Contains(noun[0], StringComparison.Ordinal) ? $"an {noun}" : $"a {noun}";
}
