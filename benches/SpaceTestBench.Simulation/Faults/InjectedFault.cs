namespace SpaceTestBench.Simulation.Faults;

/// <summary>A fault that was injected: when (bench time), what, and on which command.</summary>
/// <param name="BenchTime">Bench time at injection.</param>
/// <param name="Kind">What was injected.</param>
/// <param name="Command">The command it hit, or null for a state fault fired by the clock.</param>
public sealed record InjectedFault(DateTimeOffset BenchTime, InstrumentFaultKind Kind, string? Command);
