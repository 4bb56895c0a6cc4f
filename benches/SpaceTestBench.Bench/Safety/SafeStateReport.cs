namespace SpaceTestBench.Bench.Safety;

/// <summary>One stage of the safe-state sequence as it ran.</summary>
/// <param name="Name">"radiation off", "DUT power off", "chamber to ambient", "other instruments".</param>
/// <param name="Instruments">The instruments it put in their safe state.</param>
/// <param name="Duration">How long it took (wall clock: it is I/O).</param>
/// <param name="Failures">Instruments that could not be made safe, with why; empty when all were.</param>
public sealed record SafeStateStage(string Name, IReadOnlyList<string> Instruments, TimeSpan Duration, IReadOnlyList<string> Failures);

/// <summary>One run of the safe-state sequence.</summary>
/// <param name="Reason">Why it ran.</param>
/// <param name="Detail">What caused it, for people.</param>
/// <param name="BenchTime">When it started.</param>
/// <param name="Duration">How long the whole sequence took (wall clock).</param>
/// <param name="Stages">The stages in the order they ran.</param>
public sealed record SafeStateReport(SafeStateReason Reason, string Detail, DateTimeOffset BenchTime, TimeSpan Duration, IReadOnlyList<SafeStateStage> Stages)
{
    /// <summary>True if every instrument reached its safe state.</summary>
    public bool Complete => Stages.All(s => s.Failures.Count == 0);
}
