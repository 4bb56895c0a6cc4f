using SpaceTestBench.Bench;
using SpaceTestBench.Bench.Definitions;
using SpaceTestBench.Bench.Duts;
using SpaceTestBench.Gherkin.Bindings;
using SpaceTestBench.Gherkin.Execution;
using SpaceTestBench.Results;
using SpaceTestBench.Results.Progress;
using SpaceTestBench.Results.Provenance;
using SpaceTestBench.Results.Recording;
using SpaceTestBench.Results.Store;
using SpaceTestBench.Steps.Bindings;
using SpaceTestBench.Steps.Procedures;
using SpaceTestBench.Steps.Resuming;

namespace SpaceTestBench.Steps.Running;

/// <summary>
/// One campaign, assembled in one place: the bench, the results (recorder, and the store when the campaign
/// opened it), the scenario checkpoints and the Gherkin runner with its listeners, wired through
/// constructors. The CLI (<c>spacebench run</c>), the NUnit suites and a vendor's suite all build their run
/// here; what a scenario may inject (bench, recorder, sample register, checkpoints, progress sink) is
/// registered on the runner's run container by this type and nowhere else.
/// </summary>
public sealed class Campaign : IAsyncDisposable
{
    private readonly SqliteResultStore? _ownedStore;
    private readonly SampleRegister _samples;
    private readonly IProgressSink _progressSink;
    private readonly bool _ownsBench;
    private readonly IDisposable _attachment;
    private bool _disposed;

    /// <summary>
    /// A campaign on an open <paramref name="bench"/> recording into <paramref name="recorder"/>; the caller keeps
    /// owning both (the CLI closes them after the report's safe state), the campaign owns its runner.
    /// </summary>
    public Campaign(BenchSession bench, ResultRecorder recorder, CampaignSettings? settings = null)
        : this(bench, recorder, settings ?? new CampaignSettings(), null, ownsBench: false)
    {
    }

    private Campaign(BenchSession bench, ResultRecorder recorder, CampaignSettings settings, SqliteResultStore? ownedStore, bool ownsBench)
    {
        ArgumentNullException.ThrowIfNull(bench);
        ArgumentNullException.ThrowIfNull(recorder);
        Bench = bench;
        Recorder = recorder;
        _ownedStore = ownedStore;
        _ownsBench = ownsBench;

        // Resume (issue 15): scenario checkpoints; without a run folder none are written, and ResumeHooks finds none.
        var resume = settings.Resume;
        ScenarioCheckpoints = settings.ScenarioCheckpoints ?? new ScenarioCheckpoints(null, typeof(DutSupplySteps).Assembly, resume);
        var checkpoints = new CheckpointListener(bench, recorder, resume, ScenarioCheckpoints);

        // Resume (issue 15): the scenario's state is checkpointed first, before the results record the step's end.
        var listeners = new List<IRunListener> { new ScenarioStateListener(bench, ScenarioCheckpoints), new ResultsListener(recorder, resume, ScenarioCheckpoints), checkpoints };
        if (settings.ProgressSink is not null)
        {
            listeners.Add(new ProgressListener(bench, settings.ProgressSink, resume?.Point.Scenarios.Count(s => s.Finished) ?? 0));
        }

        if (settings.Progress is not null)
        {
            listeners.Add(settings.Progress);
        }

        Listeners = new CompositeRunListener(listeners);
        // Issue 16: the scenarios run on Reqnroll's runtime (a dry run keeps this layer's matcher and converter).
        Runner = new TestRunner(settings.Bindings ?? BenchRunner.Catalog(), Listeners, (settings.Options ?? new TestRunnerOptions()));
        _samples = new SampleRegister(settings.Samples);
        foreach (var (serial, scenario) in resume?.UsedSamples ?? new Dictionary<string, string>())
        {
            _samples.Claim(serial, scenario);
        }

        _progressSink = settings.ProgressSink ?? ProgressPipeline.None;
        Register(Runner.RunContainer);

        // Last, so a campaign that failed to build leaves the bench as it found it.
        _attachment = bench.AttachCampaign(recorder, checkpoints);
    }

    /// <summary>The run's listeners (scenario state, results, checkpoints, progress), in the order they are told.</summary>
    public IRunListener Listeners { get; }

    /// <summary>
    /// Registers what a scenario may inject — bench, recorder, sample register, checkpoints (for <c>ResumeHooks</c>),
    /// progress sink — in <paramref name="container"/>: the runner's run container, or Reqnroll's test-thread
    /// container when Reqnroll's runtime runs the scenarios (issue 16).
    /// </summary>
    public void Register(Reqnroll.BoDi.IObjectContainer container)
    {
        ArgumentNullException.ThrowIfNull(container);
        container.RegisterInstanceAs(Bench);
        container.RegisterInstanceAs(Recorder);
        container.RegisterInstanceAs(_samples);
        container.RegisterInstanceAs(ScenarioCheckpoints);
        container.RegisterInstanceAs(_progressSink);
    }

    /// <summary>The bench the scenarios drive.</summary>
    public BenchSession Bench { get; }

    /// <summary>The results recorder every scenario records into.</summary>
    public ResultRecorder Recorder { get; }

    /// <summary>The Gherkin runner: start it, run its test cases, finish it.</summary>
    public TestRunner Runner { get; }

    /// <summary>Where scenario state is checkpointed for a resume (nowhere when the settings named no run folder).</summary>
    public ScenarioCheckpoints ScenarioCheckpoints { get; }

