namespace SpaceTestBench.Results.Provenance;

/// <summary>The bench a run used.</summary>
/// <param name="Name">The bench definition's name.</param>
/// <param name="File">Path of the bench definition file.</param>
/// <param name="Clock">Which clock bench time comes from ("virtual", "wall").</param>
/// <param name="Instruments">Every instrument as opened, with its identity and calibration.</param>
public sealed record BenchInfo(string Name, string File, string Clock, IReadOnlyList<InstrumentInfo> Instruments);
