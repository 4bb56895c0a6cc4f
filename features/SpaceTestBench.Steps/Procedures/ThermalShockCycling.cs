using SpaceTestBench.Bench;
using SpaceTestBench.Instruments.Roles;
using SpaceTestBench.Results.Quantities;
using SpaceTestBench.Results.Recording;

namespace SpaceTestBench.Steps.Procedures;

/// <summary>One basket transfer: where to, and from the command until the basket reported itself in the zone.</summary>
/// <param name="Cycle">The cycle (1-based).</param>
/// <param name="Zone">The zone the basket went to.</param>
/// <param name="SpecifiedKelvin">The extreme the load was to reach there, K.</param>
/// <param name="TookSeconds">Transfer time, s.</param>
/// <param name="ReachSeconds">From the transfer command until the load was at the extreme, s.</param>
/// <param name="Commanded">Bench time of the transfer command.</param>
public sealed record ShockTransfer(int Cycle, ShockZone Zone, double SpecifiedKelvin, double TookSeconds, double ReachSeconds, DateTimeOffset Commanded)
{
    /// <summary>Bench time the basket reported itself in the zone: when the transfer time was measured.</summary>
    public DateTimeOffset Arrived => Commanded + TimeSpan.FromSeconds(TookSeconds);

    /// <summary>Bench time the load was read at the extreme: when the time to reach it was measured.</summary>
    public DateTimeOffset Reached => Commanded + TimeSpan.FromSeconds(ReachSeconds);
}

/// <summary>One dwell at an extreme: the load's readings from when it reached the extreme until the basket left.</summary>
/// <param name="Cycle">The cycle (1-based).</param>
/// <param name="Zone">The zone.</param>
/// <param name="SpecifiedKelvin">The extreme, K.</param>
/// <param name="Seconds">Seconds since the load reached the extreme, one per reading (the first is 0).</param>
/// <param name="Kelvin">The load's temperature at those readings, K.</param>
/// <param name="LeftAfterSeconds">When the basket left, seconds since the load reached the extreme.</param>
/// <param name="Reached">Bench time the load reached the extreme (its first reading).</param>
public sealed record ShockDwell(int Cycle, ShockZone Zone, double SpecifiedKelvin, List<double> Seconds, List<double> Kelvin, double LeftAfterSeconds, DateTimeOffset Reached)
{
    /// <summary>Bench time of the dwell's end (its last reading): when the dwell and its excursions were measured.</summary>
    public DateTimeOffset Ended => Reached + TimeSpan.FromSeconds(LeftAfterSeconds);

    /// <summary>Whether <paramref name="kelvin"/> is at the extreme: at or above it hot, at or below it cold.</summary>
    public bool AtTemperature(double kelvin) => Zone == ShockZone.Hot ? kelvin >= SpecifiedKelvin : kelvin <= SpecifiedKelvin;

    /// <summary>How long the load stayed at the extreme: until the first reading that fell back from it, or the basket left.</summary>
    public double AtTemperatureSeconds
    {
        get
        {
            for (var i = 0; i < Kelvin.Count; i++)
            {
                if (!AtTemperature(Kelvin[i]))
                {
                    return Seconds[i];
                }
            }

            return LeftAfterSeconds;
        }
    }
}

/// <summary>
/// Air-to-air thermal shock (MIL-STD-883 TM 1010) run from the bench: both zones held at their setpoints, the basket
/// carries the load cold then hot each cycle; each transfer is timed from the command to the basket's report of its
/// arrival (polled every <see cref="TransferPoll"/>), the load's thermocouple is read until the load is at the
/// extreme (every <see cref="ReachPoll"/>: the time to temperature is the first reading there, at most that much
/// late), and through the dwell. Nothing is judged here; the steps judge what was recorded against the scenario's
/// limits.
/// </summary>
public sealed class ThermalShockCycling(BenchSession bench, ScenarioRecorder results, StepProgress progress)
{
    /// <summary>Room temperature, K: where a freshly loaded lot starts.</summary>
    public const double RoomKelvin = 296.15;

    /// <summary>How often the basket's position is asked during a transfer.</summary>
    public static readonly TimeSpan TransferPoll = TimeSpan.FromSeconds(1);