    /// <summary>
    /// Opens a bench file's bench with its default DUT profile, a fresh result store in <paramref name="runFolder"/>
    /// and a recorder on the bench's clock, records the run's start, and builds the campaign on them. The campaign
    /// owns all of it: <see cref="DisposeAsync"/> records the run's end (verdict not set: the store's readers judge
    /// it) and closes store and bench. This is how <c>dotnet test</c> suites (the conformance suites, a vendor's
    /// suite) run feature files on the simulated bench, recording exactly as <c>spacebench run</c> does.
    /// </summary>
    /// <param name="benchFile">The bench file (its <c>defaultDut</c> names the DUT profile).</param>
    /// <param name="runFolder">An empty folder for the result store.</param>
    /// <param name="software">What runs the campaign, recorded in the run's provenance ("dotnet test").</param>
    /// <param name="settings">Bindings, runner options and the rest of the wiring.</param>
    /// <param name="cancellationToken">Cancels opening the bench.</param>
    public static async Task<Campaign> OpenAsync(string benchFile, string runFolder, string software, CampaignSettings? settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(benchFile);
        ArgumentNullException.ThrowIfNull(runFolder);
        var definition = BenchDefinitionLoader.Load(benchFile);
        var dutFile = definition.DefaultDutFile ?? throw new BenchConfigurationException(definition.File, "$.dut", "the bench names no default DUT profile.");
        var bench = await BenchSession.OpenAsync(definition, DutProfileLoader.Load(dutFile), cancellationToken: cancellationToken).ConfigureAwait(false);
        SqliteResultStore? store = null;
        try
        {
            store = SqliteResultStore.Create(runFolder);
            var recorder = new ResultRecorder(bench.Clock, store);
            var dut = bench.Dut;
            var clockConvention = definition.Clock == BenchClockKind.Virtual ? "virtual bench time (simulated bench)" : "wall-clock time";
            recorder.StartRun(new RunInfo(
                Path.GetFileName(Path.TrimEndingDirectorySeparator(runFolder)),
                new BenchInfo(definition.Name, definition.File, clockConvention, []),
                new DutInfo(dut.Id, dut.Name, dut.SerialNumber, dut.File, dut.Description, [], null),
                Environment.UserName,
                new SoftwareInfo(software, null, []),
                TimeProvider.System.GetUtcNow(),
                new Dictionary<string, string>()));
            return new Campaign(bench, recorder, settings ?? new CampaignSettings(), store, ownsBench: true);
        }
        catch
        {
            store?.Dispose();
            await bench.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Ends the campaign's hold on the bench: bench events after this are no longer recorded and long waits no longer
    /// checkpoint. Called before the run's record is closed (a safe state on closing the bench is then unrecorded);
    /// <see cref="DisposeAsync"/> does it too.
    /// </summary>
    public void DetachFromBench() => _attachment.Dispose();

    /// <summary>
    /// Detaches from the bench and disposes the runner; a campaign that opened its bench and store also ends the
    /// run's record and closes them.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        DetachFromBench();
        await Runner.DisposeAsync().ConfigureAwait(false);
        if (_ownedStore is not null)
        {
            Recorder.FinishRun(TimeProvider.System.GetUtcNow(), Verdict.NotSet);
            _ownedStore.Dispose();
        }

        if (_ownsBench)
        {
            await Bench.DisposeAsync().ConfigureAwait(false);
        }
    }

    private sealed class CompositeRunListener(IReadOnlyList<IRunListener> listeners) : IRunListener
    {
        public void TestCaseStarted(TestCaseInfo testCase, Reqnroll.IScenarioContext context)
        {
            foreach (var listener in listeners)
            {
                listener.TestCaseStarted(testCase, context);
            }
        }

        public void StepStarted(TestCaseInfo testCase, int index, Reqnroll.IScenarioContext context)
        {
            foreach (var listener in listeners)
            {
                listener.StepStarted(testCase, index, context);
            }
        }

        public void StepFinished(TestCaseInfo testCase, StepResult result, Reqnroll.IScenarioContext context)
        {
            foreach (var listener in listeners)
            {
                listener.StepFinished(testCase, result, context);
            }
        }

        public void TestCaseFinished(TestCaseResult result, Reqnroll.IScenarioContext context)
        {
            foreach (var listener in listeners)
            {
                listener.TestCaseFinished(result, context);
            }
        }
    }
}

/// <summary>How a <see cref="Campaign"/> is wired beyond its bench and recorder.</summary>
public sealed record CampaignSettings
{
    /// <summary>The bindings: null for the step catalog's; a vendor's suite passes the catalog with its own assemblies.</summary>
    public BindingSource? Bindings { get; init; }

    /// <summary>Runner options (dry run, retry, order, messages, ids).</summary>
    public TestRunnerOptions? Options { get; init; }

    /// <summary>A listener beside the results (the CLI's console progress), or null.</summary>
    public IRunListener? Progress { get; init; }

    /// <summary>The interrupted run being continued, or null.</summary>
    public ResumePlan? Resume { get; init; }

    /// <summary>Where procedures publish their progress (dose, fluence, cycles…), or null for nowhere.</summary>
    public IProgressSink? ProgressSink { get; init; }

    /// <summary>Scenario checkpoints in a run folder (resume, issue 15), or null for none written.</summary>
    public ScenarioCheckpoints? ScenarioCheckpoints { get; init; }

    /// <summary>The serial numbers of the samples the campaign names, in mounting order; empty: the bench's own.</summary>
    public IReadOnlyList<string> Samples { get; init; } = [];
}
