namespace SpaceTestBench.Instruments.Roles;

/// <summary>
/// When a gamma cell's source last moved, as its controller logged it, counted back from the moment of the query (the
/// controller's clock need not be the bench's, only run at its rate): how long ago it was last raised (an exposure
/// began) and last lowered (an exposure ended: at its dose target, by command or by the controller's own safe state).
/// Null where the controller has no such move on record. Unlike the bench's own poll of the source, the log outlives a
/// cut of the run: a resumed step asks it when the exposure it finds delivered ended.
/// </summary>
/// <param name="SinceRaised">Time since the source last went up; null: none on record.</param>
/// <param name="SinceLowered">Time since the source last went down; null: none on record.</param>
public readonly record struct SourceMoves(TimeSpan? SinceRaised, TimeSpan? SinceLowered);
