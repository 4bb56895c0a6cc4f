namespace SpaceTestBench.Simulation.Faults;

/// <summary>A fault and when it fires, as a bench file declares it.</summary>
/// <param name="Fault">The fault.</param>
/// <param name="Trigger">When it fires.</param>
public sealed record ScheduledFault(InstrumentFault Fault, FaultTrigger Trigger);
