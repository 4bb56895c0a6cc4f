namespace SpaceTestBench.Steps.Parameters;

/// <summary>
/// A step argument read from a data table through a <see cref="TableSchema"/>: the transformation reads the
/// table with it, and the catalog documents the table's columns (and writes an example table) from it.
/// </summary>
public interface ITableArgument
{
    /// <summary>The columns the table must have.</summary>
    static abstract TableSchema Schema { get; }
}
