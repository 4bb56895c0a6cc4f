namespace SpaceTestBench.Instruments.Roles;

/// <summary>
/// The DUT role: the test agent running beside the device under test. It identifies the DUT, runs
/// workloads (a memory test; AI inference checked against a golden model), reads its error and event
/// counters, resets it, runs its functional test, reads its on-chip monitors, and drives its optical
/// terminal's acquisition. Values are SI (V, K, s).
/// </summary>
public interface IDutAgent : IInstrument
{
    /// <summary>Which part and sample is on the bench.</summary>
    [IdempotentQuery]
    Task<DutIdentity> IdentifyDutAsync(CancellationToken cancellationToken = default);

    /// <summary>What the DUT is doing.</summary>
    [IdempotentQuery]
    Task<DutStatus> GetStatusAsync(CancellationToken cancellationToken = default);

    /// <summary>Starts a workload (the DUT must be up).</summary>
    Task StartWorkloadAsync(DutWorkload workload, CancellationToken cancellationToken = default);

    /// <summary>Stops the workload.</summary>
    Task StopWorkloadAsync(CancellationToken cancellationToken = default);

    /// <summary>Reads the error and event counters.</summary>
    [IdempotentQuery]
    Task<DutEventCounters> ReadCountersAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads the counters and what the DUT is doing in one exchange: a beam run's watch asks both at every look
    /// (a functional interrupt shows as a new count or as a hung DUT), and they were a third of the main job's
    /// exchanges with the agent as two messages (docs/architecture.md).
    /// </summary>
    [IdempotentQuery]
    Task<(DutEventCounters Counters, DutStatus Status)> ReadCountersAndStatusAsync(CancellationToken cancellationToken = default);

    /// <summary>Clears the counters.</summary>
    Task ClearCountersAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Soft-resets the DUT. Returns whether that recovered it: a DUT a soft reset cannot bring back (the agent
    /// answers error 202: hung hard, or latched) or that has no power (error 201: a rail was switched off, by an
    /// interlock's power cycle, say) needs its rails cycled. That is the DUT's state to act on, not an
    /// instrument fault.
    /// </summary>
    Task<bool> ResetAsync(CancellationToken cancellationToken = default);

    /// <summary>Runs the built-in functional test.</summary>
    Task<FunctionalTestResult> RunFunctionalTestAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Switches the carrier board's fault load across <paramref name="rail"/>: <paramref name="ohms"/> downstream of the DUT's own
    /// protection, the overload an over-current test applies. One load per rail; applying again replaces it.
    /// </summary>
    Task ApplyRailOverloadAsync(string rail, double ohms, CancellationToken cancellationToken = default);

    /// <summary>Takes every fault load off the DUT's rails (also done by the agent's safe state).</summary>
    Task ClearRailOverloadsAsync(CancellationToken cancellationToken = default);

    /// <summary>Reads the threshold voltage of the on-chip monitor transistor.</summary>
    [IdempotentQuery]
    Task<double> MeasureThresholdVoltageAsync(CancellationToken cancellationToken = default);

    /// <summary>Reads the on-die junction temperature sensor.</summary>
    [IdempotentQuery]
    Task<double> MeasureJunctionTemperatureAsync(CancellationToken cancellationToken = default);

    /// <summary>Restarts the optical terminal's acquisition.</summary>
    Task AcquireLinkAsync(CancellationToken cancellationToken = default);

    /// <summary>The optical terminal's state.</summary>
    [IdempotentQuery]
    Task<OpticalLinkState> GetLinkStateAsync(CancellationToken cancellationToken = default);

    /// <summary>How long the last acquisition took, s; null if it has not acquired yet.</summary>
    [IdempotentQuery]
    Task<double?> GetLastAcquisitionTimeAsync(CancellationToken cancellationToken = default);

    /// <summary>One-way latency of frames over the link (path delay plus processing), s.</summary>
    [IdempotentQuery]
    Task<double> MeasureLinkLatencyAsync(CancellationToken cancellationToken = default);
}
