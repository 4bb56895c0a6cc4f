using SpaceTestBench.Bench;
using SpaceTestBench.Instruments.Roles;
using SpaceTestBench.Results.Analysis;
using SpaceTestBench.Results.Quantities;
using SpaceTestBench.Results.Recording;

namespace SpaceTestBench.Steps.Procedures;

/// <summary>
/// Thermal cycling run from the bench for one scenario: the chamber goes from extreme to extreme at the
/// ramp rate; at each extreme the bench waits until the DUT (the load) has settled, then dwells; the
/// chamber setpoint, air and DUT temperatures (and the pressure, in vacuum) are recorded throughout under
/// the well-known series names, so the report draws the profile and verifies the dwells. At the extremes of
/// the first and last cycles an optional performance test runs.
/// </summary>
public sealed class ThermalCycling(BenchSession bench, ScenarioRecorder results, StepProgress progress)
{
    private static readonly TimeSpan MovingSample = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan DwellSample = TimeSpan.FromMinutes(2);

    // The dwell starts only once the DUT changes at a quarter of the maximum rate, so that it stays under the maximum
    // throughout the dwell as the report's verification requires (ECSS-E-ST-10-03C 5.5.4).
    private const double SettleRateMargin = 0.25;
    private static readonly TimeSpan SettleTimeout = TimeSpan.FromHours(12);
    private readonly List<(DateTimeOffset At, double Kelvin)> _dut = [];
    private readonly List<(DateTimeOffset At, double Setpoint, double Dut)> _history = [];
    [Resuming.NotScenarioState("a handle on the cycling's results series: the step that appends to it runs again on resume and opens its series again")]
    private SeriesRecorder? _setpoint;
    [Resuming.NotScenarioState("a handle on the cycling's results series: the step that appends to it runs again on resume and opens its series again")]
    private SeriesRecorder? _air;
    [Resuming.NotScenarioState("a handle on the cycling's results series: the step that appends to it runs again on resume and opens its series again")]
    private SeriesRecorder? _dutSeries;
    [Resuming.NotScenarioState("a handle on the cycling's results series: the step that appends to it runs again on resume and opens its series again")]
    private SeriesRecorder? _pressure;
    private double _setpointKelvin = double.NaN;
    private (int Cycle, int Cycles, string Where) _cycle;
    private DateTimeOffset _nextMonitor;
    private double _lastAir = double.NaN;

    /// <summary>The ramp rate between extremes, K/s (null: as fast as the chamber can).</summary>
    public double? RampKelvinPerSecond { get; set; } = ChamberControl.DefaultRampKelvinPerSecond;

    /// <summary>Largest |T_DUT − setpoint| for the DUT to count as at the extreme, K.</summary>
    public double ToleranceKelvin { get; set; } = 2;

    /// <summary>Largest |dT/dt| of the DUT, over <see cref="RateWindow"/>, for it to count as settled, K/s.</summary>
    public double MaximumRateKelvinPerSecond { get; set; } = 3.0 / 3600;

    /// <summary>
    /// Where <see cref="MaximumRateKelvinPerSecond"/> comes from (a clause, or the test plan's example value); null
    /// when the scenario does not say. The judged rate after settling names this, not the dwell's source.
    /// </summary>
    public string? StabilitySource { get; set; }

    /// <summary>The trailing window the DUT's rate is fitted over.</summary>
    public TimeSpan RateWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The performance test at the extremes of the first cycle and the last <see cref="TestedLastCycles"/> cycles (null: none); it returns whether the DUT passed.</summary>
    [Resuming.NotScenarioState("a delegate: ThermalChamberSteps arms it again on resume from the regulation it keeps")]
    public Func<double, Task<bool>>? TestAtExtremes { get; set; }

    /// <summary>How many of the last cycles have the performance test at their extremes (besides the first cycle); 1: the first and last cycles.</summary>
    public int TestedLastCycles { get; set; } = 1;

    /// <summary>Every performance test at an extreme: its cycle, the extreme, whether the DUT passed it.</summary>
    public List<(int Cycle, double Kelvin, bool Passed)> PerformanceTests { get; } = [];

    /// <summary>
    /// How many of the last cycles the DUT operates through (powered and monitored), apart from the off periods before
    /// its hot and cold starts (SMC-S-016 §4.7); 0: it cycles switched off.
    /// </summary>
    public int OperatingCycles { get; set; }

