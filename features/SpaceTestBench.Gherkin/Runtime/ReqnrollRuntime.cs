using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using Reqnroll;
using Reqnroll.Analytics;
using Reqnroll.BoDi;
using Reqnroll.Bindings.Discovery;
using Reqnroll.Bindings.Provider;
using Reqnroll.Configuration;
using Reqnroll.Infrastructure;
using Reqnroll.Plugins;
using Reqnroll.Tracing;
using Reqnroll.UnitTestProvider;
using SpaceTestBench.Gherkin.Execution;

namespace SpaceTestBench.Gherkin.Runtime;

/// <summary>
/// Reqnroll's runtime for one run, started outside a test project (the CLI) or inside one (the NUnit driver)
/// alike: its own global container (not Reqnroll's static per-assembly registry, so several runs with different
/// binding assemblies may live in one process), the product's runtime plugin (<see cref="ProductRuntimePlugin"/>:
/// the binding assemblies as <c>AdditionalStepAssemblies</c> set at <c>ConfigurationDefaults</c>, no reqnroll.json
/// read for them; pending and skipped as this layer's exceptions; no console trace), and a pool of scenario drivers,
/// one Reqnroll <see cref="ITestRunner"/> (test thread) each, so scenarios may run in parallel.
/// </summary>
/// <remarks>
/// Every test thread's container is a child of <see cref="RunContainer"/>, itself a child of Reqnroll's global
/// container: what the run registers there (the bench, the recorder, …) every binding may inject, in every thread.
/// </remarks>
public sealed class ReqnrollRuntime : IAsyncDisposable
{
    private readonly ITestRunnerManager _manager;
    private readonly ConcurrentBag<ReqnrollScenarioDriver> _idle = [];
    private readonly ConcurrentDictionary<ReqnrollScenarioDriver, byte> _drivers = new();
    private readonly object _startGate = new();
    private readonly ProductContainerBuilder _builder;
    private readonly IObjectContainer _global;
    private readonly BindingRegistryBuild _registryBuild = new();
    private Task? _start;
    private IObjectContainer? _bindingServices;
    private int _disposed;
    private int _ended;

    /// <summary>
    /// Reqnroll's runtime whose bindings are exactly <paramref name="bindingTypes"/> (of their assemblies only those
    /// classes: Reqnroll's discovery through <see cref="SelectedBindingRegistryBuilder"/>, as <see cref="ReqnrollTestRun"/>
    /// does), for runs of chosen binding classes (tests whose assembly holds overlapping glue).
    /// </summary>
    public ReqnrollRuntime(IReadOnlyList<Type> bindingTypes)
        : this([.. (bindingTypes ?? throw new ArgumentNullException(nameof(bindingTypes))).Select(t => t.Assembly).Distinct()], new BindingTypeSelection(bindingTypes))
    {
    }

    /// <summary>Reqnroll's runtime discovering the bindings of <paramref name="bindingAssemblies"/> (only the <paramref name="selection"/>'s classes, if given).</summary>
    public ReqnrollRuntime(IReadOnlyList<Assembly> bindingAssemblies, BindingTypeSelection? selection = null)
    {
        ArgumentNullException.ThrowIfNull(bindingAssemblies);
        if (bindingAssemblies.Count == 0)
        {
            throw new ArgumentException("Reqnroll's runtime needs the binding assemblies (BindingSource.FromAssemblies).", nameof(bindingAssemblies));
        }

        BindingAssemblies = bindingAssemblies;
        var builder = new ProductContainerBuilder(new ProductRuntimePlugin(bindingAssemblies, selection), _registryBuild);
        var global = builder.CreateGlobalContainer(typeof(ReqnrollRuntime).Assembly);
        RunContainer = new ObjectContainer(global);
        builder.RunContainer = RunContainer;
        _manager = global.Resolve<ITestRunnerManager>();
        _manager.Initialize(typeof(ReqnrollRuntime).Assembly);
        _builder = builder;
        _global = global;
    }

    /// <summary>The assemblies whose bindings Reqnroll discovers.</summary>
    public IReadOnlyList<Assembly> BindingAssemblies { get; }

    /// <summary>The run's container: register what every scenario may inject here.</summary>
    public ObjectContainer RunContainer { get; }

    /// <summary>Runs the BeforeTestRun hooks (once); a failing one throws.</summary>
    public Task StartAsync()
    {
        lock (_startGate)
        {
            return _start ??= _manager.FireTestRunStartAsync();
        }
    }

