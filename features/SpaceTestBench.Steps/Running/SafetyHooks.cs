using Reqnroll;
using SpaceTestBench.Bench;
using SpaceTestBench.Bench.Definitions;
using SpaceTestBench.Bench.Resilience;
using SpaceTestBench.Bench.Safety;
using SpaceTestBench.Gherkin;
using SpaceTestBench.Results;
using SpaceTestBench.Results.Judging;
using SpaceTestBench.Results.Recording;

namespace SpaceTestBench.Steps.Running;

/// <summary>
/// Ties every scenario to the bench's safety machinery without the feature file asking: the bench's
/// events go into the scenario's record, a tag <c>@&lt;interlock&gt;:continue</c> or <c>@&lt;interlock&gt;:stop</c>
/// (by the interlock's bench-file name or kind, e.g. <c>@latchup:continue</c>) sets what a trip does for this
/// scenario, and a scenario that ended in Error (an instrument, binding or hook failure) leaves the bench
/// in its safe state. A scenario stopped by an interlock is already safe; one that failed a limit or a judged result is not
/// dangerous and the next scenario's preconditions take over.
/// </summary>
[Binding]
public sealed class SafetyHooks(BenchSession bench, IScenarioContext context)
{
    /// <summary>The scenario's events go to its record; its tags may set interlock actions.</summary>
    [BeforeScenario(Order = int.MinValue)]
    public void BeginScenario()
    {
        bench.Safety.BeginScenario(ScenarioScope.RecorderOf(context));
        foreach (var tag in context.ScenarioInfo.CombinedTags)
        {
            var colon = tag.LastIndexOf(':');
            if (colon <= 0)
            {
                continue;
            }

            InterlockAction? action = tag[(colon + 1)..].ToLowerInvariant() switch
            {
                "continue" => InterlockAction.Continue,
                "stop" => InterlockAction.Stop,
                _ => null,
            };
            var interlock = tag[..colon];
            if (action is { } chosen && bench.Definition.Safety.Interlocks.Any(i =>
                    i.Name.Equals(interlock, StringComparison.OrdinalIgnoreCase) || i.Kind.ToString().Equals(interlock, StringComparison.OrdinalIgnoreCase)))
            {
                bench.Safety.SetAction(interlock, chosen);
            }
        }
    }

    /// <summary>
    /// After every other After hook but <see cref="ScenarioJudge"/>: the safe state if the scenario ended in Error, then
    /// events are run-level again. It runs before the judge because Reqnroll stops a scenario's After hooks at the first
    /// that fails, and the judge fails routinely (a judged Fail, PENDING for Inconclusive); the judge's failures are not
    /// an Error this hook acts on anyway.
    /// </summary>
    [AfterScenario(Order = int.MaxValue - 1)]
    public async Task EndScenarioAsync()
    {
        try
        {
            var error = context.TestError;
            if (error is null or LimitViolationException or JudgedResultException or InterlockTrippedException)
            {
                return;
            }

            var (reason, detail) = error switch
            {
                // Not the operator's stop: a scenario it cuts ends without its After hooks, and the run's host makes the bench safe.
                InstrumentFaultException fault => (SafeStateReason.InstrumentFault, fault.Message),
                _ => (SafeStateReason.ScenarioFailure, $"the scenario '{context.ScenarioInfo.Title}' ended in Error: {error.Message}"),
            };
            await bench.SafeStateAsync(reason, detail);
        }
        finally
        {
            bench.Safety.EndScenario();
        }
    }
}
