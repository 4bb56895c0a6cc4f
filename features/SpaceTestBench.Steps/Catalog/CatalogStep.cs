using System.Reflection;
using Reqnroll.Bindings;
using SpaceTestBench.Steps.Parameters;

namespace SpaceTestBench.Steps.Catalog;

/// <summary>What a step takes after its text, on the lines below it.</summary>
public enum StepArgumentBlock
{
    /// <summary>Nothing.</summary>
    None,

    /// <summary>A data table (see <see cref="CatalogStep.Table"/> for its columns when typed).</summary>
    DataTable,

    /// <summary>A doc string.</summary>
    DocString,
}

/// <summary>
/// One step of the catalog: one expression of a binding method, with the keywords it answers to, what its
/// parameters accept, the method's description and examples, and the bench roles it needs.
/// </summary>
/// <param name="Area">The area it belongs to (its binding class's).</param>
/// <param name="Keywords">Given, When and/or Then.</param>
/// <param name="Expression">The Cucumber Expression (or regular expression) as written in the binding.</param>
/// <param name="Method">The binding method.</param>
/// <param name="Description">The method's summary, one line.</param>
/// <param name="Parameters">The parameter types of the expression, in order (a type used twice appears twice).</param>
/// <param name="Examples">Example lines that match this expression, keyword first.</param>
/// <param name="Roles">The bench roles it needs.</param>
public sealed record CatalogStep(
    string Area,
    IReadOnlyList<StepDefinitionType> Keywords,
    string Expression,
    MethodInfo Method,
    string Description,
    IReadOnlyList<CatalogParameter> Parameters,
    IReadOnlyList<string> Examples,
    IReadOnlyList<RoleRequirement> Roles)
{
    /// <summary>What follows the step's line.</summary>
    public StepArgumentBlock Block { get; init; }

    /// <summary>The columns of its data table, when the binding reads it through a <see cref="TableSchema"/>.</summary>
    public TableSchema? Table { get; init; }

    /// <summary>"Given/When the bench waits {duration}".</summary>
    public string Pattern => $"{string.Join("/", Keywords)} {Expression}";

    /// <summary>"Namespace.Class.Method", for messages.</summary>
    public string MethodName => $"{Method.DeclaringType?.FullName}.{Method.Name}";

    /// <summary>
    /// An example data table for <see cref="Table"/> as a feature file writes it: the header, then a row of each
    /// column's example value, cells padded to their column's width. Empty when the step takes no typed table.
    /// </summary>
    public IReadOnlyList<string> ExampleTable
    {
        get
        {
            if (Table is null)
            {
                return [];
            }

            var rows = new[] { Table.Columns.Select(c => c.Header).ToList(), Table.Columns.Select(c => c.Kind.Example).ToList() };
            var widths = Table.Columns.Select((_, c) => rows.Max(r => r[c].Length)).ToList();
            return rows.Select(r => "| " + string.Join(" | ", r.Select((cell, c) => cell.PadRight(widths[c]))) + " |").ToList();
        }
    }
}
