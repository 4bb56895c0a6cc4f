using System.Reflection;
using SpaceTestBench.Steps.Parameters;

namespace SpaceTestBench.Steps.Catalog;

/// <summary>A parameter type as the catalog documents it: what a feature file may write where a step says <c>{name}</c>.</summary>
/// <param name="Name">The name, without braces.</param>
/// <param name="Description">What it is ("a voltage").</param>
/// <param name="Accepts">The units a quantity is written in ("V, mV"), or the words accepted; empty when the description says it all.</param>
/// <param name="Example">A value as a feature file writes it ("1.8 V").</param>
/// <param name="Kind">The kind of quantity, for quantity parameter types; null for the others.</param>
public sealed record CatalogParameter(string Name, string Description, string Accepts, string Example, QuantityKind? Kind)
{
    /// <summary>
    /// The type Reqnroll converts the text to (its parameter type's: a transformation's return type, <see cref="int"/>
    /// for <c>{int}</c>, <see cref="string"/> for <c>{string}</c> and <c>{word}</c>, <see cref="object"/> for <c>{}</c>):
    /// what the binding method's parameter is declared as.
    /// </summary>
    public Type Type { get; init; } = typeof(object);

    /// <summary>The <c>[StepArgumentTransformation]</c> method that defines it; null for Reqnroll's built-in types.</summary>
    public MethodInfo? Transformation { get; init; }

    /// <summary>"{voltage}".</summary>
    public string Placeholder => $"{{{Name}}}";
}
