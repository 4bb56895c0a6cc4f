using Io.Cucumber.Messages.Types;
using DataTable = Reqnroll.DataTable;

namespace SpaceTestBench.Gherkin.Execution;

/// <summary>Pickle step types as Reqnroll keyword classes.</summary>
internal static class StepTypes
{
    public static Reqnroll.Bindings.StepDefinitionType ToDefinitionType(PickleStepType type) => type switch
    {
        PickleStepType.ACTION => Reqnroll.Bindings.StepDefinitionType.When,
        PickleStepType.OUTCOME => Reqnroll.Bindings.StepDefinitionType.Then,
        _ => Reqnroll.Bindings.StepDefinitionType.Given,
    };
}

/// <summary>Pickle tables as <see cref="DataTable"/>s: the first row is the header.</summary>
internal static class DataTables
{
    public static DataTable? From(PickleTable? table)
    {
        if (table is null || table.Rows.Count == 0)
        {
            return null;
        }

        var result = new DataTable([.. table.Rows[0].Cells.Select(c => c.Value)]);
        foreach (var row in table.Rows.Skip(1))
        {
            result.AddRow([.. row.Cells.Select(c => c.Value)]);
        }

        return result;
    }
}
