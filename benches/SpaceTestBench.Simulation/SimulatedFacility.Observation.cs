using SpaceTestBench.Simulation.Dut;

namespace SpaceTestBench.Simulation;

/// <summary>Ground truth and DUT-level fault injection.</summary>
public sealed partial class SimulatedFacility
{
    /// <summary>Evaluates the world to now and returns its ground truth.</summary>
    public FacilityObservation Observe() => Run(() => new FacilityObservation(
        _elapsed, Dut.StateAt(_elapsed), Dut.DoseRad, Dut.OxideTrappedRad, Dut.InterfaceTrapRad, Dut.DoseLeakageAmperes,
        Dut.ThresholdVoltage, Dut.CaseKelvin, Dut.JunctionKelvin, Dut.PowerWatts, Dut.Latched, Dut.LatchupCount, Dut.BurntOut,
        Dut.Counters, Dut.LinkState, MeanReceivedWatts, _dutGamma?.RateAtDut ?? 0));

    /// <summary>Latches the DUT up now, if its profile has a latch-up rail (fault injection).</summary>
    public void InjectLatchup() => Run(() => Dut.ForceLatchup(_elapsed));

    /// <summary>Hangs the DUT now as a SEFI would (fault injection).</summary>
    public void InjectFunctionalInterrupt(bool recoverableBySoftReset) => Run(() => Dut.ForceFunctionalInterrupt(recoverableBySoftReset));
}
