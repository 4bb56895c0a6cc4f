using Io.Cucumber.Messages.Types;
using SpaceTestBench.Gherkin.Bindings;
using SpaceTestBench.Gherkin.Expressions;
using SpaceTestBench.Gherkin.Parsing;

namespace SpaceTestBench.Gherkin.Execution;

/// <summary>A step definition that matches a step, with the arguments it extracted.</summary>
/// <param name="Binding">The step definition.</param>
/// <param name="Arguments">The arguments.</param>
public sealed record StepMatch(StepBinding Binding, IReadOnlyList<StepArgument> Arguments);

/// <summary>One test step of a planned test case: a Before hook, a pickle step or an After hook.</summary>
internal sealed record PlannedStep(string Id, HookBinding? Hook, int PickleStepIndex, IReadOnlyList<StepMatch> Matches)
{
    public bool IsHook => Hook is not null;
}

/// <summary>A pickle made ready to run: its hooks and matched steps, as the <c>testCase</c> message states them.</summary>
internal sealed record TestCasePlan(string Id, TestCaseInfo Info, IReadOnlyList<PlannedStep> Steps);

/// <summary>Matches pickles against the bindings and lays out their test steps.</summary>
internal sealed class TestCasePlanner(BindingRegistry bindings, MessageEmitter emitter)
{
    public TestCasePlan Plan(FeatureSource feature, Pickle pickle)
    {
        var info = new TestCaseInfo(feature, pickle, feature.RuleOf(pickle), feature.LineOf(pickle));
        var tags = info.Tags.ToHashSet(StringComparer.Ordinal);
        var steps = new List<PlannedStep>();
        foreach (var hook in bindings.HooksOf(HookKind.BeforeScenario).Where(h => h.AppliesTo(tags)))
        {
            steps.Add(new PlannedStep(emitter.NewId(), hook, -1, []));
        }

        for (var i = 0; i < pickle.Steps.Count; i++)
        {
            steps.Add(new PlannedStep(emitter.NewId(), null, i, Match(pickle.Steps[i], tags, feature.FeatureName, pickle.Name)));
        }

        foreach (var hook in bindings.HooksOf(HookKind.AfterScenario).Where(h => h.AppliesTo(tags)))
        {
            steps.Add(new PlannedStep(emitter.NewId(), hook, -1, []));
        }

        return new TestCasePlan(emitter.NewId(), info, steps);
    }

    /// <summary>
    /// The step definitions that match: keyword class (Reqnroll: a Given step needs [Given] or
    /// [StepDefinition]; And/But take the previous keyword's), expression, then [Scope] — scoped
    /// definitions beat unscoped ones, and the most specific scope wins.
    /// </summary>
    public IReadOnlyList<StepMatch> Match(PickleStep step, IReadOnlyCollection<string> tags, string featureTitle, string scenarioTitle)
    {
        var wanted = step.Type switch
        {
            PickleStepType.CONTEXT => StepDefinitionType.Given,
            PickleStepType.ACTION => StepDefinitionType.When,
            PickleStepType.OUTCOME => StepDefinitionType.Then,
            _ => (StepDefinitionType?)null,
        };
        var matches = new List<(StepMatch Match, int Specificity)>();
        foreach (var binding in bindings.Steps)
        {
            if (wanted is { } type && !binding.Types.Contains(type))
            {
                continue;
            }

            var specificity = binding.ScopeSpecificity(tags, featureTitle, scenarioTitle);
            if (specificity < 0)
            {
                continue;
            }

            if (binding.Expression.Match(step.Text) is { } arguments)
            {
                matches.Add((new StepMatch(binding, arguments), specificity));
            }
        }

        if (matches.Count <= 1)
        {
            return matches.Select(m => m.Match).ToList();
        }

        var best = matches.Max(m => m.Specificity);
        return matches.Where(m => m.Specificity == best).Select(m => m.Match).ToList();
    }

    /// <summary>The <c>testCase</c> message: hook steps by hook id, pickle steps with every matching definition and its arguments.</summary>
    public Envelope ToMessage(TestCasePlan plan, string? testRunStartedId)
    {
        var pickle = plan.Info.Pickle;
        var steps = plan.Steps.Select(s => s.Hook is { } hook
            ? new TestStep(emitter.GlueId(hook), s.Id, null, null, null)
            : new TestStep(
                null, s.Id, pickle.Steps[s.PickleStepIndex].Id,
                [.. s.Matches.Select(m => emitter.GlueId(m.Binding))],
                [.. s.Matches.Select(m => MessageEmitter.ToArguments(m.Arguments))]));
        return Envelope.Create(new TestCase(plan.Id, pickle.Id, [.. steps], testRunStartedId));
    }
}
