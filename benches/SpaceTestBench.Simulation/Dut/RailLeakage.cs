namespace SpaceTestBench.Simulation.Dut;

/// <summary>
/// One rail's CMOS leakage at its reference temperature (<see cref="CmosSupplyLoad.LeakageAt"/>), with the last answer
/// kept with the voltage it is for, bit for bit. A rail sits at one voltage for long stretches while the DUT's state
/// around it (its temperature, its dose) moves at every step, so every held form of the rail (<see cref="HeldRailLoad"/>)
/// shares its rail's one: the exponential is taken when the voltage changes, not at every evaluation. The load is an
/// immutable record, so the kept answer is what <see cref="CmosSupplyLoad.LeakageAt"/> returns for that voltage.
/// </summary>
internal sealed class RailLeakage(CmosSupplyLoad load)
{
    private long _voltsBits = BitConverter.DoubleToInt64Bits(double.NaN);
    private double _amperes;

    /// <summary>The load whose leakage this is.</summary>
    public CmosSupplyLoad Load { get; } = load;

    /// <summary>The load's leakage at <paramref name="volts"/>, A (at the leakage reference temperature).</summary>
    public double At(double volts)
    {
        var bits = BitConverter.DoubleToInt64Bits(volts);
        if (bits != _voltsBits)
        {
            _amperes = Load.LeakageAt(volts);
            _voltsBits = bits;
        }

        return _amperes;
    }
}
