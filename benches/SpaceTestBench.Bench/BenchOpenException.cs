namespace SpaceTestBench.Bench;

/// <summary>An instrument of the bench could not be started or opened; names the role, model and resource.</summary>
public sealed class BenchOpenException(string message, Exception? inner) : Exception(message, inner);
