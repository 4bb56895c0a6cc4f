namespace SpaceTestBench.Instruments.Roles;

/// <summary>The test agent's counters.</summary>
/// <param name="Upsets">Single-event upsets found and corrected.</param>
/// <param name="FunctionalInterrupts">Functional interrupts (the DUT stopped responding).</param>
/// <param name="Inferences">Inferences completed.</param>
/// <param name="Mismatches">Inferences that disagreed with the golden model (silent data corruption).</param>
/// <param name="Resets">Soft resets and power-ups.</param>
public readonly record struct DutEventCounters(long Upsets, long FunctionalInterrupts, long Inferences, long Mismatches, long Resets);