    /// <summary>How often the operating DUT is monitored.</summary>
    public TimeSpan MonitorInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Switches the DUT on at its nominal voltages and waits for it to boot (armed with <see cref="OperatingCycles"/>).</summary>
    [Resuming.NotScenarioState("a delegate: ThermalChamberSteps arms it again on resume")]
    public Func<Task>? SwitchOn { get; set; }

    /// <summary>Switches the DUT off.</summary>
    [Resuming.NotScenarioState("a delegate: ThermalChamberSteps arms it again on resume")]
    public Func<Task>? SwitchOff { get; set; }

    /// <summary>One monitoring check of the operating DUT at the given cycle and extreme; returns whether it found it working.</summary>
    [Resuming.NotScenarioState("a delegate: ThermalChamberSteps arms it again on resume")]
    public Func<int, double, Task<bool>>? Monitor { get; set; }

    /// <summary>Whether the DUT is switched on by the cycling (it operates).</summary>
    public bool DutOn { get; private set; }

    /// <summary>When the cycling last switched the operating DUT off before a hot or cold start (null: it has not).</summary>
    public DateTimeOffset? SwitchedOffAt { get; private set; }

    /// <summary>Whether the performance test about to run at an extreme leaves the DUT on (it operates in this cycle).</summary>
    public bool LeaveOnAfterTest { get; private set; }

    /// <summary>Whether the performance test about to run at an extreme is a hot or cold start (the DUT off before it), not a test of the operating DUT.</summary>
    public bool TestIsStart { get; private set; } = true;

    /// <summary>Every monitoring check of the operating DUT: its cycle and whether it passed.</summary>
    public List<(int Cycle, bool Passed)> MonitorChecks { get; } = [];

    /// <summary>How many cycles the last <see cref="RunAsync"/> ran (0: none).</summary>
    public int CyclesRun { get; private set; }

    /// <summary>When the last <see cref="RunAsync"/> started (null: none has).</summary>
    public DateTimeOffset? StartedAt { get; private set; }

    /// <summary>Every transfer: the extreme it went to, how long from the setpoint change until the DUT was within tolerance of it, and when it got there (the bench time its transfer time is recorded at).</summary>
    public List<(double SetpointKelvin, TimeSpan Took, DateTimeOffset Reached)> Transfers { get; } = [];

    /// <summary>Whether any cycle has run in this scenario.</summary>
    public bool HasRun => _history.Count > 0;

    /// <summary>The highest chamber pressure seen while cycling, Pa (NaN if not measured).</summary>
    public double HighestPascal { get; private set; } = double.NaN;

    /// <summary>The chamber.</summary>
    public IThermalChamber Chamber => bench.Role<IThermalChamber>(BenchRoles.ThermalChamber).Instrument;

    /// <summary>
    /// Runs <paramref name="cycles"/> cycles hot then cold. At the extremes of the first and last cycles the
    /// DUT dwells <paramref name="soak"/> and is tested; at the others it dwells <paramref name="dwell"/>.
    /// </summary>
    public async Task RunAsync(int cycles, double coldKelvin, double hotKelvin, TimeSpan dwell, TimeSpan soak, bool inVacuum, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(cycles);
        var role = bench.Role<IThermalChamber>(BenchRoles.ThermalChamber);
        _setpoint ??= results.StartTimeSeries(WellKnownSeries.ChamberSetpoint, Units.DegreeCelsius, role.Name, role.InstrumentLabel);
        _air ??= results.StartTimeSeries(WellKnownSeries.ChamberAirTemperature, Units.DegreeCelsius, role.Name, role.InstrumentLabel);
        _dutSeries ??= results.StartTimeSeries(WellKnownSeries.DutTemperature, Units.DegreeCelsius, role.Name, role.InstrumentLabel);
        if (inVacuum)
        {
            _pressure ??= results.StartTimeSeries("chamber pressure", Units.Parse("Torr"), role.Name, role.InstrumentLabel);
        }

        RecordCriteria(dwell < soak ? dwell : soak, soak, role.Name);
        await Chamber.SetRampRateAsync(RampKelvinPerSecond, cancellationToken);
        CyclesRun = cycles;
        StartedAt ??= bench.Clock.GetUtcNow();
        for (var cycle = 1; cycle <= cycles; cycle++)
        {
            var edge = cycle == 1 || cycle == cycles;
            var tested = cycle == 1 || cycle > cycles - TestedLastCycles;
            var operating = cycle > cycles - OperatingCycles;
            foreach (var extreme in new[] { hotKelvin, coldKelvin })
            {
                var where = $"cycle {cycle} of {cycles}: {(extreme == hotKelvin ? "hot" : "cold")} extreme {extreme - 273.15:0.#} °C";
                _cycle = (cycle, cycles, where);
                // An operating unit is started hot and cold at the first and last cycles; at the other tested extremes it is tested as it operates.
                var start = tested && TestAtExtremes is not null && (!operating || cycle == 1 || cycle == cycles);
                await OperateAsync(operating && !start, start, cancellationToken);
                await SettleAtAsync(extreme, cancellationToken);
                var hold = edge ? soak : dwell;
                progress.Report($"{where}, {(edge ? "soaking" : "dwelling")} {hold.TotalMinutes:0} min",
                    new Results.Progress.ProgressGauge("cycle", cycle, cycles, ""), new Results.Progress.ProgressGauge(edge ? "soak" : "dwell", 0, hold.TotalHours, "h", 1.0 / 3600));
                await DwellAsync(hold, cancellationToken);
                if (tested && TestAtExtremes is { } test)
                {
                    // A start switches the DUT on; an operating cycle keeps it on afterwards (and monitors it at once: the
                    // next transition may be towards another start), for the transition and the next extreme.
                    LeaveOnAfterTest = operating;
                    TestIsStart = start;
                    PerformanceTests.Add((cycle, extreme, await test(extreme)));
                    if (operating && !DutOn)
                    {
                        DutOn = true;
                        _nextMonitor = bench.Clock.GetUtcNow();
                        await SampleAsync(cancellationToken);
                    }
                }
            }
        }

        await OperateAsync(false, false, cancellationToken);
    }

