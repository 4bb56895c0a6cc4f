namespace SpaceTestBench.Results.Recording;

/// <summary>
/// Progress of a long bench wait (an anneal, a dwell): <paramref name="Done"/> of <paramref name="Duration"/>
/// has passed. A resumed run waits only the rest.
/// </summary>
/// <param name="BenchTime">When the progress was recorded.</param>
/// <param name="ScenarioId">The scenario.</param>
/// <param name="StepIndex">The step.</param>
/// <param name="Ordinal">Which long wait of the step (0 for the first).</param>
/// <param name="Duration">The whole wait.</param>
/// <param name="Done">How much of it has passed.</param>
public sealed record WaitCheckpoint(DateTimeOffset BenchTime, string ScenarioId, int StepIndex, int Ordinal, TimeSpan Duration, TimeSpan Done) : ResultEvent(BenchTime);

/// <summary>The settings the bench had commanded when a step began (JSON), so a resumed run can restore them.</summary>
/// <param name="BenchTime">When the step began.</param>
/// <param name="ScenarioId">The scenario.</param>
/// <param name="StepIndex">The step about to run.</param>
/// <param name="Journal">The bench's settings journal as JSON.</param>
public sealed record SettingsCheckpoint(DateTimeOffset BenchTime, string ScenarioId, int StepIndex, string Journal) : ResultEvent(BenchTime);

/// <summary>
/// A resumed run runs this step again: the measurements it had recorded before the interruption are moved to the
/// superseded table (kept, never counted twice), except, for a step that continues inside itself from a checkpoint
/// saved in it (a TID ladder inside a later exposure), those recorded before <paramref name="KeptBefore"/>: the work
/// that checkpoint says was done, which the step does not do again.
/// </summary>
/// <param name="BenchTime">When the step was resumed.</param>
/// <param name="ScenarioId">The scenario.</param>
/// <param name="StepIndex">The step run again.</param>
/// <param name="KeptBefore">Measurements (and series begun) strictly before this bench time stay on record; null: none do.</param>
public sealed record StepResumed(DateTimeOffset BenchTime, string ScenarioId, int StepIndex, DateTimeOffset? KeptBefore = null) : ResultEvent(BenchTime);
