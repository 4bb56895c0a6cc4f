using Io.Cucumber.Messages.Types;
using Reqnroll.Bindings;
using HookType = Reqnroll.Bindings.HookType;
using SpaceTestBench.Gherkin.Parsing;
using SpaceTestBench.Gherkin.Runtime;

namespace SpaceTestBench.Gherkin.Execution;

/// <summary>A step definition of Reqnroll's that matches a step, with the argument groups Cucumber reports for it.</summary>
/// <param name="Definition">Reqnroll's step definition.</param>
/// <param name="Arguments">The argument groups (the <c>stepMatchArgumentsList</c> of the <c>testCase</c> message).</param>
public sealed record StepMatch(IStepDefinitionBinding Definition, StepMatchArgumentsList Arguments);

/// <summary>One test step of a planned test case: a Before hook, a pickle step or an After hook.</summary>
internal sealed record PlannedStep(string Id, GlueHook? Hook, int PickleStepIndex, IReadOnlyList<StepMatch> Matches)
{
    public bool IsHook => Hook is not null;
}

/// <summary>A pickle made ready to run: its hooks and matched steps, as the <c>testCase</c> message states them.</summary>
internal sealed record TestCasePlan(string Id, TestCaseInfo Info, IReadOnlyList<PlannedStep> Steps);

/// <summary>
/// Lays out a pickle's test steps from Reqnroll's binding registry: the scenario hooks whose scope the pickle is in, and
/// each pickle step with the definitions Reqnroll's matcher finds for it (<see cref="ReqnrollGlue"/>).
/// </summary>
internal sealed class TestCasePlanner(ReqnrollGlue glue, MessageEmitter emitter)
{
    public TestCasePlan Plan(FeatureSource feature, Pickle pickle)
    {
        var info = new TestCaseInfo(feature, pickle, feature.RuleOf(pickle), feature.LineOf(pickle));
        var context = ReqnrollGlue.ContextOf(feature, pickle);
        var steps = new List<PlannedStep>();
        foreach (var hook in glue.HooksFor(HookType.BeforeScenario, context))
        {
            steps.Add(new PlannedStep(emitter.NewId(), hook, -1, []));
        }

        for (var i = 0; i < pickle.Steps.Count; i++)
        {
            var step = pickle.Steps[i];
            var keyword = feature.Node(step.AstNodeIds[0]).Keyword;
            steps.Add(new PlannedStep(emitter.NewId(), null, i, glue.Match(ReqnrollGlue.ToStepInstance(step, keyword, context))));
        }

        foreach (var hook in glue.HooksFor(HookType.AfterScenario, context))
        {
            steps.Add(new PlannedStep(emitter.NewId(), hook, -1, []));
        }

        return new TestCasePlan(emitter.NewId(), info, steps);
    }

    /// <summary>The <c>testCase</c> message: hook steps by hook id, pickle steps with every matching definition and its arguments.</summary>
    public Envelope ToMessage(TestCasePlan plan, string? testRunStartedId)
    {
        var pickle = plan.Info.Pickle;
        var steps = plan.Steps.Select(s => s.Hook is { } hook
            ? new TestStep(emitter.GlueId(hook), s.Id, null, null, null)
            : new TestStep(
                null, s.Id, pickle.Steps[s.PickleStepIndex].Id,
                [.. s.Matches.Select(m => emitter.GlueId(glue.StepOf(m.Definition)))],
                [.. s.Matches.Select(m => m.Arguments)]));
        return Envelope.Create(new TestCase(plan.Id, pickle.Id, [.. steps], testRunStartedId));
    }
}
