using Reqnroll.Plugins;
using Reqnroll.UnitTestProvider;
using SpaceTestBench.Gherkin.NUnit.Runtime;

namespace SpaceTestBench.Gherkin.Tests.Compatibility;

/// <summary>
/// The NUnit runtime provider with Reqnroll's default attachment handler, plus this layer's <see cref="SkippedStepException"/> read as a skip (the kit's
/// glue skips with it, as the product's bindings do; Reqnroll itself only knows the unit-test provider's ignore).
/// </summary>
internal sealed class SkipAwareRuntimePlugin : IRuntimePlugin
{
    private const string ProviderName = "spacebench-nunit-skips";

    public void Initialize(RuntimePluginEvents runtimePluginEvents, RuntimePluginParameters runtimePluginParameters, UnitTestProviderConfiguration unitTestProviderConfiguration)
    {
        unitTestProviderConfiguration.UseUnitTestProvider(ProviderName);
        runtimePluginEvents.RegisterGlobalDependencies += (_, e) =>
        {
            e.ObjectContainer.RegisterTypeAs<Provider, IUnitTestRuntimeProvider>(ProviderName);
            // What Reqnroll's output helper hands a file attachment to besides the formatters (Reqnroll.NUnit's plugin
            // registers NUnit's; this is Reqnroll's default, which only traces it).
            e.ObjectContainer.RegisterTypeAs<Reqnroll.Infrastructure.ReqnrollAttachmentHandler, Reqnroll.Infrastructure.IReqnrollAttachmentHandler>();
        };
    }

    private sealed class Provider : IUnitTestRuntimeProvider
    {
        private readonly NUnitRuntimeProvider _nunit = new();

        public void TestPending(string message) => _nunit.TestPending(message);

        public void TestInconclusive(string message) => _nunit.TestInconclusive(message);

        public void TestIgnore(string message) => _nunit.TestIgnore(message);

        public Reqnroll.ScenarioExecutionStatus? DetectExecutionStatus(Exception exception) =>
            exception is SkippedStepException ? Reqnroll.ScenarioExecutionStatus.Skipped : _nunit.DetectExecutionStatus(exception);
    }
}
