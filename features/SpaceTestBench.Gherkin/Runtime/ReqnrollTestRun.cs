using System.Reflection;
using Reqnroll;
using Reqnroll.BoDi;
using Reqnroll.Bindings.Discovery;
using Reqnroll.Bindings.Provider;
using Reqnroll.Configuration;
using Reqnroll.Infrastructure;
using Reqnroll.Plugins;
using Reqnroll.UnitTestProvider;

namespace SpaceTestBench.Gherkin.Runtime;

/// <summary>
/// One Reqnroll test run of its own, whose binding registry holds only the binding types it is given — the
/// runtime a test (or a CCK sample) needs when the assembly it lives in has other <c>[Binding]</c> classes whose
/// steps overlap. Reqnroll's static <c>TestRunnerManager</c> API builds one registry per test assembly from every
/// <c>[Binding]</c> in it; this starts Reqnroll's own <see cref="ITestRunnerManager"/> from a fresh global container
/// instead (as the static API does, but not kept in its per-assembly registry), with a runtime plugin, registered
/// from code, that gives Reqnroll a binding registry builder reading only <c>bindingTypes</c>. Everything else — hook
/// order, matching, argument conversion, injection, contexts, test-run hooks — is Reqnroll's.
/// </summary>
/// <remarks>
/// Disposing ends the run: the feature still open (its AfterFeature hooks), then Reqnroll's test-run end (the
/// AfterTestRun hooks) and the global container. Runs may follow each other in one process; Reqnroll's
/// <c>ScenarioContext.Current</c> and its siblings are process-wide, so runs must not overlap in time. Do not start
/// one for an assembly that also runs through <c>TestRunnerManager.OnTestRunStartAsync</c> at the same time: at its
/// end Reqnroll removes the static registry's entry for that assembly.
/// </remarks>
public sealed class ReqnrollTestRun : IAsyncDisposable
{
    private readonly ITestRunnerManager _manager;
    private bool _disposed;

    private ReqnrollTestRun(ITestRunnerManager manager, IObjectContainer testRunContainer, ITestRunner runner, ReqnrollScenarioDriver driver)
    {
        _manager = manager;
        TestRunContainer = testRunContainer;
        Runner = runner;
        Driver = driver;
    }

    /// <summary>Reqnroll's global (test-run) container: where BeforeTestRun hooks resolve what they take.</summary>
    public IObjectContainer TestRunContainer { get; }

    /// <summary>The run's one Reqnroll test runner (one test thread).</summary>
    public ITestRunner Runner { get; }

    /// <summary>The driver that runs this layer's pickles on <see cref="Runner"/>.</summary>
    public ReqnrollScenarioDriver Driver { get; }

