namespace SpaceTestBench.Cli.Running;

/// <summary>What <c>spacebench run</c> was asked to do (paths resolved, defaults applied).</summary>
/// <param name="BenchFile">The bench file.</param>
/// <param name="Features">Feature files and folders.</param>
/// <param name="FeaturesRoot">Folder feature URIs are relative to.</param>
/// <param name="Tags">Tag expression selecting scenarios, or null for all.</param>
/// <param name="DutFile">DUT profile, or null for the bench's default.</param>
/// <param name="RunFolder">The run folder to write.</param>
public sealed record RunRequest(
    string BenchFile,
    IReadOnlyList<string> Features,
    string FeaturesRoot,
    string? Tags,
    string? DutFile,
    string RunFolder);
