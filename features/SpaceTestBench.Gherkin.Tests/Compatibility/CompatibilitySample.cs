namespace SpaceTestBench.Gherkin.Tests.Compatibility;

/// <summary>
/// What the harness gives every sample's glue through the run container: the sample's folder (for the
/// files it attaches) and run-wide counters (the CCK glue keeps module-level counters across retries).
/// </summary>
public sealed class CompatibilitySample(string directory)
{
    public string Directory { get; } = directory;

    public Dictionary<string, int> Counters { get; } = [];

    public string File(string name) => Path.Combine(Directory, name);
}

/// <summary>What the ported glue throws where the TypeScript glue throws an Error (NUnit asserts would fail the harness's own test).</summary>
public sealed class GlueAssertionException(string message) : Exception(message);
