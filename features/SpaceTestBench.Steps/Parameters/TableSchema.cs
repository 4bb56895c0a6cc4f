using SpaceTestBench.Gherkin;
using SpaceTestBench.Results.Quantities;
using DataTable = Reqnroll.DataTable;

namespace SpaceTestBench.Steps.Parameters;

/// <summary>A column of a step's data table: its header and the kind of quantity every cell must be.</summary>
/// <param name="Header">The header as the feature file writes it.</param>
/// <param name="Kind">The kind of quantity in its cells.</param>
public sealed record TableColumn(string Header, QuantityKind Kind);

/// <summary>
/// The columns a step's data table must have. Typed tables are read through it, so their cells are parsed
/// and checked like step text (and in a dry run, by the table transformation), and the catalog documents
/// the columns from the same definition.
/// </summary>
/// <param name="Columns">The columns, in the order the catalog shows them.</param>
public sealed record TableSchema(IReadOnlyList<TableColumn> Columns)
{
    /// <summary>A schema of (header, kind name) pairs.</summary>
    public static TableSchema Of(params (string Header, string Kind)[] columns) =>
        new(columns.Select(c => new TableColumn(c.Header, QuantityKinds.Named(c.Kind))).ToList());

    /// <summary>
    /// Every row of <paramref name="table"/> as quantities by header; throws <see cref="FormatException"/>
    /// naming the row and column of the first cell that is missing or not of its column's kind.
    /// </summary>
    public IReadOnlyList<IReadOnlyDictionary<string, Quantity>> Read(DataTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var missing = Columns.Where(c => !table.Header.Contains(c.Header, StringComparer.Ordinal)).Select(c => $"'{c.Header}'").ToList();
        if (missing.Count > 0)
        {
            throw new FormatException(
                $"the table has no column {string.Join(", ", missing)}; its columns must be {string.Join(", ", Columns.Select(c => $"'{c.Header}' ({{{c.Kind.Name}}})"))}.");
        }

        if (table.RowCount == 0)
        {
            throw new FormatException("the table has a header but no rows.");
        }

        var rows = new List<IReadOnlyDictionary<string, Quantity>>(table.RowCount);
        for (var i = 0; i < table.RowCount; i++)
        {
            var row = new Dictionary<string, Quantity>(StringComparer.Ordinal);
            foreach (var column in Columns)
            {
                try
                {
                    row[column.Header] = column.Kind.Parse(table.Rows[i][column.Header]);
                }
                catch (FormatException e)
                {
                    throw new FormatException($"row {i + 1}, column '{column.Header}': {e.Message}", e);
                }
            }

            rows.Add(row);
        }

        return rows;
    }
}
