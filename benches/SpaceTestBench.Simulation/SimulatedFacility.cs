using SpaceTestBench.Simulation.Dut;
using SpaceTestBench.Simulation.Environment;
using SpaceTestBench.Simulation.Instruments;
using SpaceTestBench.Simulation.Physics;

namespace SpaceTestBench.Simulation;

/// <summary>
/// The physical world of a simulated bench: the DUT and everything acting on it (supplies on its rails,
/// the chamber it sits in, the gamma cell or beam irradiating it, the optical path from its transmitter to
/// its receiver). Physics is evaluated lazily: every simulator command first advances the world from the
/// last evaluation to the clock's now, in steps within which the radiation field and rail voltages are
/// constant, so a 2,800-hour campaign costs as many steps as it has events and changes, not hours.
/// All state changes happen under one lock; simulators take it through <see cref="Run{T}"/>.
/// </summary>
public sealed partial class SimulatedFacility
{
    private const double MaxStepSeconds = 3600;
    private readonly Lock _gate = new();
    private readonly List<ThermalChamberModel> _chambers = [];
    private readonly List<GammaCellModel> _gammaCells = [];
    private readonly List<BeamLineModel> _beams = [];
    private readonly List<AttenuatorModel> _attenuators = [];
    private readonly List<LinkChannelModel> _links = [];
    private readonly List<BitErrorCounter> _testers = [];
    private readonly List<SimulatedSupplyChannel> _supplies = [];
    private readonly Random _bitErrors;
    private readonly int _seed;
    private readonly string _firstSerial;
    private double _elapsed;
    private ThermalChamberModel? _dutChamber;
    private GammaCellModel? _dutGamma;
    private BeamLineModel? _dutBeam;
    private AttenuatorModel? _dutAttenuator;
    private LinkChannelModel? _dutLink;
    private BitErrorCounter? _dutTester;