    /// <summary>
    /// Switches the DUT on for an operating stretch, or off: before a hot or cold start (from the beginning of the
    /// transition to that extreme, so that the off period precedes the start) and after the last cycle.
    /// </summary>
    private async Task OperateAsync(bool on, bool beforeStart, CancellationToken cancellationToken)
    {
        if (on && !DutOn && SwitchOn is { } switchOn)
        {
            await switchOn();
            DutOn = true;
            _nextMonitor = bench.Clock.GetUtcNow();
        }
        else if (!on && DutOn && SwitchOff is { } switchOff)
        {
            await switchOff();
            DutOn = false;
            if (beforeStart)
            {
                SwitchedOffAt = bench.Clock.GetUtcNow();
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
    }

    /// <summary>
    /// Records this scenario's stability criteria as a criteria event before the profile starts, so the report
    /// judges its plateaus by them and shows them as the scenario's, not by the analysis's defaults.
    /// </summary>
    private void RecordCriteria(TimeSpan dwell, TimeSpan soak, string role)
    {
        var perHour = Units.Parse("K/h");
        var values = new Dictionary<string, Quantity>(StringComparer.Ordinal)
        {
            [WellKnownCriteria.StabilityTolerance] = new(ToleranceKelvin, Units.Kelvin),
            [WellKnownCriteria.StabilityRate] = new(MaximumRateKelvinPerSecond * 3600, perHour),
            [WellKnownCriteria.StabilityWindow] = new(RateWindow.TotalMinutes, Units.Minute),
            [WellKnownCriteria.Dwell] = new(dwell.TotalMinutes, Units.Minute),
        };
        if (soak != dwell)
        {
            values["soak at the extremes of the first and last cycles"] = new(soak.TotalMinutes, Units.Minute);
        }

        results.RecordEvent(BenchEventKind.Criteria, role,
            $"Thermal stability criteria of this scenario: the DUT within {ToleranceKelvin:0.##} K of the setpoint, changing less than {MaximumRateKelvinPerSecond * 3600:0.##} K/h " +
            $"over {RateWindow.TotalMinutes:0.#} min, dwelling at least {dwell.TotalMinutes:0.#} min once stable" +
            (soak != dwell ? $" ({soak.TotalMinutes:0.#} min at the extremes of the first and last cycles)." : "."),
            values);
    }

    private async Task SettleAtAsync(double kelvin, CancellationToken cancellationToken)
    {
        var started = bench.Clock.GetUtcNow();
        await Chamber.SetSetpointAsync(kelvin, cancellationToken);
        // A step in the setpoint trace: the old value and the new one at the same instant.
        if (!double.IsNaN(_setpointKelvin))
        {
            _setpoint!.AppendAt(started, Quantity.FromSi(_setpointKelvin, Units.DegreeCelsius));
        }

        _setpointKelvin = kelvin;
        _setpoint!.AppendAt(started, Quantity.FromSi(kelvin, Units.DegreeCelsius));
        _dut.Clear();
        TimeSpan? reached = null;
        var shroud = kelvin;
        var shroudMoved = started;
        while (true)
        {
            var dut = await SampleAsync(cancellationToken);
            var now = bench.Clock.GetUtcNow();
            if (DutOn && Math.Abs(_lastAir - shroud) < 1 && SteadyOffset(kelvin, shroudMoved) is { } steady)
            {
                // The operating DUT dissipates and settles above the shroud: move the shroud by the difference, so that it
                // is the unit that reaches the extreme (SMC-S-016 controls the unit's baseplate, not the shroud).
                shroud += kelvin - steady;
                shroudMoved = now;
                await Chamber.SetSetpointAsync(shroud, cancellationToken);
                results.RecordEvent(BenchEventKind.Note, bench.Role<IThermalChamber>(BenchRoles.ThermalChamber).Name,
                    $"{_cycle.Where}: the operating DUT steady at {steady - 273.15:0.#} °C with the shroud at {_lastAir - 273.15:0.#} °C; shroud setpoint moved to {shroud - 273.15:0.#} °C.");
            }

            progress.Report($"{_cycle.Where}, settling",
                new Results.Progress.ProgressGauge("cycle", _cycle.Cycle, _cycle.Cycles, ""), new Results.Progress.ProgressGauge("DUT temperature", dut - 273.15, kelvin - 273.15, "°C"));
            if (reached is null && Math.Abs(dut - kelvin) <= ToleranceKelvin)
            {
                reached = now - started;
                Transfers.Add((kelvin, reached.Value, now));
            }

            if (reached is not null && Settled(kelvin))
            {
                return;
            }

            if (now - started > SettleTimeout)
            {
                throw new TimeoutException($"The DUT did not settle at {kelvin - 273.15:0.#} °C within {SettleTimeout.TotalHours:0} h of bench time (it is at {dut - 273.15:0.#} °C).");
            }

            await bench.WaitAsync(MovingSample, cancellationToken);
        }
    }

    /// <summary>
    /// Where the DUT has settled if it is steady outside the tolerance of <paramref name="kelvin"/>: its readings over a whole
    /// rate window since the shroud last moved fit a slope under a quarter of the settling rate; null otherwise (still moving, or within).
    /// </summary>
    private double? SteadyOffset(double kelvin, DateTimeOffset since)
    {
        var now = bench.Clock.GetUtcNow();
        if (now - since < RateWindow)
        {
            return null;
        }

        var window = _dut.Where(s => s.At >= now - RateWindow).ToList();
        return SteadyOutside(kelvin, window.Select(s => (s.At - now).TotalSeconds).ToList(), window.Select(s => s.Kelvin).ToList(), ToleranceKelvin, MaximumRateKelvinPerSecond);
    }

    /// <summary>
    /// The mean of one rate window of DUT readings (seconds, kelvin) if they fit a least-squares slope under a quarter of
    /// <paramref name="maximumRate"/> (K/s) and lie outside <paramref name="tolerance"/> of <paramref name="kelvin"/>; null
    /// otherwise, or with fewer than three readings. Shared with the planner, which waits as this procedure does.
    /// </summary>
    public static double? SteadyOutside(double kelvin, IReadOnlyList<double> seconds, IReadOnlyList<double> readings, double tolerance, double maximumRate)
    {
        if (seconds.Count < 3)
        {
            return null;
        }

        var (meanT, meanK) = (seconds.Average(), readings.Average());
        var slope = seconds.Zip(readings, (x, k) => (x - meanT) * (k - meanK)).Sum() / seconds.Sum(x => (x - meanT) * (x - meanT));
        // Under a quarter of the settling rate, as for a dwell: with the unit's lag τ, what is left to come is rate·τ, small then.
        return Math.Abs(slope) < maximumRate * SettleRateMargin && Math.Abs(meanK - kelvin) > tolerance ? meanK : null;
    }

    private async Task DwellAsync(TimeSpan dwell, CancellationToken cancellationToken)
    {
        var settled = bench.Clock.GetUtcNow();
        var end = settled + dwell;
        while (bench.Clock.GetUtcNow() < end)
        {
            var left = end - bench.Clock.GetUtcNow();
            await bench.WaitAsync(left < DwellSample ? left : DwellSample, cancellationToken);
            await SampleAsync(cancellationToken);
        }

        // The setpoint moves on a moment after the dwell's last reading, so that reading belongs to the dwell.
        await bench.WaitAsync(TimeSpan.FromSeconds(1), cancellationToken);
    }

    /// <summary>
    /// The recorded setpoint and DUT temperatures judged by the report's dwell analysis with this scenario's
    /// settling criteria and <paramref name="requiredDwell"/>: an independent check of what the cycling did.
    /// </summary>
    public ThermalDwellResult VerifyDwells(TimeSpan requiredDwell)
    {
        if (_history.Count == 0)
        {
            throw new InvalidOperationException("No thermal cycle was run in this scenario.");
        }

        var origin = _history[0].At;
        var seconds = _history.Select(h => (h.At - origin).TotalSeconds).ToArray();
        var criteria = Criteria(requiredDwell);
        return ThermalDwellAnalysis.Analyse(
            new TimeTrace(origin, seconds, _history.Select(h => h.Setpoint).ToArray(), Units.Kelvin),
            new TimeTrace(origin, seconds, _history.Select(h => h.Dut).ToArray(), Units.Kelvin),
            criteria);
    }

    /// <summary>
    /// The bench time a plateau of <see cref="VerifyDwells"/> ended (its setpoint moved on, or the data did): when its
    /// dwell was measured, which a Then step judging it long after the cycling records as the measurement's time.
    /// </summary>
    public DateTimeOffset EndOf(ThermalPlateau plateau)
    {
        ArgumentNullException.ThrowIfNull(plateau);
        return _history.Count > 0 ? _history[0].At + plateau.End : throw new InvalidOperationException("No thermal cycle was run in this scenario.");
    }

    private async Task<double> SampleAsync(CancellationToken cancellationToken)
    {
        var now = bench.Clock.GetUtcNow();
        var air = await Chamber.MeasureAirTemperatureAsync(cancellationToken);
        var dut = await Chamber.MeasureDutTemperatureAsync(cancellationToken);
        _setpoint!.AppendAt(now, Quantity.FromSi(_setpointKelvin, Units.DegreeCelsius));
        _air!.AppendAt(now, Quantity.FromSi(air, Units.DegreeCelsius));
        _dutSeries!.AppendAt(now, Quantity.FromSi(dut, Units.DegreeCelsius));
        _dut.Add((now, dut));
        _history.Add((now, _setpointKelvin, dut));
        _lastAir = air;
        if (DutOn && Monitor is { } monitor && now >= _nextMonitor)
        {
            MonitorChecks.Add((_cycle.Cycle, await monitor(_cycle.Cycle, _setpointKelvin)));
            _nextMonitor = now + MonitorInterval;
        }
        if (_pressure is not null && bench.Definition.RoleProvides(BenchRoles.ThermalChamber, typeof(IThermalVacuumChamber)))
        {
            var pascal = await bench.Role<IThermalVacuumChamber>(BenchRoles.ThermalChamber).Instrument.MeasurePressureAsync(cancellationToken);
            HighestPascal = double.IsNaN(HighestPascal) ? pascal : Math.Max(HighestPascal, pascal);
            _pressure.AppendAt(now, Quantity.FromSi(pascal, Units.Parse("Torr")));
        }

        return dut;
    }

    /// <summary>
    /// Settled as the report's dwell analysis judges it (within tolerance, its rate under a quarter of the maximum over
    /// a full window): the analysis runs on this plateau's readings so far, so the dwell the procedure starts
    /// is a dwell the report verifies.
    /// </summary>
    private bool Settled(double kelvin)
    {
        if (_dut.Count < 3)
        {
            return false;
        }

        var origin = _dut[0].At;
        var seconds = _dut.Select(s => (s.At - origin).TotalSeconds).ToArray();
        var plateau = ThermalDwellAnalysis.Analyse(
            new TimeTrace(origin, seconds, Enumerable.Repeat(kelvin, seconds.Length).ToArray(), Units.Kelvin),
            new TimeTrace(origin, seconds, _dut.Select(s => s.Kelvin).ToArray(), Units.Kelvin),
            Criteria(TimeSpan.Zero) with { MaximumRate = new Quantity(MaximumRateKelvinPerSecond * 3600 * SettleRateMargin, Units.Parse("K/h")) }).Plateaus[0];
        return plateau.StabilisedAt is not null;
    }

    private ThermalCriteria Criteria(TimeSpan requiredDwell) =>
        new(new Quantity(ToleranceKelvin, Units.Kelvin), new Quantity(MaximumRateKelvinPerSecond * 3600, Units.Parse("K/h")), RateWindow, requiredDwell);
}
