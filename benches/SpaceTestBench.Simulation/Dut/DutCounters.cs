namespace SpaceTestBench.Simulation.Dut;

/// <summary>What the test agent counts (since power-on of the agent or its last clear).</summary>
/// <param name="Upsets">Single-event upsets found and corrected in memory.</param>
/// <param name="FunctionalInterrupts">SEFIs: the DUT stopped responding.</param>
/// <param name="Inferences">Inferences completed.</param>
/// <param name="Mismatches">Inferences whose result differed from the golden model (silent data corruption).</param>
/// <param name="Resets">Soft resets and power-ups the agent saw.</param>
public readonly record struct DutCounters(long Upsets, long FunctionalInterrupts, long Inferences, long Mismatches, long Resets);