    /// <summary>A world on <paramref name="clock"/> holding <paramref name="dut"/>; <paramref name="seed"/> fixes its random processes.</summary>
    public SimulatedFacility(TimeProvider clock, SimulatedDut dut, int seed)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(dut);
        Clock = clock;
        Seed = seed;
        Start = clock.GetUtcNow();
        Origin = Start;
        Dut = new DutModel(dut, seed);
        _seed = seed;
        _firstSerial = dut.SerialNumber;
        _bitErrors = RandomStreams.ReadingNoise(seed, "bert:errors", this);
        (clock as Clock.VirtualClock)?.AddSignals(this);
    }

    /// <summary>Bench time.</summary>
    public TimeProvider Clock { get; }

    /// <summary>The seed of the world's random processes.</summary>
    public int Seed { get; }

    /// <summary>When the world started.</summary>
    public DateTimeOffset Start { get; }

    /// <summary>The DUT specification.</summary>
    public SimulatedDut DutSpecification => Dut.Spec;

    internal DutModel Dut { get; private set; }

    /// <summary>Which sample of the part is mounted (1 for the first).</summary>
    public int Sample { get; private set; } = 1;

    /// <summary>Seconds of bench time since <see cref="Start"/> at the last evaluation.</summary>
    internal double Elapsed => _elapsed;

    /// <summary>
    /// The start of the run this world belongs to: <see cref="Start"/>, or, once a resumed run has restored the world an
    /// interrupted run saved, that run's start. Counter-based noise is keyed by bench time since it
    /// (<see cref="TicksSinceOrigin"/>), so a run started on another day, or resumed, draws at a given moment of the run
    /// what the first run drew then (docs/simulators.md, "Randomness and determinism").
    /// </summary>
    public DateTimeOffset Origin { get; private set; }

    /// <summary>Bench time since <see cref="Origin"/> now, in ticks: the instant counter-based reading noise is keyed by.</summary>
    internal long TicksSinceOrigin => (Clock.GetUtcNow() - Origin).Ticks;

    /// <summary>Advances the world to now, runs <paramref name="action"/> on it, and settles the consequences.</summary>
    internal T Run<T>(Func<T> action)
    {
        lock (_gate)
        {
            AdvanceToNow();
            var result = action();
            Settle(_elapsed);
            return result;
        }
    }

    /// <summary>Advances the world to now and runs <paramref name="action"/> on it.</summary>
    internal void Run(Action action) => Run(() =>
    {
        action();
        return 0;
    });

    /// <summary>Evaluates the world up to the clock's now.</summary>
    public void AdvanceToNow()
    {
        lock (_gate)
        {
            var target = (Clock.GetUtcNow() - Start).TotalSeconds;
            AdvanceTo(target);
        }
    }

    private void AdvanceTo(double target) => AdvanceTo(target, null);

    /// <summary>Advances to <paramref name="target"/>, or stops at the first settled instant where <paramref name="stop"/> holds (returning true).</summary>
    private bool AdvanceTo(double target, Func<bool>? stop)
    {
        var idle = 0;
        while (_elapsed < target)
        {
            var scheduled = Settle(_elapsed);
            if (stop is not null && stop())
            {
                return true;
            }

            var exposure = CurrentExposure();
            var environment = EnvironmentKelvin;
            var vacuum = InVacuum;
            var rates = Dut.Rates(exposure, _elapsed, Now);
            var step = Math.Min(target - _elapsed, MaxStepSeconds);
            step = Math.Min(step, scheduled - _elapsed);
            step = Math.Min(step, Dut.SuggestedStep(environment, vacuum));
            step = Math.Min(step, BoardSuggestedStep(environment, vacuum));
            foreach (var chamber in _chambers)
            {
                step = Math.Min(step, chamber.SuggestedStep);
            }

            foreach (var attenuator in _attenuators)
            {
                step = Math.Min(step, attenuator.SuggestedStep);
            }

            step = Math.Max(step, 0);
            var firstEvent = Dut.FirstEvent(rates, step);
            if (firstEvent is { } e)
            {
                step = e.Offset;
            }

            // A zero-length step is how a part handles something due exactly now (a dose or fluence target,
            // a gate end); a schedule that keeps asking for one without moving is a bug worth saying.
            idle = step > 0 ? 0 : idle + 1;
            if (idle > 1000)
            {
                throw new InvalidOperationException($"The simulation made no progress at t = {_elapsed} s.");
            }

            // The gamma rate decays within the step: the DUT absorbs the exact integral, as the cell delivers it.
            var fieldRate = 0.0;
            if (_dutGamma is { } gamma && step > 0)
            {
                fieldRate = gamma.DoseOver(step) / step;
                exposure = StationInField ? exposure with { DoseRate = exposure.DoseRate - gamma.DeliveredRate + fieldRate } : exposure;
            }

            IntegrateOptical(step);
            foreach (var chamber in _chambers)
            {
                chamber.Advance(step);
            }

            foreach (var cell in _gammaCells)
            {
                // A move the cell makes itself is logged on the clock's tick at or after its instant, the tick the clock stops
                // at to deliver it (EvaluateUntil): the controller's log has the clock's resolution, so a test started at
                // that tick is 0 s after the lowering whatever the instant's phase against the ticks (a resumed run's
                // clock meets the same instant on another phase).
                cell.Advance(step, Start + TimeSpan.FromTicks((long)Math.Ceiling((_elapsed + step) * TimeSpan.TicksPerSecond)));
            }

            foreach (var beam in _beams)
            {
                beam.Advance(step);
            }

            foreach (var attenuator in _attenuators)
            {
                attenuator.Advance(step);
            }

            Dut.Advance(step, _elapsed, rates, exposure, environment, vacuum);
            AdvanceBoard(step, fieldRate, environment, vacuum);
            _elapsed += step;
            if (firstEvent is { } happened)
            {
                Dut.Apply(happened.Process, _elapsed);
            }
        }

        Settle(_elapsed);
        return stop is not null && stop();
    }

    /// <summary>Applies every transition due at <paramref name="t"/>; returns the next scheduled time.</summary>
    private double Settle(double t)
    {
        var now = Start + TimeSpan.FromSeconds(t);
        var next = double.PositiveInfinity;
        foreach (var supply in _supplies)
        {
            next = Math.Min(next, supply.CheckProtection(t, now));
            next = Math.Min(next, supply.ChargeCompleteAt(t, now));
        }

        foreach (var attenuator in _attenuators)
        {
            attenuator.Track(ReferenceEquals(attenuator, _dutAttenuator) ? AttenuatorInputWatts : 0, Instruments.KeysightN7764ASimulator.MaximumAttenuation);
        }

        Dut.Settle(t, now, OpticalConditions);
        next = Math.Min(next, Dut.NextScheduled(t));
        foreach (var cell in _gammaCells)
        {
            next = Math.Min(next, t + cell.TimeToTarget());
        }

        foreach (var beam in _beams)
        {
            next = Math.Min(next, t + beam.TimeToTarget());
        }

        foreach (var tester in _testers)
        {
            next = Math.Min(next, t + tester.TimeToGateEnd);
        }

        return next;
    }

    private DateTimeOffset Now => Start + TimeSpan.FromSeconds(_elapsed);

    private double EnvironmentKelvin => _dutChamber?.Air ?? ThermalChamberSpec.AmbientKelvin;

    /// <summary>Below this pressure convection is negligible and the DUT's vacuum time constant applies.</summary>
    private bool InVacuum => _dutChamber is { } chamber && chamber.Pressure < 100;

    private Exposure CurrentExposure()
    {
        var doseRate = StationInField ? _dutGamma?.DeliveredRate ?? 0 : 0;
        if (_dutBeam is { ShutterOpen: true } beam)
        {
            doseRate += beam.DoseRate;
            return new Exposure(doseRate, beam.FluxOnDie, beam.Flux, beam.EffectiveLet, beam.Species.IsProton, beam.Species.EnergyMeV);
        }

        return Exposure.None with { DoseRate = doseRate };
    }
}
