namespace SpaceTestBench.Steps.Procedures;

/// <summary>How an exposure ended.</summary>
/// <param name="At">When the source went down (the cell controller's log, else the bench's last look that saw it up); null: nobody can say (a resumed step found the dose delivered and the controller has no lowering on record).</param>
/// <param name="DownBy">A moment the source is known to have been down by: when the step found it down.</param>
public readonly record struct ExposureEnd(DateTimeOffset? At, DateTimeOffset DownBy);
