using SpaceTestBench.Bench;
using SpaceTestBench.Gherkin.Bindings;
using SpaceTestBench.Gherkin.Execution;
using SpaceTestBench.Results.Progress;
using SpaceTestBench.Results.Recording;
using SpaceTestBench.Steps.Bindings;
using SpaceTestBench.Steps.Procedures;
using SpaceTestBench.Steps.Resuming;

namespace SpaceTestBench.Steps.Running;

/// <summary>Builds the Gherkin runner for a bench: the step catalog's bindings, the bench and the results injected.</summary>
public static class BenchRunner
{
    /// <summary>The step catalog's bindings (built once per call; cheap).</summary>
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
        Create(bench, recorder, Bindings(), progress, options, resume, progressSink, null);

    /// <summary>
    /// A runner as <see cref="Create(BenchSession, ResultRecorder, IRunListener?, TestRunnerOptions?, ResumePlan?, IProgressSink?)"/>
    /// that checkpoints every scenario's state (and the simulated world's physics) into <paramref name="scenarioCheckpoints"/>,
    /// so a resumed scenario gets back what its completed steps established.
    /// </summary>
    public static TestRunner Create(BenchSession bench, ResultRecorder recorder, IRunListener? progress, TestRunnerOptions? options, ResumePlan? resume, IProgressSink? progressSink, ScenarioCheckpoints? scenarioCheckpoints) =>
        Create(bench, recorder, Bindings(), progress, options, resume, progressSink, scenarioCheckpoints);

    /// <summary>
    /// A runner for <paramref name="bindings"/>: the step catalog together with a vendor's own binding assemblies
    /// (<c>BindingRegistry.FromAssemblies(catalog, vendor)</c>), wired to the bench as the catalog's alone is.
    /// </summary>
    public static TestRunner Create(BenchSession bench, ResultRecorder recorder, BindingRegistry bindings, TestRunnerOptions? options) =>
        Create(bench, recorder, bindings, null, options, null, null, null);

    private static TestRunner Create(
        BenchSession bench, ResultRecorder recorder, BindingRegistry bindings, IRunListener? progress, TestRunnerOptions? options, ResumePlan? resume, IProgressSink? progressSink,
        ScenarioCheckpoints? scenarioCheckpoints)
    {
        ArgumentNullException.ThrowIfNull(bench);
        ArgumentNullException.ThrowIfNull(recorder);
        bench.Safety.AttachResults(recorder);

        // Resume (issue 15): scenario checkpoints; without a run folder none are written, and ResumeHooks finds none.
        scenarioCheckpoints ??= new ScenarioCheckpoints(null, typeof(DutSupplySteps).Assembly, resume);
        var checkpoints = new CheckpointListener(bench, recorder, resume, scenarioCheckpoints);
        bench.Checkpoints = checkpoints;

        // Resume (issue 15): the scenario's state is checkpointed first, before the results record the step's end.
        var listeners = new List<IRunListener> { new ScenarioStateListener(bench, scenarioCheckpoints), new ResultsListener(recorder, resume), checkpoints };
        if (progressSink is not null)
        {
            listeners.Add(new ProgressListener(bench, progressSink, resume?.Point.Scenarios.Count(s => s.Finished) ?? 0));
        }

        if (progress is not null)
        {
            listeners.Add(progress);
        }

        var runner = new TestRunner(bindings, new CompositeListener(listeners), options);
        runner.RunContainer.RegisterInstanceAs(bench);
        runner.RunContainer.RegisterInstanceAs(recorder);
        var samples = new SampleRegister();
        foreach (var (serial, scenario) in resume?.UsedSamples ?? new Dictionary<string, string>())
        {
            samples.Claim(serial, scenario);
        }

        runner.RunContainer.RegisterInstanceAs(samples);
        runner.RunContainer.RegisterInstanceAs(scenarioCheckpoints); // Resume (issue 15): for ResumeHooks
        runner.RunContainer.RegisterInstanceAs<IProgressSink>(progressSink ?? ProgressPipeline.None);
        return runner;
    }

    private sealed class CompositeListener(IReadOnlyList<IRunListener> listeners) : IRunListener
    {
        public void TestCaseStarted(TestCaseInfo testCase, Gherkin.ScenarioContext context)
        {
            foreach (var listener in listeners)
            {
                listener.TestCaseStarted(testCase, context);
            }
        }

        public void StepStarted(TestCaseInfo testCase, int index, Gherkin.ScenarioContext context)
        {
            foreach (var listener in listeners)
            {
                listener.StepStarted(testCase, index, context);
            }
        }

        public void StepFinished(TestCaseInfo testCase, StepResult result, Gherkin.ScenarioContext context)
        {
            foreach (var listener in listeners)
            {
                listener.StepFinished(testCase, result, context);
            }
        }

        public void TestCaseFinished(TestCaseResult result, Gherkin.ScenarioContext context)
        {
            foreach (var listener in listeners)
            {
                listener.TestCaseFinished(result, context);
            }
        }
    }
}
