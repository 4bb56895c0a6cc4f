using SpaceTestBench.Bench;
using SpaceTestBench.Gherkin.Bindings;
using SpaceTestBench.Gherkin.Execution;
using SpaceTestBench.Results.Progress;
using SpaceTestBench.Results.Recording;
using SpaceTestBench.Steps.Bindings;
using SpaceTestBench.Steps.Resuming;

namespace SpaceTestBench.Steps.Running;

/// <summary>
/// The step catalog's bindings, and shorthands that build a <see cref="Campaign"/> and return its runner (the caller
/// keeps owning bench and recorder).
/// </summary>
public static class BenchRunner
{
    /// <summary>Where Reqnroll discovers the step catalog's bindings: its assembly.</summary>
    public static BindingSource Catalog() => BindingSource.FromAssemblies(typeof(DutSupplySteps).Assembly);

    /// <summary>
    /// The step catalog's bindings as this layer's earlier registry read them (own Cucumber Expression types; built per call),
    /// which only <c>StepCatalog</c> still reads; runners take <see cref="Catalog"/>.
    /// </summary>
    public static BindingRegistry Bindings() => BindingRegistry.FromAssemblies(typeof(DutSupplySteps).Assembly);

    /// <summary>A runner that drives <paramref name="bench"/> and records into <paramref name="recorder"/>.</summary>
    public static TestRunner Create(BenchSession bench, ResultRecorder recorder, IRunListener? progress = null, TestRunnerOptions? options = null) =>
        Create(bench, recorder, progress, options, null);

    /// <summary>
    /// A runner as <see cref="Create(BenchSession, ResultRecorder, IRunListener?, TestRunnerOptions?)"/> that also
    /// checkpoints the run, and continues an interrupted one when <paramref name="resume"/> is given. The
    /// bench's safety events go into the results.
    /// </summary>
    public static TestRunner Create(BenchSession bench, ResultRecorder recorder, IRunListener? progress, TestRunnerOptions? options, ResumePlan? resume) =>
        Create(bench, recorder, progress, options, resume, null);

    /// <summary>
    /// A runner as <see cref="Create(BenchSession, ResultRecorder, IRunListener?, TestRunnerOptions?, ResumePlan?)"/>
    /// whose procedures publish their progress (dose, fluence, anneal hours, cycles, bits, long waits) into
    /// <paramref name="progressSink"/>, with the scenario and step they are in.
    /// </summary>
    public static TestRunner Create(BenchSession bench, ResultRecorder recorder, IRunListener? progress, TestRunnerOptions? options, ResumePlan? resume, IProgressSink? progressSink) =>
        Create(bench, recorder, Catalog(), progress, options, resume, progressSink, null);

    /// <summary>
    /// A runner as <see cref="Create(BenchSession, ResultRecorder, IRunListener?, TestRunnerOptions?, ResumePlan?, IProgressSink?)"/>
    /// that checkpoints every scenario's state (and the simulated world's physics) into <paramref name="scenarioCheckpoints"/>,
    /// so a resumed scenario gets back what its completed steps established.
    /// </summary>
    public static TestRunner Create(BenchSession bench, ResultRecorder recorder, IRunListener? progress, TestRunnerOptions? options, ResumePlan? resume, IProgressSink? progressSink, ScenarioCheckpoints? scenarioCheckpoints) =>
        Create(bench, recorder, Catalog(), progress, options, resume, progressSink, scenarioCheckpoints);

    /// <summary>
    /// A runner for <paramref name="bindings"/>: the step catalog together with a vendor's own binding assemblies
    /// (<c>BindingSource.FromAssemblies(catalog, vendor)</c>), wired to the bench as the catalog's alone is.
    /// </summary>
    public static TestRunner Create(BenchSession bench, ResultRecorder recorder, BindingSource bindings, TestRunnerOptions? options) =>
        Create(bench, recorder, bindings, null, options, null, null, null);

    // The wiring itself is the campaign's (Campaign.cs): these overloads keep their callers' signatures.
    private static TestRunner Create(
        BenchSession bench, ResultRecorder recorder, BindingSource bindings, IRunListener? progress, TestRunnerOptions? options, ResumePlan? resume, IProgressSink? progressSink,
        ScenarioCheckpoints? scenarioCheckpoints) =>
        new Campaign(bench, recorder, new CampaignSettings
        {
            Bindings = bindings, Progress = progress, Options = options, Resume = resume, ProgressSink = progressSink, ScenarioCheckpoints = scenarioCheckpoints,
        }).Runner;
}
