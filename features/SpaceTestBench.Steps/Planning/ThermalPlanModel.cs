using SpaceTestBench.Results.Analysis;
using SpaceTestBench.Results.Quantities;
using SpaceTestBench.Simulation.Dut;

namespace SpaceTestBench.Steps.Planning;

/// <summary>
/// The planner's picture of the chamber and the DUT in it: the chamber's target moves to the setpoint at the
/// ramp rate, the air follows the target first-order within <see cref="AirTimeConstant"/>, and the DUT follows
/// the air first-order with the DUT profile's case time constant (its vacuum one once the chamber is pumped
/// down). The procedures' own polls and settling rules are applied to that picture — the same tolerance,
/// steadiness and dwell analysis <see cref="Procedures.ChamberControl"/> and
/// <see cref="Procedures.ThermalCycling"/> use — so the plan waits as long as they will.
/// </summary>
public sealed class ThermalPlanModel
{
    /// <summary>How closely a chamber's air follows its ramp: a planning assumption (a bench file does not state it).</summary>
    public static readonly TimeSpan AirTimeConstant = TimeSpan.FromMinutes(2);

    /// <summary>The DUT time constant assumed when the DUT profile states none.</summary>
    public static readonly TimeSpan AssumedDutTimeConstant = TimeSpan.FromMinutes(5);

    /// <summary>Ambient (and where a chamber starts), K.</summary>
    public const double AmbientKelvin = 298.15;

    /// <summary>A chamber ramping "as fast as it can": a planning assumption, K/s.</summary>
    public const double FastestKelvinPerSecond = 10.0 / 60;

    private const double Step = 5;
    private readonly DutThermalSpec? _spec;
    private readonly IReadOnlyCollection<CmosSupplyLoad> _rails;
    private double _target = AmbientKelvin;
    private double _setpoint = AmbientKelvin;

    /// <summary>A chamber at ambient with a DUT described by <paramref name="spec"/> (null: not stated).</summary>
    public ThermalPlanModel(DutThermalSpec? spec)
        : this(spec, [])
    {
    }

    /// <summary>
    /// A chamber at ambient with a DUT described by <paramref name="spec"/>, drawing <paramref name="rails"/> at their nominal
    /// voltages when it operates (its self-heating: see <see cref="DutOn"/>).
    /// </summary>
    public ThermalPlanModel(DutThermalSpec? spec, IReadOnlyCollection<CmosSupplyLoad> rails)
    {
        _spec = spec;
        _rails = rails;
    }

    /// <summary>
    /// Whether the DUT is planned to be powered: it then dissipates and its case settles θ_ca·P above the air, P the
    /// rails' draw at nominal voltage with the leakage of its junction temperature (as the simulated DUT does).
    /// </summary>
    public bool DutOn { get; set; }

    /// <summary>The planned air temperature, K.</summary>
    public double Air { get; private set; } = AmbientKelvin;

    /// <summary>The planned DUT temperature, K.</summary>
    public double Dut { get; private set; } = AmbientKelvin;

    /// <summary>Whether the chamber is planned to be under vacuum.</summary>
    public bool Vacuum { get; set; }

    /// <summary>Whether the DUT's time constant is the profile's (false: <see cref="AssumedDutTimeConstant"/>).</summary>
    public bool Stated => _spec is not null;

    private double DutTau => _spec is null ? AssumedDutTimeConstant.TotalSeconds : Vacuum ? _spec.VacuumTimeConstantSeconds : _spec.CaseTimeConstantSeconds;

    /// <summary>
    /// <see cref="Procedures.ChamberControl.HoldDutAtAsync"/>: a poll every 2 min until the air is within 1 K of the
    /// setpoint and the DUT moved less than 0.3 K since the last poll. Returns the seconds it takes.
    /// </summary>
    public double HoldDutAt(double kelvin, double? rampKelvinPerSecond)
    {
        const double poll = 120;
        Program(kelvin);
        var elapsed = 0.0;
        var previous = double.NaN;
        while (elapsed < 12 * 3600)
        {
            var steady = Math.Abs(Dut - previous) < 0.3;
            previous = Dut;
            if (Math.Abs(Air - kelvin) < 1 && steady)
            {
                return elapsed;
            }

            Advance(poll, rampKelvinPerSecond);
            elapsed += poll;
        }

        return elapsed;
    }

    /// <summary>The chamber back to ambient before a sample is exchanged: polled every 5 min until the air is within 5 K.</summary>
    public double ReturnToAmbient()
    {
        const double poll = 300;
        Program(AmbientKelvin);
        var elapsed = 0.0;
        while (Math.Abs(Air - AmbientKelvin) >= 5 && elapsed < 12 * 3600)
        {
            Advance(poll, Procedures.ChamberControl.DefaultRampKelvinPerSecond);
            elapsed += poll;
        }

        return elapsed;
    }

