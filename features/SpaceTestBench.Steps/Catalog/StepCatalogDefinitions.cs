using Reqnroll.Bindings;
using SpaceTestBench.Gherkin.Bindings;
using SpaceTestBench.Steps.Catalog;

namespace SpaceTestBench.Steps;

/// <summary>
/// The catalog's step for a step definition of Reqnroll's (what a run's <c>StepResult.Bindings</c> holds), by method and
/// expression. A bridge while <see cref="StepCatalog.StepOf"/> takes this layer's earlier records: once the catalog reads
/// Reqnroll's registry and its own <c>StepOf</c> takes Reqnroll's definitions, that one is called and this goes.
/// </summary>
public static class StepCatalogDefinitions
{
    /// <summary>The catalog's step with <paramref name="definition"/>'s method and expression.</summary>
    public static CatalogStep StepOf(this StepCatalog catalog, IStepDefinitionBinding definition)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(definition);
        var method = definition.MethodInfo();
        return catalog.Steps.FirstOrDefault(s => s.Method == method && s.Expression == definition.SourceExpression)
            ?? throw new ArgumentException($"{definition.MethodName()} \"{definition.SourceExpression}\" is not a step of the catalog.", nameof(definition));
    }
}