    /// <summary>
    /// A Reqnroll test-thread container whose binding registry is built from the binding assemblies, for dry runs: its
    /// <c>IStepDefinitionMatchService</c>, <c>IStepArgumentTypeConverter</c>, <c>IBindingRegistry</c> and <c>IContextManager</c>
    /// are the ones a run matches and converts with. It starts no test run (no hook runs, now or when the process exits:
    /// Reqnroll's <c>TestRunnerManager</c>, which would register its end for the process exit, does not build this registry),
    /// and the same container serves every dry run asked of this runtime.
    /// </summary>
    /// <remarks>
    /// A runtime may serve dry runs first and then run the scenarios (<c>spacebench run</c>: validate, plan, run, one binding
    /// registry): the registry is built once (<see cref="BindingRegistryBuild"/>), so the run's start does not discover the
    /// bindings a second time, and the dry runs' contexts live in this container, not in a scenario driver's. A dry run after
    /// the run started is refused: Reqnroll's current feature and scenario contexts are process-wide, so its contexts would
    /// be set up beside the running scenarios'.
    /// </remarks>
    public IObjectContainer BindingServices()
    {
        lock (_startGate)
        {
            if (_bindingServices is not null)
            {
                return _bindingServices;
            }

            if (_start is not null || !_drivers.IsEmpty)
            {
                throw new InvalidOperationException("This Reqnroll runtime runs scenarios already; a dry run is served before the run starts.");
            }

            var registryBuilder = _global.Resolve<Reqnroll.Bindings.Discovery.IRuntimeBindingRegistryBuilder>();
            _registryBuild.Once(() =>
            {
                foreach (var assembly in registryBuilder.GetBindingAssemblies(typeof(ReqnrollRuntime).Assembly))
                {
                    registryBuilder.BuildBindingsFromAssembly(assembly);
                }

                registryBuilder.BuildingCompleted();
            });
            return _bindingServices = _builder.CreateTestThreadContainer(_global);
        }
    }

    /// <summary>A driver no other scenario is using (a new Reqnroll test thread when all are busy); give it back with <see cref="Release"/>.</summary>
    public async Task<ReqnrollScenarioDriver> RentAsync()
    {
        await StartAsync().ConfigureAwait(false);
        if (_idle.TryTake(out var driver))
        {
            return driver;
        }

        driver = new ReqnrollScenarioDriver(_manager.GetTestRunner());
        _drivers[driver] = 0;
        return driver;
    }

    /// <summary>Gives a driver back for the next scenario (its feature stays open until another feature runs on it or the run ends).</summary>
    public void Release(ReqnrollScenarioDriver driver)
    {
        ArgumentNullException.ThrowIfNull(driver);
        driver.Listener = null;
        _idle.Add(driver);
    }

