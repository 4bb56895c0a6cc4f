namespace SpaceTestBench.Results.Recording;

/// <summary>A step began. Recorded so that a run killed mid-step still shows which step was running.</summary>
/// <param name="BenchTime">Bench time at the start.</param>
/// <param name="ScenarioId">The scenario.</param>
/// <param name="StepIndex">Index of the step within the scenario.</param>
/// <param name="Text">The step text.</param>
public sealed record StepStarted(DateTimeOffset BenchTime, string ScenarioId, int StepIndex, string Text) : ResultEvent(BenchTime);
