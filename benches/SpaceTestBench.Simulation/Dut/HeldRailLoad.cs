namespace SpaceTestBench.Simulation.Dut;

/// <summary>
/// One DUT rail's load with the DUT's state held as it is at one instant: the terms of <see cref="DutRailLoad"/> that
/// come from the DUT (the leakage's temperature factor, total-dose leakage, latched paths and a burnt-out one's short,
/// a fault load or damaged path, the protection's limit or open input) are taken once, so a solve that evaluates the
/// rail at many voltages (the supply's constant-current bisection, its inrush integration) does not derive them again
/// at every voltage. It is the only expression of the rail's current: <see cref="DutRailLoad"/> evaluates through it,
/// so a held and a live evaluation of the same state agree to the bit. Hold one only while the DUT's state stands still
/// (within one solve); it does not follow the DUT. Two held loads are equal when every term is the same, bit for bit
/// (the same part, the same latched paths): they draw the same current at every voltage, which is what lets the supply
/// reuse a solve made with one for the other.
/// </summary>
internal sealed class HeldRailLoad : IElectricalLoad, IEquatable<HeldRailLoad>
{
    private readonly CmosSupplyLoad _load;
    private readonly RailLeakage _leakage;
    private readonly double _temperatureFactor;
    private readonly double? _doseLeakageAmperes;
    private readonly LatchupSpec[] _latched;
    private readonly LatchupSpec? _burntOut;
    private readonly double? _faultOhms;
    private readonly double? _damagedOhms;
    private readonly bool _switchedOff;
    private readonly double? _limitAmperes;
    private long _demandVoltsBits = BitConverter.DoubleToInt64Bits(double.NaN);
    private double _demand;

    /// <param name="load">The rail's CMOS load.</param>
    /// <param name="temperatureFactor">The DUT's leakage temperature factor now.</param>
    /// <param name="doseLeakageAmperes">Total-dose leakage at nominal voltage when this is the leakage rail, else null.</param>
    /// <param name="latched">The latch-up paths on this rail that are latched now, in the DUT's order.</param>
    /// <param name="burntOut">The path whose burnout left a short on this rail, if any.</param>
    /// <param name="faultOhms">A fault load across the rail, if any.</param>
    /// <param name="damagedOhms">The resistance a surge-damaged path leaves across the rail, if it is damaged.</param>
    /// <param name="switchedOff">Whether the rail's protection has opened its input.</param>
    /// <param name="limitAmperes">The protection's current limit, if it has one.</param>
    /// <param name="leakage">The rail's leakage by voltage, shared by its held forms (a new one for <paramref name="load"/> if null or another load's).</param>
    public HeldRailLoad(
        CmosSupplyLoad load,
        double temperatureFactor,
        double? doseLeakageAmperes,
        LatchupSpec[] latched,
        LatchupSpec? burntOut,
        double? faultOhms,
        double? damagedOhms,
        bool switchedOff,
        double? limitAmperes,
        RailLeakage? leakage = null)
    {
        _load = load;
        _leakage = leakage is not null && leakage.Load.Equals(load) ? leakage : new RailLeakage(load);
        _temperatureFactor = temperatureFactor;
        _doseLeakageAmperes = doseLeakageAmperes;
        _latched = latched;
        _burntOut = burntOut;
        _faultOhms = faultOhms;
        _damagedOhms = damagedOhms;
        _switchedOff = switchedOff;
        _limitAmperes = limitAmperes;
    }

    /// <inheritdoc />
    public double CapacitanceFarads => _load.InputCapacitanceFarads;

    /// <summary>The rail's leakage by voltage this held form evaluates through.</summary>
    public RailLeakage Leakage => _leakage;

    /// <inheritdoc />
    public double CurrentAt(double volts, DateTimeOffset now)
    {
        if (volts <= 0 || _switchedOff)
        {
            return 0;
        }

        var demand = Demand(volts);
        return _limitAmperes is { } limit ? Math.Min(demand, limit) : demand;
    }

    /// <summary>
    /// What the rail would draw at <paramref name="volts"/> with nothing limiting it, A. The last answer is kept with the
    /// voltage it is for, bit for bit: one settle asks a held rail at the rail's voltage several times (the supply's
    /// solve, the protection, the power, whether the rail delivers), and the terms it is made of never change.
    /// </summary>
    public double Demand(double volts)
    {
        if (volts <= 0)
        {
            return 0;
        }

        var bits = BitConverter.DoubleToInt64Bits(volts);
        if (bits != _demandVoltsBits)
        {
            _demand = DemandOf(volts);
            _demandVoltsBits = bits;
        }

        return _demand;
    }

    private double DemandOf(double volts)
    {
        var current = _load.DynamicAt(volts) + (_leakage.At(volts) * _temperatureFactor);
        if (_doseLeakageAmperes is { } dose)
        {
            current += dose * Math.Min(1, volts / _load.NominalVolts);
        }

        current += LatchCurrent(volts) + FaultCurrent(volts);
        return current;
    }

    private double LatchCurrent(double volts)
    {
        var current = 0.0;
        foreach (var latch in _latched)
        {
            if (volts > latch.HoldingVolts)
            {
                current += (volts - latch.HoldingVolts) / latch.LatchResistanceOhms;
            }
        }

        if (_burntOut is { } burnt && volts > burnt.HoldingVolts)
        {
            current += (volts - burnt.HoldingVolts) / (10 * burnt.LatchResistanceOhms);
        }

        return current;
    }

    private double FaultCurrent(double volts)
    {
        var current = 0.0;
        if (_faultOhms is { } ohms)
        {
            current += volts / ohms;
        }

        if (_damagedOhms is { } damaged)
        {
            current += volts / damaged;
        }

        return current;
    }

    /// <inheritdoc />
    public bool Equals(HeldRailLoad? other) =>
        other is not null
        && (ReferenceEquals(this, other)
            || other.Holds(_load, _temperatureFactor, _doseLeakageAmperes, _latched, _burntOut, _faultOhms, _damagedOhms, _switchedOff, _limitAmperes));

    /// <summary>Whether this holds exactly these terms (the constructor's), bit for bit: then it draws what a load held with them would.</summary>
    public bool Holds(
        CmosSupplyLoad load,
        double temperatureFactor,
        double? doseLeakageAmperes,
        LatchupSpec[] latched,
        LatchupSpec? burntOut,
        double? faultOhms,
        double? damagedOhms,
        bool switchedOff,
        double? limitAmperes) =>
        _load.Equals(load)
        && Same(_temperatureFactor, temperatureFactor)
        && Same(_doseLeakageAmperes, doseLeakageAmperes)
        && _latched.AsSpan().SequenceEqual(latched, ReferenceEqualityComparer.Instance)
        && ReferenceEquals(_burntOut, burntOut)
        && Same(_faultOhms, faultOhms)
        && Same(_damagedOhms, damagedOhms)
        && _switchedOff == switchedOff
        && Same(_limitAmperes, limitAmperes);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as HeldRailLoad);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(_load, BitConverter.DoubleToInt64Bits(_temperatureFactor), _latched.Length, _switchedOff);

    // Bit for bit: 0.0 and −0.0, or two NaNs, are not taken for one another.
    private static bool Same(double a, double b) => BitConverter.DoubleToInt64Bits(a) == BitConverter.DoubleToInt64Bits(b);

    private static bool Same(double? a, double? b) => a is { } x ? b is { } y && Same(x, y) : b is null;
}
