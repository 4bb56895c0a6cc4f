using Reqnroll;
using SpaceTestBench.Gherkin;
using SpaceTestBench.Results.Quantities;

namespace SpaceTestBench.Steps.Parameters;

/// <summary>The heavy-ion runs of a table, in order: each an LET at normal incidence and a tilt.</summary>
/// <param name="Runs">The runs.</param>
public sealed record IonRunTable(IReadOnlyList<(Quantity Let, Quantity Tilt)> Runs) : ITableArgument
{
    /// <inheritdoc />
    public static TableSchema Schema { get; } = TableSchema.Of(("LET", "LET"), ("tilt", "angle"));
}

/// <summary>The step catalog's typed data tables: each read through its schema, so cells are checked like step text.</summary>
[Binding]
public sealed class TableParameterTypes
{
    /// <summary>A table of heavy-ion runs (columns LET and tilt).</summary>
    [StepArgumentTransformation]
    public static IonRunTable ToIonRuns(DataTable table) =>
        new(IonRunTable.Schema.Read(table).Select(row => (row["LET"], row["tilt"])).ToList());
}