    /// <summary>
    /// Starts a Reqnroll test run for <paramref name="testAssembly"/> (where Reqnroll looks for its configuration and
    /// <c>[assembly: RuntimePlugin]</c>s) whose bindings are exactly <paramref name="bindingTypes"/>, with
    /// <paramref name="plugins"/> initialised as if they were named by the assembly (e.g. the unit-test provider);
    /// <paramref name="configure"/> registers objects in the test-run container before the BeforeTestRun hooks run.
    /// A BeforeTestRun hook that throws makes this throw, after the run has been ended.
    /// </summary>
    public static async Task<ReqnrollTestRun> StartAsync(
        Assembly testAssembly,
        IEnumerable<Type> bindingTypes,
        IEnumerable<IRuntimePlugin>? plugins = null,
        IReqnrollRunListener? listener = null,
        Action<IObjectContainer>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(testAssembly);
        ArgumentNullException.ThrowIfNull(bindingTypes);
        var selection = new BindingTypeSelection([.. bindingTypes]);
        var builder = new SelectedBindingsContainerBuilder([new BindingTypeSelectionPlugin(selection), .. plugins ?? []]);
        var global = builder.CreateGlobalContainer(testAssembly);
        var manager = global.Resolve<ITestRunnerManager>();
        manager.Initialize(testAssembly);
        configure?.Invoke(global);
        try
        {
            await manager.FireTestRunStartAsync().ConfigureAwait(false);
        }
        catch
        {
            await manager.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var runner = manager.GetTestRunner();
        return new ReqnrollTestRun(manager, global, runner, new ReqnrollScenarioDriver(runner, listener));
    }

    /// <summary>Ends the run: the open feature's AfterFeature hooks, then the AfterTestRun hooks (whose error this throws).</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            await Driver.FinishFeatureAsync().ConfigureAwait(false);
        }
        finally
        {
            _manager.ReleaseTestRunnerToPool(Runner);
            await _manager.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Adds the run's own plugins to the ones Reqnroll initialises from code (before those it locates).</summary>
    private sealed class SelectedBindingsContainerBuilder(IReadOnlyList<IRuntimePlugin> plugins) : ContainerBuilder
    {
        protected override void RegisterDefaults(ObjectContainer container)
        {
            base.RegisterDefaults(container);
            for (var i = 0; i < plugins.Count; i++)
            {
                container.RegisterInstanceAs(plugins[i], $"SpaceTestBench.ReqnrollTestRun.{i}");
            }
        }
    }

    /// <summary>Replaces Reqnroll's binding registry builder with one that reads only the selected types.</summary>
    private sealed class BindingTypeSelectionPlugin(BindingTypeSelection selection) : IRuntimePlugin
    {
        public void Initialize(RuntimePluginEvents runtimePluginEvents, RuntimePluginParameters runtimePluginParameters, UnitTestProviderConfiguration unitTestProviderConfiguration) =>
            runtimePluginEvents.CustomizeGlobalDependencies += (_, e) =>
            {
                e.ObjectContainer.RegisterInstanceAs(selection);
                e.ObjectContainer.RegisterTypeAs<SelectedBindingRegistryBuilder, IRuntimeBindingRegistryBuilder>();
            };
    }
}

/// <summary>The binding types a <see cref="ReqnrollTestRun"/> gives Reqnroll, nothing else of their assemblies.</summary>
public sealed class BindingTypeSelection(IReadOnlyList<Type> types)
{
    /// <summary>The selected types, in the order given (Reqnroll registers bindings in discovery order).</summary>
    public IReadOnlyList<Type> Types { get; } = types;
}

/// <summary>
/// Reqnroll's binding discovery (attributes, hooks, transformations, errors as Reqnroll reports them) run over the
/// selected types only: the binding assemblies are theirs, and of each assembly only the selected types are read.
/// </summary>
public sealed class SelectedBindingRegistryBuilder : RuntimeBindingRegistryBuilder, IRuntimeBindingRegistryBuilder
{
    private readonly BindingTypeSelection _selection;

    /// <summary>Reqnroll's builder over <paramref name="selection"/>; the other parameters are Reqnroll's services.</summary>
    public SelectedBindingRegistryBuilder(
        BindingTypeSelection selection,
        IRuntimeBindingSourceProcessor bindingSourceProcessor,
        IReqnrollAttributesFilter reqnrollAttributesFilter,
        IBindingAssemblyLoader bindingAssemblyLoader,
        ReqnrollConfiguration reqnrollConfiguration,
        IBindingProviderService bindingProviderService)
        : base(bindingSourceProcessor, reqnrollAttributesFilter, bindingAssemblyLoader, reqnrollConfiguration, bindingProviderService)
    {
        _selection = selection ?? throw new ArgumentNullException(nameof(selection));
    }

    /// <summary>The assemblies of the selected types (not the test assembly nor configured step assemblies as such).</summary>
    public new Assembly[] GetBindingAssemblies(Assembly testAssembly) => [.. _selection.Types.Select(t => t.Assembly).Distinct()];

    /// <inheritdoc />
    protected override Type[] GetAssemblyTypes(Assembly assembly, out string[] typeLoadErrors)
    {
        typeLoadErrors = [];
        return [.. _selection.Types.Where(t => t.Assembly == assembly)];
    }
}