    /// <summary>How often the load is read until it is at the extreme.</summary>
    public static readonly TimeSpan ReachPoll = TimeSpan.FromSeconds(15);

    /// <summary>How often the load is read during a dwell.</summary>
    public static readonly TimeSpan DwellPoll = TimeSpan.FromMinutes(1);

    /// <summary>How long the procedure waits for the basket, or for the load to reach an extreme, before it stops the scenario.</summary>
    public static readonly TimeSpan GiveUpAfter = TimeSpan.FromHours(1);

    [Resuming.NotScenarioState("a handle on the results series: the step that appends to it runs again on resume and opens it again")]
    private SeriesRecorder? _load;
    [Resuming.NotScenarioState("a handle on the results series: the step that appends to it runs again on resume and opens it again")]
    private SeriesRecorder? _air;
    [Resuming.NotScenarioState("a handle on the results series: the step that appends to it runs again on resume and opens it again")]
    private SeriesRecorder? _specified;

    /// <summary>Every transfer, in order.</summary>
    public List<ShockTransfer> Transfers { get; } = [];

    /// <summary>Every dwell, in order.</summary>
    public List<ShockDwell> Dwells { get; } = [];

    /// <summary>The chamber.</summary>
    public IThermalShockChamber Chamber => bench.Role<IThermalShockChamber>(BenchRoles.ThermalShockChamber).Instrument;

    /// <summary>Programs both zones and waits until each zone's air is within 2 K of its setpoint.</summary>
    public async Task HoldZonesAsync(double hotKelvin, double coldKelvin, CancellationToken cancellationToken = default)
    {
        await Chamber.SetHotZoneSetpointAsync(hotKelvin, cancellationToken);
        await Chamber.SetColdZoneSetpointAsync(coldKelvin, cancellationToken);
        var ready = await bench.WaitUntilAsync(
            async ct => Math.Abs(await Chamber.MeasureZoneTemperatureAsync(ShockZone.Hot, ct) - hotKelvin) < 2
                && Math.Abs(await Chamber.MeasureZoneTemperatureAsync(ShockZone.Cold, ct) - coldKelvin) < 2,
            TimeSpan.FromMinutes(1), TimeSpan.FromHours(6), cancellationToken);
        if (!ready)
        {
            var hot = await Chamber.MeasureZoneTemperatureAsync(ShockZone.Hot, cancellationToken);
            var cold = await Chamber.MeasureZoneTemperatureAsync(ShockZone.Cold, cancellationToken);
            throw new TimeoutException($"The thermal shock chamber's zones did not reach their setpoints within 6 h of bench time (hot zone {hot - 273.15:0.#} °C for {hotKelvin - 273.15:0.#} °C, cold zone {cold - 273.15:0.#} °C for {coldKelvin - 273.15:0.#} °C).");
        }
    }

    /// <summary>Runs <paramref name="cycles"/> cycles, cold then hot, dwelling <paramref name="dwell"/> at each extreme once the load is there.</summary>
    public async Task RunAsync(int cycles, double coldKelvin, double hotKelvin, TimeSpan dwell, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(cycles);
        var role = bench.Role<IThermalShockChamber>(BenchRoles.ThermalShockChamber);
        _load ??= results.StartTimeSeries(WellKnownSeries.ShockLoadTemperature, Units.DegreeCelsius, role.Name, role.InstrumentLabel);
        _air ??= results.StartTimeSeries(WellKnownSeries.ShockZoneAirTemperature, Units.DegreeCelsius, role.Name, role.InstrumentLabel);
        _specified ??= results.StartTimeSeries(WellKnownSeries.ShockSpecifiedTemperature, Units.DegreeCelsius, role.Name, role.InstrumentLabel);
        for (var cycle = 1; cycle <= cycles; cycle++)
        {
            foreach (var (zone, extreme) in new[] { (ShockZone.Cold, coldKelvin), (ShockZone.Hot, hotKelvin) })
            {
                var where = $"cycle {cycle} of {cycles}: {(zone == ShockZone.Hot ? "hot" : "cold")} extreme {extreme - 273.15:0.#} °C";
                var started = bench.Clock.GetUtcNow();
                _specified.AppendAt(started, Quantity.FromSi(extreme, Units.DegreeCelsius));
                await Chamber.MoveBasketAsync(zone, cancellationToken);
                var took = await ArriveAsync(zone, started, cancellationToken);
                var (reach, load) = await ReachAsync(zone, extreme, started, where, cycle, cycles, cancellationToken);
                Transfers.Add(new ShockTransfer(cycle, zone, extreme, took.TotalSeconds, reach.TotalSeconds, started));
                Dwells.Add(await DwellAsync(cycle, zone, extreme, dwell, load, where, cycle, cycles, cancellationToken));
            }
        }
    }

