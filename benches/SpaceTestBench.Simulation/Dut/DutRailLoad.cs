namespace SpaceTestBench.Simulation.Dut;

/// <summary>
/// What one DUT rail draws at a given voltage, from the DUT's present state: the CMOS load with its leakage
/// scaled by temperature, plus total-dose leakage on the leakage rail, plus a latched thyristor path
/// (V − V_hold)/R_latch on each rail that has one and is latched, plus the resistive short a burnt-out latch leaves. Every term
/// grows with voltage, so the supply's constant-current solve stays well posed.
/// </summary>
internal sealed class DutRailLoad(DutModel dut, string rail, CmosSupplyLoad load) : IElectricalLoad
{
    public string Rail { get; } = rail;

    public CmosSupplyLoad Load { get; } = load;

    public double CapacitanceFarads => Load.InputCapacitanceFarads;

    public double CurrentAt(double volts, DateTimeOffset now)
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

        current += dut.LatchCurrent(Rail, volts);
        return current;
    }
}
