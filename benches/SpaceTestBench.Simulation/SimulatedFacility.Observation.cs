using SpaceTestBench.Simulation.Dut;

namespace SpaceTestBench.Simulation;

/// <summary>Ground truth and DUT-level fault injection.</summary>
public sealed partial class SimulatedFacility
{
    /// <summary>Evaluates the world to now and returns its ground truth.</summary>
    public FacilityObservation Observe() => Run(() => new FacilityObservation(
        _elapsed, Dut.StateAt(_elapsed), Dut.DoseRad, Dut.OxideTrappedRad, Dut.InterfaceTrapRad, Dut.DoseLeakageAmperes,
        Dut.ThresholdVoltage, Dut.CaseKelvin, Dut.JunctionKelvin, Dut.PowerWatts, Dut.Latched, Dut.LatchupCount, Dut.BurntOut,
        Dut.Counters, Dut.LinkState, MeanReceivedWatts, _dutGamma?.RateAtDut ?? 0)
    {
        LatchupsByRail = Dut.LatchupsByRail,
        LatchedRails = Dut.LatchedRails,
    });

    /// <summary>
    /// Mounts a fresh sample of the same part in place of the DUT, wired to the same supply outputs and in
    /// the same chamber, beam and optical path: unirradiated, unlatched, at laboratory temperature, its
    /// counters cleared. Its serial number is the profile's with the sample number appended
    /// ("RH1-0042.2"), and it draws its own single events. A campaign of destructive procedures (a total
    /// dose run, then single-event runs) uses a sample each, as a facility does.
    /// </summary>
    /// <param name="serialNumber">The serial the campaign names for it; null: the profile's with the sample number.</param>
    /// <param name="keepLot">
    /// True while a sample plan is being mounted: the sample on the station stays in the lot at the position
    /// <see cref="PlaceInLot"/> gave it. False (a scenario's own fresh sample): the lot leaves the cell.
    /// </param>
    /// <returns>The new sample's serial number.</returns>
    /// <exception cref="InvalidOperationException">A supply output wired to the DUT is on: a powered part is not exchanged.</exception>
    public string MountFreshSample(string? serialNumber = null, bool keepLot = false) => Run(() =>
    {
        RefuseLiveSwitch();
        Sample++;
        var spec = DutSpecification with { SerialNumber = serialNumber ?? $"{(_firstSerial.Length > 0 ? _firstSerial : DutSpecification.Id)}.{Sample}" };
        SwitchStation(new DutModel(spec, _seed, Sample), keepLot);
        return spec.SerialNumber;
    });

    /// <summary>Latches the DUT up now, if its profile has a latch-up rail (fault injection).</summary>
    public void InjectLatchup() => Run(() => Dut.ForceLatchup(_elapsed));

    /// <summary>Hangs the DUT now as a SEFI would (fault injection).</summary>
    public void InjectFunctionalInterrupt(bool recoverableBySoftReset) => Run(() => Dut.ForceFunctionalInterrupt(recoverableBySoftReset));
}
