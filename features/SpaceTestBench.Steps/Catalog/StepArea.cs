namespace SpaceTestBench.Steps.Catalog;

/// <summary>An area of the catalog: the steps of one binding class.</summary>
/// <param name="Title">Its title, from the class name ("DUT supply" for DutSupplySteps).</param>
/// <param name="Description">The class's summary.</param>
/// <param name="Binding">The binding class.</param>
/// <param name="Steps">Its steps, in declaration order.</param>
public sealed record StepArea(string Title, string Description, Type Binding, IReadOnlyList<CatalogStep> Steps);
