namespace SpaceTestBench.Simulation.Dut;

/// <summary>
/// What one DUT rail draws at a given voltage, from the DUT's present state: the CMOS load with its leakage
/// scaled by temperature, plus total-dose leakage on the leakage rail, plus a latched thyristor path
/// (V − V_hold)/R_latch on each rail that has one and is latched, plus the resistive short a burnt-out latch leaves, plus a fault load across the rail or the path a surge damaged, all behind the DUT's own protection, which limits the sum or switches the rail off. Every term
/// grows with voltage, so the supply's constant-current solve stays well posed.
/// </summary>
internal sealed class DutRailLoad(DutModel dut, string rail, CmosSupplyLoad load) : IElectricalLoad
{
    public string Rail { get; } = rail;

    public CmosSupplyLoad Load { get; } = load;

    public double CapacitanceFarads => Load.InputCapacitanceFarads;

    public double CurrentAt(double volts, DateTimeOffset now) =>
        volts <= 0 || dut.RailSwitchedOff(Rail) ? 0 : dut.Limited(Rail, Demand(volts));

    /// <summary>
    /// What the rail would draw at <paramref name="volts"/> with nothing limiting it: the die, total-dose leakage,
    /// latched paths, and a fault load or damaged path across it (behind the DUT's own protection, which limits it).
    /// </summary>
    public double Demand(double volts)
    {
        if (volts <= 0)
        {
            return 0;
        }

        var current = Load.DynamicAt(volts) + (Load.LeakageAt(volts) * dut.LeakageTemperatureFactor);
        if (dut.TotalDose is { } tid && tid.LeakageRail == Rail)
        {
            current += dut.DoseLeakageAmperes * Math.Min(1, volts / Load.NominalVolts);
        }

        current += dut.LatchCurrent(Rail, volts) + dut.FaultCurrent(Rail, volts);
        return current;
    }
}
