using System.Text.Json.Nodes;
using Reqnroll;
using SpaceTestBench.Bench;
using SpaceTestBench.Gherkin;
using SpaceTestBench.Results;
using SpaceTestBench.Results.Recording;

namespace SpaceTestBench.Steps.Resuming;

/// <summary>
/// The start of a scenario a resumed run continues: before its interrupted step runs again, the scenario's
/// objects get back what its completed steps established (from the checkpoint before that step), then every
/// scoped object that declares <see cref="IReestablishOnResume"/> waits for its condition to come back (vacuum,
/// boot). Nothing a completed step did physically is repeated; nothing is measured. Any other scenario: nothing.
/// </summary>
[Binding]
public sealed class ResumeHooks(IScenarioContext context, BenchSession bench, ScenarioCheckpoints checkpoints)
{
    /// <summary>Restores a continued scenario's state; right after the safety hook has tied its events to its record.</summary>
    [BeforeScenario(Order = int.MinValue + 1)]
    public async Task RestoreContinuedScenarioAsync()
    {
        // The run's stop comes from the bench: Reqnroll resolves a hook's parameters from its container, which holds no CancellationToken.
        var cancellationToken = bench.Stopping;
        if (checkpoints.Resume is null || Running.ScenarioScope.RecorderOf(context) is not { } scenario)
        {
            return;
        }

        var id = scenario.Scenario.ScenarioId;
        var open = checkpoints.Resume.Point.Scenarios.FirstOrDefault(s => s.ScenarioId == id && !s.Finished);
        if (open is null || open.FirstUnfinishedStep == 0)
        {
            return;
        }

        // A step that can continue inside itself saved the state where it stood with the world it resumes from; any other
        // step runs again from the state before it.
        var inStep = checkpoints.InStepState(new ScenarioCheckpoints.ResumableScenarioRef(id, open.FirstUnfinishedStep));
        if ((inStep?.State ?? checkpoints.BeforeStep(id, open.FirstUnfinishedStep)?["state"]) is not JsonObject state)
        {
            scenario.RecordEvent(BenchEventKind.Deviation, null,
                $"No checkpoint of what steps 1–{open.FirstUnfinishedStep} established was found; the scenario continues without it.");
            return;
        }

        var settingsRestoredAt = bench.Clock.GetUtcNow();
        ScenarioState.Restore(context.ScenarioContainer, checkpoints.Types, state);
        var reestablished = new List<string>();
        foreach (var type in checkpoints.Types.Where(t => typeof(IReestablishOnResume).IsAssignableFrom(t)))
        {
            await ((IReestablishOnResume)context.ScenarioContainer.Resolve(type)).ReestablishAsync(settingsRestoredAt, cancellationToken);
            reestablished.Add(type.Name);
        }

        scenario.RecordEvent(BenchEventKind.Note, null,
            inStep is { } inside
                ? $"Restored what steps 1–{open.FirstUnfinishedStep} established and how far step {open.FirstUnfinishedStep + 1} had come at {inside.SavedAt:u} ({state.Count} scenario object(s)), and re-established the bench's conditions ({string.Join(", ", reestablished)}) at {bench.Clock.GetUtcNow():u}; step {open.FirstUnfinishedStep + 1} continues from there, its measurements recorded before it kept."
                : $"Restored what steps 1–{open.FirstUnfinishedStep} established ({state.Count} scenario object(s)) and re-established the bench's conditions ({string.Join(", ", reestablished)}) at {bench.Clock.GetUtcNow():u}; step {open.FirstUnfinishedStep + 1} runs again.");
    }
}
