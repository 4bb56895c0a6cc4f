using Gherkin.CucumberMessages;
using Io.Cucumber.Messages.Types;
using SpaceTestBench.Bench.Definitions;
using SpaceTestBench.Bench.Duts;
using SpaceTestBench.Gherkin.Bindings;
using SpaceTestBench.Gherkin.Execution;
using SpaceTestBench.Gherkin.Parsing;
using SpaceTestBench.Gherkin.Tags;
using SpaceTestBench.Steps.Running;

namespace SpaceTestBench.Steps.Planning;

/// <summary>
/// Plans a campaign without touching an instrument: a dry run of the Gherkin layer matches every step and
/// converts its arguments (exactly what a run would call the binding with), then each step's estimator from
/// <see cref="BenchTimeEstimates"/> turns those arguments into bench time, in run order, scenario after scenario,
/// so the chamber one scenario leaves hot is the chamber the next one waits for.
/// </summary>
/// <param name="bench">The bench file the campaign runs on.</param>
/// <param name="dut">The DUT profile (its characteristics say how long boots, settling and event counts take).</param>
public sealed class CampaignPlanner(BenchDefinition bench, DutProfile dut)
{
    /// <summary>
    /// The Reqnroll runtime whose binding registry the dry run matches with, shared with the run that follows
    /// (<c>spacebench run</c>), or null for one of the planner's own.
    /// </summary>
    public Gherkin.Runtime.ReqnrollRuntime? Reqnroll { get; init; }

    /// <summary>
    /// Loads the inputs as <c>spacebench run</c> does (bench file, DUT profile or the bench's default, feature files,
    /// tag expression) and plans the selected scenarios: what <c>spacebench plan</c> prints and the facility's console
    /// shows before a submission. Throws the loaders' own errors (they name the file and the place in it).
    /// </summary>
    public static async Task<CampaignPlan> PlanFilesAsync(
        string benchFile, string? dutFile, IReadOnlyList<string> featurePaths, string featuresRoot, string? tagExpression, RunOrder order, TimeProvider wallClock, CancellationToken cancellationToken)
    {
        var bench = BenchDefinitionLoader.Load(benchFile);
        var dut = DutProfileLoader.Load(dutFile ?? bench.DefaultDutFile ?? throw new BenchConfigurationException(bench.File, "$.dut", "the bench names no default DUT profile; give one with --dut FILE."));
        var tags = TagExpression.Parse(tagExpression ?? "");
        var ids = new IncrementingIdGenerator();
        var features = FeatureSource.FindFeatureFiles(featurePaths).Select(f => FeatureSource.Load(f, featuresRoot, ids)).ToList();
        return await new CampaignPlanner(bench, dut).PlanAsync(features, p => tags.Evaluate(p.Tags.Select(t => t.Name).ToList()), order, ids, wallClock, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Plans the scenarios of <paramref name="features"/> that <paramref name="select"/> accepts, in <paramref name="order"/>.</summary>
    public async Task<CampaignPlan> PlanAsync(
        IReadOnlyList<FeatureSource> features, Func<Pickle, bool>? select, RunOrder order, IIdGenerator ids, TimeProvider wallClock, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(wallClock);
        IReadOnlyList<TestCaseResult> matched;
        await using (var runner = new TestRunner(BenchRunner.Catalog(), null, new TestRunnerOptions { DryRun = true, Order = order, Ids = ids, Reqnroll = Reqnroll }))
        {
            matched = await runner.RunAllAsync(features, select, cancellationToken).ConfigureAwait(false);
        }

        return Plan(matched, wallClock.GetUtcNow());
    }

    /// <summary>Estimates the test cases a dry run matched.</summary>
    public CampaignPlan Plan(IReadOnlyList<TestCaseResult> matched, DateTimeOffset plannedAt)
    {
        ArgumentNullException.ThrowIfNull(matched);
        var context = new PlanContext(bench, dut);
        var scenarios = new List<ScenarioPlan>();
        foreach (var testCase in matched.Where(m => !m.WillBeRetried))
        {
            context.BeginScenario();
            var samplesBefore = context.SamplesNeeded;
            var steps = testCase.Steps.Select(step => new StepPlan(step.Index, step.Step.Text, step.Line, Estimate(context, step))).ToList();
            scenarios.Add(new ScenarioPlan(testCase.TestCase.Feature.Uri, testCase.TestCase.Pickle.Name, testCase.TestCase.Line, steps) { Samples = context.SamplesNeeded - samplesBefore });
        }

        return new CampaignPlan(scenarios, plannedAt);
    }

    private static StepEstimate Estimate(PlanContext context, StepResult step)
    {
        if (step.Bindings.Count != 1 || step.Status == TestStatus.Failed)
        {
            return StepEstimate.Unknown(step.Bindings.Count == 0 ? "the step matches no binding" : step.Bindings.Count > 1 ? "the step is ambiguous" : "its arguments do not convert");
        }

        if (BenchTimeEstimates.Catalog.For(step.Bindings[0].MethodInfo()) is not { } estimator)
        {
            return StepEstimate.Unknown($"{step.Bindings[0].MethodName()} has no bench-time estimator");
        }

        try
        {
            return estimator(context, new StepArguments(step.Arguments));
        }
        catch (System.Exception e) when (e is InvalidOperationException or BenchConfigurationException or ArgumentException or KeyNotFoundException)
        {
            return StepEstimate.Unknown($"cannot estimate it: {e.Message}");
        }
    }
}
