using SpaceTestBench.Gherkin.Bindings;
using SpaceTestBench.Gherkin.Runtime;

namespace SpaceTestBench.Steps.Catalog;

// Transitional, for the one caller that still holds this layer's registry (QualificationRun, owned elsewhere): it reads
// nothing of the registry but the assemblies or classes it was scanned from. Delete it with BindingRegistry, once
// QualificationRun asks for StepCatalog.Build(its ReqnrollRuntime).
public sealed partial class StepCatalog
{
    /// <summary>The catalog of the binding assemblies (or classes) <paramref name="bindings"/> was scanned from, as Reqnroll discovers them.</summary>
    public static StepCatalog Build(BindingRegistry bindings)
    {
        ArgumentNullException.ThrowIfNull(bindings);
        if (bindings.Assemblies.Count > 0)
        {
            return Build(bindings.Assemblies);
        }

        var runtime = new ReqnrollRuntime(bindings.BindingTypes);
        try
        {
            return Build(runtime);
        }
        finally
        {
            runtime.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }
}