    /// <summary>
    /// One extreme of <see cref="Procedures.ThermalCycling"/>: samples every 2 min until the DUT is within the
    /// tolerance and the dwell analysis finds it stable (its rate under a quarter of the maximum over the
    /// window), then the dwell. Returns the seconds both take.
    /// </summary>
    public double CycleExtreme(double kelvin, double? rampKelvinPerSecond, (double Tolerance, double MaximumRate, TimeSpan Window) settle, TimeSpan dwell)
    {
        const double sample = 120;
        Program(kelvin);
        var seconds = new List<double>();
        var dut = new List<double>();
        var elapsed = 0.0;
        var reached = false;
        var shroud = kelvin;
        var shroudMoved = 0.0;
        while (elapsed < 12 * 3600)
        {
            seconds.Add(elapsed);
            dut.Add(Dut);
            if (DutOn && Math.Abs(Air - shroud) < 1 && SteadyOffset(kelvin, seconds, dut, shroudMoved, settle) is { } steady)
            {
                // The procedure moves the shroud by the operating unit's rise, so that the unit reaches the extreme.
                shroud += kelvin - steady;
                shroudMoved = elapsed;
                Program(shroud);
            }

            reached |= Math.Abs(Dut - kelvin) <= settle.Tolerance;
            if (reached && Settled(kelvin, seconds, dut, settle))
            {
                break;
            }

            Advance(sample, rampKelvinPerSecond);
            elapsed += sample;
        }

        Advance(dwell.TotalSeconds + 1, rampKelvinPerSecond);
        return elapsed + dwell.TotalSeconds + 1;
    }

    /// <summary>
    /// <see cref="Procedures.ThermalCycling.SteadyOutside"/> over a whole rate window since the shroud last moved, as the procedure tests it.
    /// </summary>
    private static double? SteadyOffset(double kelvin, List<double> seconds, List<double> dut, double since, (double Tolerance, double MaximumRate, TimeSpan Window) settle)
    {
        var now = seconds[^1];
        var window = settle.Window.TotalSeconds;
        if (now - since < window)
        {
            return null;
        }

        var points = Enumerable.Range(0, seconds.Count).Where(i => seconds[i] >= now - window).ToList();
        return Procedures.ThermalCycling.SteadyOutside(kelvin, points.ConvertAll(i => seconds[i]), points.ConvertAll(i => dut[i]), settle.Tolerance, settle.MaximumRate);
    }

    /// <summary>θ_ca·P of the powered DUT at its present case temperature (0 when off or when the profile states no thermal figures).</summary>
    private double SelfHeating()
    {
        if (!DutOn || _spec is not { } spec || _rails.Count == 0)
        {
            return 0;
        }

        var watts = 0.0;
        for (var pass = 0; pass < 2; pass++)
        {
            var junction = Dut + (spec.JunctionToCaseKelvinPerWatt * watts);
            var leakageFactor = Math.Pow(2, (junction - spec.LeakageReferenceKelvin) / spec.LeakageDoublingKelvin);
            watts = _rails.Sum(r => r.NominalVolts * (r.DynamicAt(r.NominalVolts) + (r.LeakageAt(r.NominalVolts) * leakageFactor)));
        }

        return spec.CaseToAmbientKelvinPerWatt * watts;
    }

    /// <summary>Time passes with the chamber held where it is.</summary>
    public void Hold(double seconds, double? rampKelvinPerSecond) => Advance(seconds, rampKelvinPerSecond);

    private void Program(double kelvin) => _setpoint = kelvin;

    private void Advance(double seconds, double? rampKelvinPerSecond)
    {
        var rate = rampKelvinPerSecond ?? FastestKelvinPerSecond;
        var airTau = AirTimeConstant.TotalSeconds;
        var dutTau = DutTau;
        for (var t = 0.0; t < seconds; t += Step)
        {
            var h = Math.Min(Step, seconds - t);
            var gap = _setpoint - _target;
            _target += Math.Sign(gap) * Math.Min(Math.Abs(gap), rate * h);
            Air += (_target - Air) * (1 - Math.Exp(-h / airTau));
            Dut += (Air + SelfHeating() - Dut) * (1 - Math.Exp(-h / dutTau));
        }
    }

    private static bool Settled(double kelvin, List<double> seconds, List<double> dut, (double Tolerance, double MaximumRate, TimeSpan Window) settle)
    {
        if (dut.Count < 3)
        {
            return false;
        }

        var origin = DateTimeOffset.UnixEpoch;
        var criteria = new ThermalCriteria(
            new Quantity(settle.Tolerance, Units.Kelvin), new Quantity(settle.MaximumRate * 3600 * 0.25, Units.Parse("K/h")), settle.Window, TimeSpan.Zero);
        var plateau = ThermalDwellAnalysis.Analyse(
            new TimeTrace(origin, seconds.ToArray(), Enumerable.Repeat(kelvin, seconds.Count).ToArray(), Units.Kelvin),
            new TimeTrace(origin, seconds.ToArray(), dut.ToArray(), Units.Kelvin),
            criteria).Plateaus[0];
        return plateau.StabilisedAt is not null;
    }
}
