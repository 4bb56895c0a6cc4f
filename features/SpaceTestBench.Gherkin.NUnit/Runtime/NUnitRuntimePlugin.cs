using Reqnroll.Plugins;
using Reqnroll.UnitTestProvider;

namespace SpaceTestBench.Gherkin.NUnit.Runtime;

/// <summary>
/// The runtime plugin that lets Reqnroll's runtime start in an NUnit test assembly without Reqnroll.NUnit:
/// it registers <see cref="NUnitRuntimeProvider"/> and selects it. Reqnroll looks for
/// <c>[assembly: RuntimePlugin(typeof(NUnitRuntimePlugin))]</c> in the test assembly it is started with
/// (or in a <c>*.ReqnrollPlugin.dll</c> beside it), so a test project that drives Reqnroll names it once.
/// </summary>
public sealed class NUnitRuntimePlugin : IRuntimePlugin
{
    /// <inheritdoc />
    public void Initialize(RuntimePluginEvents runtimePluginEvents, RuntimePluginParameters runtimePluginParameters, UnitTestProviderConfiguration unitTestProviderConfiguration)
    {
        ArgumentNullException.ThrowIfNull(runtimePluginEvents);
        ArgumentNullException.ThrowIfNull(unitTestProviderConfiguration);
        unitTestProviderConfiguration.UseUnitTestProvider(NUnitRuntimeProvider.ProviderName);
        runtimePluginEvents.RegisterGlobalDependencies += (_, e) =>
            e.ObjectContainer.RegisterTypeAs<NUnitRuntimeProvider, IUnitTestRuntimeProvider>(NUnitRuntimeProvider.ProviderName);
    }
}
