namespace SpaceTestBench.Gherkin;

/// <summary>A step's data table (Reqnroll <c>DataTable</c>): the first row is the header.</summary>
public class DataTable
{
    private readonly List<DataTableRow> _rows = [];

    /// <summary>A table with the given header.</summary>
    public DataTable(params string[] header)
    {
        ArgumentNullException.ThrowIfNull(header);
        Header = header;
    }

    /// <summary>Column names.</summary>
    public IReadOnlyList<string> Header { get; }

    /// <summary>The data rows.</summary>
    public IReadOnlyList<DataTableRow> Rows => _rows;

    /// <summary>Number of data rows.</summary>
    public int RowCount => _rows.Count;

    /// <summary>Adds a data row.</summary>
    public void AddRow(params string[] cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        if (cells.Length != Header.Count)
        {
            throw new ArgumentException($"The row has {cells.Length} cells; the header has {Header.Count}.", nameof(cells));
        }

        _rows.Add(new DataTableRow(this, cells));
    }
}

/// <summary>A data row: cells by column name or index.</summary>
public sealed class DataTableRow
{
    private readonly DataTable _table;
    private readonly string[] _cells;

    internal DataTableRow(DataTable table, string[] cells)
    {
        _table = table;
        _cells = cells;
    }

    /// <summary>The cell in the named column.</summary>
    public string this[string column]
    {
        get
        {
            var index = _table.Header.ToList().FindIndex(h => h == column);
            return index >= 0 ? _cells[index] : throw new KeyNotFoundException($"The table has no column '{column}'.");
        }
    }

    /// <summary>The cell at a column index.</summary>
    public string this[int index] => _cells[index];

    /// <summary>The table this row belongs to.</summary>
    public DataTable Table => _table;

    /// <summary>The cell in the named column, if the table has it.</summary>
    public bool TryGetValue(string column, out string value)
    {
        var index = _table.Header.ToList().FindIndex(h => h == column);
        value = index >= 0 ? _cells[index] : "";
        return index >= 0;
    }

    /// <summary>The cells in column order.</summary>
    public IReadOnlyList<string> Values => _cells;
}
