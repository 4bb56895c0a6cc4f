using SpaceTestBench.Simulation.Instruments;
using SpaceTestBench.Simulation.Physics;

namespace SpaceTestBench.Simulation.Dut;

/// <summary>
/// The DUT's state as time passes: temperature, trapped charge, latch-up, what its agent runs and counts,
/// and its optical terminal's lock. <see cref="SimulatedFacility"/> drives it in steps; within a step the
/// radiation field and rail voltages are constant. Single events are Poisson processes sampled exactly for
/// piecewise-constant rates: each process draws the Exp(1) hazard it must accumulate before its next event.
/// </summary>
internal sealed partial class DutModel
{
    private readonly Dictionary<string, RailConnection> _rails = new(StringComparer.Ordinal);
    private readonly ulong _events;
    private readonly double[] _remainingHazard;
    private readonly long[] _eventNumbers;
    private readonly LatchPath[] _latches;
    private double _inferenceFraction;
    private double? _searchStart;
    private double? _signalSince;
    private double _biasVolts;
    private long _leakageFactorJunctionBits = BitConverter.DoubleToInt64Bits(double.NaN);
    private double _leakageFactor = double.NaN;
    private long _doseLeakageOxideBits = BitConverter.DoubleToInt64Bits(double.NaN);
    private double _doseLeakage = double.NaN;
    private Exposure? _fieldRatesExposure;
    private (double Upsets, double Interrupts, double Corruptions) _fieldRates;
    private double _temperatureSensitiveWatts;

    /// <param name="spec">The part.</param>
    /// <param name="seed">The bench seed.</param>
    /// <param name="sample">Which sample of the part (1 for the first): each draws its own single events.</param>
    public DutModel(SimulatedDut spec, int seed, int sample = 1)
    {
        Spec = spec;
        Sample = sample;
        // Counter-based (docs/simulators.md): process i's n-th hazard is a function of (seed, sample, i, n) alone, so
        // a world restored with its hazards and event numbers draws the events the uninterrupted world would have.
        _events = RandomStreams.Key(seed, sample == 1 ? "dut:single-events" : $"dut:single-events:sample-{sample}");
        _latches = [.. (spec.SingleEvents?.Latchups ?? []).Select(l => new LatchPath(l))];
        _remainingHazard = new double[(int)Process.Latchup + _latches.Length];
        _eventNumbers = new long[_remainingHazard.Length];
        for (var i = 0; i < _remainingHazard.Length; i++)
        {
            _remainingHazard[i] = RandomStreams.Exponential(_events, i, 0);
        }

        foreach (var (name, load) in spec.SupplyLoads)
        {
            _rails[name] = new RailConnection(new DutRailLoad(this, name, load));
        }

        CaseKelvin = Environment.ThermalChamberSpec.AmbientKelvin;
    }

    public SimulatedDut Spec { get; }

    /// <summary>Which sample of the part this is (1 for the first).</summary>
    public int Sample { get; }

    public TotalDoseSpec? TotalDose => Spec.TotalDose;

    public SingleEventSpec? SingleEvents => Spec.SingleEvents;

    // ---- thermal ----------------------------------------------------------------------------------------

    public double CaseKelvin { get; private set; }

    /// <summary>Electrical power dissipated at the last evaluation, W.</summary>
    public double PowerWatts { get; private set; }

    public double JunctionKelvin => CaseKelvin + ((Spec.Thermal?.JunctionToCaseKelvinPerWatt ?? 0) * PowerWatts);

    /// <summary>
    /// The junction temperature at which a thermal runaway destroyed the die (<see cref="DutModel.AdvanceThermal"/>), or
    /// null. The destroyed die conducts as it did then: its leakage keeps the temperature factor of that moment.
    /// </summary>
    public double? BurntOutJunctionKelvin { get; private set; }

    public double LeakageTemperatureFactor
    {
        get
        {
            if (Spec.Thermal is not { } thermal)
            {
                return 1;
            }

            // Math.Pow is the costliest term of a rail's current and is asked for at one temperature many times (each
            // rail, each solve of a settle): the last factor is kept with the junction temperature it is for, bit for bit.
            var junction = BurntOutJunctionKelvin ?? JunctionKelvin;
            var bits = BitConverter.DoubleToInt64Bits(junction);
            if (bits != _leakageFactorJunctionBits)
            {
                _leakageFactor = Math.Pow(2, (junction - thermal.LeakageReferenceKelvin) / thermal.LeakageDoublingKelvin);
                _leakageFactorJunctionBits = bits;
            }

            return _leakageFactor;
        }
    }

