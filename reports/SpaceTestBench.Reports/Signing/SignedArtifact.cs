namespace SpaceTestBench.Reports.Signing;

/// <summary>One file a signature covers.</summary>
/// <param name="Role">What it is: report, store, bench file, DUT profile, feature file, calibration snapshot.</param>
/// <param name="Path">Its path relative to the run folder.</param>
/// <param name="Sha256">Its SHA-256 (for the report: without the approval block's content), lower-case hex.</param>
public sealed record SignedArtifact(string Role, string Path, string Sha256);