    /// <summary>Ends <paramref name="feature"/> (its AfterFeature hooks) on every idle driver that has it open.</summary>
    public async Task FinishFeatureAsync(Parsing.FeatureSource feature)
    {
        foreach (var driver in _drivers.Keys.Where(d => d.IsRunning(feature)))
        {
            await driver.FinishFeatureAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Ends every open feature; the errors of failing AfterFeature hooks are returned.</summary>
    public async Task<IReadOnlyList<System.Exception>> FinishFeaturesAsync()
    {
        var errors = new List<System.Exception>();
        foreach (var driver in _drivers.Keys)
        {
            try
            {
                await driver.FinishFeatureAsync().ConfigureAwait(false);
            }
#pragma warning disable CA1031 // every feature is ended; the failures are reported together
            catch (System.Exception e) when (e is not OutOfMemoryException)
#pragma warning restore CA1031
            {
                errors.Add(e);
            }
        }

        return errors;
    }

    /// <summary>Runs the AfterTestRun hooks (once, if the run started) and releases Reqnroll's containers; a failing hook throws.</summary>
    public async Task EndAsync()
    {
        if (Interlocked.Exchange(ref _ended, 1) == 1)
        {
            return;
        }

        foreach (var driver in _drivers.Keys)
        {
            _manager.ReleaseTestRunnerToPool(driver.Runner);
        }

        _drivers.Clear();
        if (_start is not null)
        {
            // Without a start, Reqnroll's end would start a test run just to end it.
            await _manager.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Ends the run if <see cref="EndAsync"/> was not called, and disposes the run's container.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        try
        {
            await EndAsync().ConfigureAwait(false);
        }
        finally
        {
            _bindingServices?.Dispose();
            RunContainer.Dispose();
        }
    }

    /// <summary>
    /// Builds the runtime's binding registry once, whoever asks first: <see cref="BindingServices"/> for a dry run or
    /// Reqnroll's <c>TestRunnerManager</c> when the run starts (<see cref="BuildOnceTestRunnerManager"/>). Discovering the
    /// bindings twice into the one registry would cost the discovery again and list every step definition and argument
    /// transformation twice (Reqnroll's matcher folds a method's duplicates; its converter warns of several matching
    /// transformations).
    /// </summary>
    private sealed class BindingRegistryBuild
    {
        private readonly object _gate = new();
        private bool _built;

        public void Once(Action build)
        {
            lock (_gate)
            {
                if (!_built)
                {
                    build();
                    _built = true;
                }
            }
        }
    }

    /// <summary>Reqnroll's test runner manager, which builds the binding registry only if a dry run has not built it already.</summary>
    private sealed class BuildOnceTestRunnerManager(
        IObjectContainer globalContainer,
        IContainerBuilder containerBuilder,
        ReqnrollConfiguration reqnrollConfiguration,
        IRuntimeBindingRegistryBuilder bindingRegistryBuilder,
        ITestTracer testTracer,
        BindingRegistryBuild registryBuild)
        : TestRunnerManager(globalContainer, containerBuilder, reqnrollConfiguration, bindingRegistryBuilder, testTracer)
    {
        protected override void BuildBindingRegistry(IEnumerable<Assembly> bindingAssemblies) =>
            registryBuild.Once(() => base.BuildBindingRegistry(bindingAssemblies));
    }

    /// <summary>Reqnroll's container builder with the product plugin registered from code and test threads under the run's container.</summary>
    private sealed class ProductContainerBuilder : ContainerBuilder
    {
        private readonly IRuntimePlugin _plugin;
        private readonly BindingRegistryBuild _registryBuild;
        private readonly DefaultDependencyProvider _dependencies;

        public ProductContainerBuilder(IRuntimePlugin plugin, BindingRegistryBuild registryBuild)
            : this(plugin, registryBuild, new DefaultDependencyProvider())
        {
        }

        private ProductContainerBuilder(IRuntimePlugin plugin, BindingRegistryBuild registryBuild, DefaultDependencyProvider dependencies)
            : base(dependencies)
        {
            _plugin = plugin;
            _registryBuild = registryBuild;
            _dependencies = dependencies;
        }

        public IObjectContainer? RunContainer { get; set; }

        protected override void RegisterDefaults(ObjectContainer container)
        {
            base.RegisterDefaults(container);
            container.RegisterInstanceAs(_plugin, "spacebench");
            container.RegisterInstanceAs(_registryBuild);
            container.RegisterTypeAs<BuildOnceTestRunnerManager, ITestRunnerManager>();

            // No step trace on the console: the run's listeners report progress.
            container.RegisterTypeAs<NullListener, ITraceListener>();
        }

        public override IObjectContainer CreateTestThreadContainer(IObjectContainer globalContainer)
        {
            ArgumentNullException.ThrowIfNull(globalContainer);
            var container = new ObjectContainer(RunContainer ?? globalContainer);
            _dependencies.RegisterTestThreadContainerDefaults(container);
            globalContainer.Resolve<RuntimePluginEvents>().RaiseCustomizeTestThreadDependencies(container);
            container.Resolve<ITestObjectResolver>();
            return container;
        }
    }
}

/// <summary>
/// The product's Reqnroll runtime plugin: the binding assemblies (replacing any reqnroll.json list, so the CLI
/// needs none) and only they are scanned for bindings (<see cref="BindingAssembliesOnly"/>), the binding culture
/// <c>en-US</c>, no step trace on the console, no usage telemetry (<see cref="NoTelemetry"/>),
/// <see cref="ProductRuntimeProvider"/>, and Reqnroll's step matcher remembering its answers
/// (<see cref="MemoisingStepDefinitionMatchService"/>).
/// </summary>
public sealed class ProductRuntimePlugin(IReadOnlyList<Assembly> bindingAssemblies, BindingTypeSelection? selection = null) : IRuntimePlugin
{
    /// <inheritdoc />
    public void Initialize(RuntimePluginEvents runtimePluginEvents, RuntimePluginParameters runtimePluginParameters, UnitTestProviderConfiguration unitTestProviderConfiguration)
    {
        ArgumentNullException.ThrowIfNull(runtimePluginEvents);
        ArgumentNullException.ThrowIfNull(unitTestProviderConfiguration);
        unitTestProviderConfiguration.UseUnitTestProvider(ProductRuntimeProvider.ProviderName);
        runtimePluginEvents.ConfigurationDefaults += (_, e) =>
        {
            var configuration = e.ReqnrollConfiguration;
            configuration.AdditionalStepAssemblies = [.. bindingAssemblies.Select(a => a.FullName!)];
            configuration.BindingCulture = CultureInfo.GetCultureInfo("en-US");
            configuration.TraceSuccessfulSteps = false;
            configuration.TraceTimings = false;
        };
        runtimePluginEvents.RegisterGlobalDependencies += (_, e) =>
        {
            e.ObjectContainer.RegisterTypeAs<ProductRuntimeProvider, IUnitTestRuntimeProvider>(ProductRuntimeProvider.ProviderName);
            e.ObjectContainer.RegisterTypeAs<NoTelemetry, IAnalyticsRuntimeTelemetryService>();
            e.ObjectContainer.RegisterTypeAs<BindingAssembliesOnly, IRuntimeBindingRegistryBuilder>();

            // What Reqnroll's output helper hands an attached file to besides its events (a unit-test plugin registers its
            // own; Reqnroll's default only traces it). The run's messages take attachments from the events.
            e.ObjectContainer.RegisterTypeAs<ReqnrollAttachmentHandler, IReqnrollAttachmentHandler>();
        };
        runtimePluginEvents.CustomizeTestThreadDependencies += (_, e) =>
            // Reqnroll's own matcher, remembering which definitions each step text matched (the same answers, computed once).
            e.ObjectContainer.RegisterTypeAs<MemoisingStepDefinitionMatchService, IStepDefinitionMatchService>();
        if (selection is not null)
        {
            // Only the chosen classes: Reqnroll's discovery over them (as ReqnrollTestRun's runs do).
            runtimePluginEvents.CustomizeGlobalDependencies += (_, e) =>
            {
                e.ObjectContainer.RegisterInstanceAs(selection);
                e.ObjectContainer.RegisterTypeAs<SelectedBindingRegistryBuilder, Reqnroll.Bindings.Discovery.IRuntimeBindingRegistryBuilder>();
            };
        }
    }

    /// <summary>
    /// Reqnroll's usage telemetry is not sent: a bench at a test facility has no business reaching the internet
    /// from a qualification run (its test settings set <c>REQNROLL_TELEMETRY_ENABLED=0</c> for the same reason), and
    /// sending the event cost every run's start-up a few hundred JIT-compiled methods (Reqnroll's analytics, the HTTP
    /// client) and a connection attempt.
    /// </summary>
    private sealed class NoTelemetry : IAnalyticsRuntimeTelemetryService
    {
        public void SendFeatureUseEvent(string featureName, Dictionary<string, string>? properties = null, Dictionary<string, double>? metrics = null)
        {
        }

        public void SendProjectRunningEvent()
        {
        }
    }

    /// <summary>
    /// Reqnroll's binding discovery over the configured binding assemblies only. Reqnroll also scans the assembly its
    /// runtime is started for (a test project's own); here that is this layer's, which holds no bindings, so
    /// reading the attributes of each of its types would be start-up work for nothing.
    /// </summary>
    private sealed class BindingAssembliesOnly : RuntimeBindingRegistryBuilder, IRuntimeBindingRegistryBuilder
    {
        private readonly IBindingAssemblyLoader _loader;
        private readonly ReqnrollConfiguration _configuration;

        public BindingAssembliesOnly(
            IRuntimeBindingSourceProcessor bindingSourceProcessor,
            IReqnrollAttributesFilter reqnrollAttributesFilter,
            IBindingAssemblyLoader bindingAssemblyLoader,
            ReqnrollConfiguration reqnrollConfiguration,
            IBindingProviderService bindingProviderService)
            : base(bindingSourceProcessor, reqnrollAttributesFilter, bindingAssemblyLoader, reqnrollConfiguration, bindingProviderService)
        {
            _loader = bindingAssemblyLoader;
            _configuration = reqnrollConfiguration;
        }

        public new Assembly[] GetBindingAssemblies(Assembly testAssembly) => [.. _configuration.AdditionalStepAssemblies.Select(_loader.Load)];
    }
}

/// <summary>
/// Reqnroll's unit-test provider for a run of this layer: pending is this layer's <see cref="PendingStepException"/>,
/// ignored and inconclusive its <see cref="SkippedStepException"/>; a binding's pending or skip exception (this
/// layer's, Reqnroll's, NUnit's ignore or inconclusive) gets that status, as this layer's executor gives it.
/// </summary>
public sealed class ProductRuntimeProvider : IUnitTestRuntimeProvider
{
    /// <summary>The provider's name in Reqnroll's configuration.</summary>
    public const string ProviderName = "spacebench";

    /// <inheritdoc />
    public void TestPending(string message) => throw new PendingStepException(message);

    /// <inheritdoc />
    public void TestInconclusive(string message) => throw new SkippedStepException(message);

    /// <inheritdoc />
    public void TestIgnore(string message) => throw new SkippedStepException(message);

    /// <inheritdoc />
    public Reqnroll.ScenarioExecutionStatus? DetectExecutionStatus(System.Exception exception) => exception switch
    {
        null => null,
        _ => StepOutcomes.StatusOf(exception) switch
        {
            TestStatus.Pending => Reqnroll.ScenarioExecutionStatus.StepDefinitionPending,
            TestStatus.Skipped => Reqnroll.ScenarioExecutionStatus.Skipped,
            _ => null,
        },
    };
}