    // ---- total dose -------------------------------------------------------------------------------------

    /// <summary>Total dose absorbed, rad(Si).</summary>
    public double DoseRad { get; private set; }

    /// <summary>Oxide-trapped charge, rad(Si)-equivalent.</summary>
    public double OxideTrappedRad { get; private set; }

    /// <summary>Interface traps, rad(Si)-equivalent.</summary>
    public double InterfaceTrapRad { get; private set; }

    public double DoseLeakageAmperes
    {
        get
        {
            if (TotalDose is not { } tid)
            {
                return 0;
            }

            // Asked for each time the leakage rail is held (many times an instant) while the trapped charge stands still
            // between steps: the last answer is kept with the charge it is for, bit for bit, as the temperature factor is.
            var bits = BitConverter.DoubleToInt64Bits(OxideTrappedRad);
            if (bits != _doseLeakageOxideBits)
            {
                _doseLeakage = tid.LeakageCurrentScaleAmperes * (Math.Exp(OxideTrappedRad / tid.LeakageDoseScaleRad) - 1);
                _doseLeakageOxideBits = bits;
            }

            return _doseLeakage;
        }
    }

    public double ThresholdVoltage => TotalDose is { } tid
        ? tid.ThresholdVoltage + (tid.InterfaceShiftVoltsPerRad * InterfaceTrapRad) - (tid.OxideShiftVoltsPerRad * OxideTrappedRad)
        : double.NaN;

    // ---- latch-up ---------------------------------------------------------------------------------------

    /// <summary>Whether a latch-up is in progress on any rail.</summary>
    public bool Latched => _latches.Any(l => l.Latched);

    /// <summary>The rails latched now.</summary>
    public IReadOnlyList<string> LatchedRails => [.. _latches.Where(l => l.Latched).Select(l => l.Spec.Rail)];

    /// <summary>Whether the part is destroyed: a latch held past its burnout time, or a thermal runaway (<see cref="BurntOutJunctionKelvin"/>).</summary>
    public bool BurntOut { get; private set; }

    /// <summary>The rail whose latch held past its burnout time: the resistive short it left is on that rail.</summary>
    public string? BurntOutRail { get; private set; }

    /// <summary>Latch-ups that occurred on every rail (the simulation's truth; the DUT cannot count its own).</summary>
    public long LatchupCount { get; private set; }

    /// <summary>Latch-ups that occurred, by rail (since this model was mounted).</summary>
    public IReadOnlyDictionary<string, long> LatchupsByRail =>
        _latches.GroupBy(l => l.Spec.Rail, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(l => l.Count), StringComparer.Ordinal);

    /// <summary>
    /// <paramref name="rail"/>'s load with the DUT's state as it is now (<see cref="HeldRailLoad"/>): its temperature,
    /// dose leakage on the leakage rail, the latch-up paths latched on it and the short a burnt-out one left there, a fault
    /// load or surge damage across it, and its protection. When <paramref name="previous"/> (a form held before) holds
    /// every one of these terms as they are now, bit for bit, it is returned instead of a new one: the world asks for a
    /// rail's held form many times at one instant (each solve of each settle), mostly in an unchanged state.
    /// </summary>
    public HeldRailLoad HoldRail(string rail, CmosSupplyLoad load, HeldRailLoad? previous = null, RailLeakage? leakage = null)
    {
        var latched = Array.Empty<LatchupSpec>();
        foreach (var latch in _latches)
        {
            if (latch.Latched && latch.Spec.Rail == rail)
            {
                latched = [.. latched, latch.Spec];
            }
        }

        // A state restored from before the burnt rail was recorded has the short on the first path's rail. A die a thermal
        // runaway destroyed has no latch short: it keeps the leakage it had (LeakageTemperatureFactor).
        LatchupSpec? burntOut = null;
        if (BurntOut && BurntOutJunctionKelvin is null && _latches.FirstOrDefault(l => l.Spec.Rail == (BurntOutRail ?? _latches[0].Spec.Rail)) is { } burnt && burnt.Spec.Rail == rail)
        {
            burntOut = burnt.Spec;
        }

        Spec.Protections.TryGetValue(rail, out var protection);
        _protection.TryGetValue(rail, out var state);
        var temperatureFactor = LeakageTemperatureFactor;
        double? doseLeakage = TotalDose is { } tid && tid.LeakageRail == rail ? DoseLeakageAmperes : null;
        double? damagedOhms = protection is not null && DamagedRails.Contains(rail) ? protection.DamagedOhms : null;
        var switchedOff = state?.OffSince is not null;
        if (previous is not null && previous.Holds(load, temperatureFactor, doseLeakage, latched, burntOut, state?.FaultOhms, damagedOhms, switchedOff, protection?.LimitAmperes))
        {
            return previous;
        }

        return new HeldRailLoad(load, temperatureFactor, doseLeakage, latched, burntOut, state?.FaultOhms, damagedOhms, switchedOff, protection?.LimitAmperes, leakage ?? previous?.Leakage);
    }

