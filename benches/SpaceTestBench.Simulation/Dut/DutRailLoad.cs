namespace SpaceTestBench.Simulation.Dut;

/// <summary>
/// What one DUT rail draws at a given voltage, from the DUT's present state: the CMOS load with its leakage
/// scaled by temperature, plus total-dose leakage on the leakage rail, plus a latched thyristor path
/// (V − V_hold)/R_latch on each rail that has one and is latched, plus the resistive short a burnt-out latch leaves, plus a fault load across the rail or the path a surge damaged, all behind the DUT's own protection, which limits the sum or switches the rail off. Every term
/// grows with voltage, so the supply's constant-current solve stays well posed. The expression itself is
/// <see cref="HeldRailLoad"/>'s, taken from the DUT's state at each call.
/// </summary>
internal sealed class DutRailLoad(DutModel dut, string rail, CmosSupplyLoad load) : IElectricalLoad
{
    private readonly RailLeakage _leakage = new(load);

    // The form held last, handed out again while the DUT's state holds every term of it (DutModel.HoldRail).
    private HeldRailLoad? _held;

    public string Rail { get; } = rail;

    public CmosSupplyLoad Load { get; } = load;

    public double CapacitanceFarads => Load.InputCapacitanceFarads;

    public double CurrentAt(double volts, DateTimeOffset now) => volts <= 0 ? 0 : HeldAt(now).CurrentAt(volts, now);

    /// <summary>
    /// What the rail would draw at <paramref name="volts"/> with nothing limiting it: the die, total-dose leakage,
    /// latched paths, and a fault load or damaged path across it (behind the DUT's own protection, which limits it).
    /// </summary>
    public double Demand(double volts) => volts <= 0 ? 0 : Held().Demand(volts);

    /// <inheritdoc />
    public IElectricalLoad HeldAt(DateTimeOffset now) => Held();

    /// <summary>The CMOS load's static leakage at <paramref name="volts"/> at its reference temperature, A (<see cref="CmosSupplyLoad.LeakageAt"/>).</summary>
    public double LeakageAt(double volts) => _leakage.At(volts);

    private HeldRailLoad Held() => _held = dut.HoldRail(Rail, Load, _held, _leakage);
}