    private async Task<TimeSpan> ArriveAsync(ShockZone zone, DateTimeOffset started, CancellationToken cancellationToken)
    {
        var target = zone == ShockZone.Hot ? BasketPosition.Hot : BasketPosition.Cold;
        var arrived = await bench.WaitUntilAsync(async ct => await Chamber.GetBasketPositionAsync(ct) == target, TransferPoll, GiveUpAfter, cancellationToken);
        if (!arrived)
        {
            throw new TimeoutException($"The basket of the thermal shock chamber did not arrive in the {zone.ToString().ToLowerInvariant()} zone within {GiveUpAfter.TotalMinutes:0} min of bench time (it reports {await Chamber.GetBasketPositionAsync(cancellationToken)}).");
        }

        return bench.Clock.GetUtcNow() - started;
    }

    private async Task<(TimeSpan Reach, double Load)> ReachAsync(ShockZone zone, double extreme, DateTimeOffset started, string where, int cycle, int cycles, CancellationToken cancellationToken)
    {
        while (true)
        {
            var load = await SampleAsync(zone, cancellationToken);
            var now = bench.Clock.GetUtcNow();
            progress.Report($"{where}, load reaching temperature",
                new Results.Progress.ProgressGauge("cycle", cycle, cycles, ""), new Results.Progress.ProgressGauge("load temperature", load - 273.15, extreme - 273.15, "°C"));
            if (zone == ShockZone.Hot ? load >= extreme : load <= extreme)
            {
                return (now - started, load);
            }

            if (now - started > GiveUpAfter)
            {
                var air = await Chamber.MeasureZoneTemperatureAsync(zone, cancellationToken);
                throw new TimeoutException($"The load did not reach {extreme - 273.15:0.#} °C within {GiveUpAfter.TotalMinutes:0} min of its transfer to the {zone.ToString().ToLowerInvariant()} zone: it is at {load - 273.15:0.#} °C, the zone air at {air - 273.15:0.#} °C.");
            }

            await bench.WaitAsync(ReachPoll, cancellationToken);
        }
    }

    private async Task<ShockDwell> DwellAsync(int index, ShockZone zone, double extreme, TimeSpan dwell, double first, string where, int cycle, int cycles, CancellationToken cancellationToken)
    {
        var reached = bench.Clock.GetUtcNow();
        var seconds = new List<double> { 0 };
        var kelvin = new List<double> { first };
        while (bench.Clock.GetUtcNow() - reached < dwell)
        {
            var left = dwell - (bench.Clock.GetUtcNow() - reached);
            progress.Report($"{where}, dwelling {dwell.TotalMinutes:0} min",
                new Results.Progress.ProgressGauge("cycle", cycle, cycles, ""), new Results.Progress.ProgressGauge("dwell", (dwell - left).TotalMinutes, dwell.TotalMinutes, "min"));
            await bench.WaitAsync(left < DwellPoll ? left : DwellPoll, cancellationToken);
            kelvin.Add(await SampleAsync(zone, cancellationToken));
            seconds.Add((bench.Clock.GetUtcNow() - reached).TotalSeconds);
        }

        return new ShockDwell(index, zone, extreme, seconds, kelvin, (bench.Clock.GetUtcNow() - reached).TotalSeconds, reached);
    }

    private async Task<double> SampleAsync(ShockZone zone, CancellationToken cancellationToken)
    {
        var now = bench.Clock.GetUtcNow();
        var load = await Chamber.MeasureLoadTemperatureAsync(cancellationToken);
        var air = await Chamber.MeasureZoneTemperatureAsync(zone, cancellationToken);
        _load!.AppendAt(now, Quantity.FromSi(load, Units.DegreeCelsius));
        _air!.AppendAt(now, Quantity.FromSi(air, Units.DegreeCelsius));
        return load;
    }
}
