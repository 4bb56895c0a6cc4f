using SpaceTestBench.Bench;
using SpaceTestBench.Gherkin.Bindings;
using SpaceTestBench.Gherkin.Execution;
using SpaceTestBench.Results.Recording;
using SpaceTestBench.Steps.Bindings;

namespace SpaceTestBench.Steps.Running;

/// <summary>Builds the Gherkin runner for a bench: the step catalog's bindings, the bench and the results injected.</summary>
public static class BenchRunner
{
    /// <summary>The step catalog's bindings (built once per call; cheap).</summary>
    public static BindingRegistry Bindings() => BindingRegistry.FromAssemblies(typeof(DutSupplySteps).Assembly);

    /// <summary>A runner that drives <paramref name="bench"/> and records into <paramref name="recorder"/>.</summary>
    public static TestRunner Create(BenchSession bench, ResultRecorder recorder, IRunListener? progress = null, TestRunnerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(bench);
        ArgumentNullException.ThrowIfNull(recorder);
        var listeners = new List<IRunListener> { new ResultsListener(recorder) };
        if (progress is not null)
        {
            listeners.Add(progress);
        }

        var runner = new TestRunner(Bindings(), new CompositeListener(listeners), options);
        runner.RunContainer.RegisterInstanceAs(bench);
        runner.RunContainer.RegisterInstanceAs(recorder);
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