    // ---- agent ------------------------------------------------------------------------------------------

    public bool Powered { get; private set; }

    public double BootUntil { get; private set; }

    public WorkloadKind Workload { get; private set; }

    public bool Hung { get; private set; }

    public bool HungRecoverable { get; private set; }

    public bool Failed => BurntOut || DamagedRails.Length > 0 || (TotalDose is { } tid && DoseRad >= tid.FunctionalFailureDoseRad);

    public DutCounters Counters { get; private set; }

    public LinkState LinkState { get; private set; }

    public double? LastAcquisitionSeconds { get; private set; }

    public DutState StateAt(double t) =>
        !Powered ? DutState.Off
        : Failed ? DutState.Failed
        : Hung ? DutState.Hung
        : t < BootUntil ? DutState.Booting
        : Workload != WorkloadKind.None ? DutState.Running
        : DutState.Idle;

    /// <summary>Wires a supply output to a rail: the output's load becomes this rail.</summary>
    public void Connect(string rail, SimulatedSupplyChannel source)
    {
        if (!_rails.TryGetValue(rail, out var connection))
        {
            throw new ArgumentException($"The DUT has no rail '{rail}'; rails: {string.Join(", ", _rails.Keys)}.", nameof(rail));
        }

        if (connection.Source is not null && !ReferenceEquals(connection.Source, source))
        {
            throw new ArgumentException($"The DUT rail '{rail}' is already powered by another supply output; a rail has one source.", nameof(rail));
        }

        connection.Source = source;
        source.Load = connection.Load;
    }

    /// <summary>Unwires every rail from its supply output (the sample leaves the test station; the outputs keep their last load's wiring until another sample is connected).</summary>
    public void Disconnect()
    {
        foreach (var connection in _rails.Values)
        {
            connection.Source = null;
        }

        Powered = false;
        Workload = WorkloadKind.None;
        Hung = false;
        LinkState = LinkState.Idle;
        _protection.Clear();
    }

    /// <summary>The supply outputs wired to the DUT's rails, by rail.</summary>
    public IEnumerable<(string Rail, SimulatedSupplyChannel Source)> Sources =>
        _rails.Where(r => r.Value.Source is not null).Select(r => (r.Key, r.Value.Source!));

    /// <summary>The voltage on a rail now (a rail no bench supply is wired to is held at nominal by the fixture).</summary>
    public double RailVolts(string rail, DateTimeOffset now)
    {
        var connection = _rails[rail];
        return connection.Source is { } source ? source.OperatingPoint(now).Volts : connection.Load.Load.NominalVolts;
    }

    /// <summary>One latch-up path's state: latched since when, and how many times it latched.</summary>
    private sealed class LatchPath(LatchupSpec spec)
    {
        public LatchupSpec Spec { get; } = spec;

        public bool Latched { get; set; }

        public double Start { get; set; }

        public long Count { get; set; }
    }

    private sealed class RailConnection(DutRailLoad load)
    {
        public DutRailLoad Load { get; } = load;

        public SimulatedSupplyChannel? Source { get; set; }
    }
}
