using SpaceTestBench.Simulation.Dut;

namespace SpaceTestBench.Simulation;

/// <summary>
/// The simulation's ground truth at one moment, for tests and for checking what instruments report: what the
/// DUT really absorbed, how hot it really is, what really happened to it.
/// </summary>
/// <param name="ElapsedSeconds">Bench time since the world started, s.</param>
/// <param name="DutState">What the DUT is doing.</param>
/// <param name="DoseRad">Total dose the DUT absorbed, rad(Si).</param>
/// <param name="OxideTrappedRad">Oxide-trapped charge, rad(Si)-equivalent.</param>
/// <param name="InterfaceTrapRad">Interface traps, rad(Si)-equivalent.</param>
/// <param name="DoseLeakageAmperes">Leakage added by total dose on the leakage rail, A.</param>
/// <param name="ThresholdVoltage">Monitor transistor threshold, V (NaN without a dose model).</param>
/// <param name="CaseKelvin">DUT case temperature, K.</param>
/// <param name="JunctionKelvin">DUT junction temperature, K.</param>
/// <param name="PowerWatts">Power the DUT dissipates, W.</param>
/// <param name="Latched">Whether a latch-up is in progress.</param>
/// <param name="LatchupCount">Latch-ups so far.</param>
/// <param name="BurntOut">Whether a latch-up or a thermal runaway destroyed the DUT.</param>
/// <param name="Counters">The agent's counters.</param>
/// <param name="LinkState">The optical terminal's state.</param>
/// <param name="MeanReceivedWatts">Mean optical power at the DUT receiver, W.</param>
/// <param name="GammaRateRadPerSecond">True Co-60 dose rate at the DUT position (source up or not), rad(Si)/s; 0 without a cell.</param>
public sealed record FacilityObservation(
    double ElapsedSeconds,
    DutState DutState,
    double DoseRad,
    double OxideTrappedRad,
    double InterfaceTrapRad,
    double DoseLeakageAmperes,
    double ThresholdVoltage,
    double CaseKelvin,
    double JunctionKelvin,
    double PowerWatts,
    bool Latched,
    long LatchupCount,
    bool BurntOut,
    DutCounters Counters,
    LinkState LinkState,
    double MeanReceivedWatts,
    double GammaRateRadPerSecond)
{
    /// <summary>Latch-ups so far by rail (each latch-up path on its own rail), since the sample was mounted.</summary>
    public IReadOnlyDictionary<string, long> LatchupsByRail { get; init; } = new Dictionary<string, long>();

    /// <summary>The rails latched now.</summary>
    public IReadOnlyList<string> LatchedRails { get; init; } = [];
}
