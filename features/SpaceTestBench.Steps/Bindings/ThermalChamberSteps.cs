using Reqnroll;
using SpaceTestBench.Bench;
using SpaceTestBench.Gherkin;
using SpaceTestBench.Instruments.Roles;
using SpaceTestBench.Results;
using SpaceTestBench.Results.Quantities;
using SpaceTestBench.Results.Recording;
using SpaceTestBench.Steps.Catalog;
using SpaceTestBench.Steps.Parameters;
using SpaceTestBench.Steps.Procedures;
using SpaceTestBench.Steps.Resuming;

namespace SpaceTestBench.Steps.Bindings;

/// <summary>
/// Steps for the thermal chamber: holding the DUT at a temperature, thermal cycling (MIL-STD-883 TM 1010,
/// JESD22-A104) and thermal-vacuum cycling (SMC-S-016, ECSS-E-ST-10-03) with settling criteria, dwells and
/// soaks, and a performance test at the extremes of the first and last cycles.
/// </summary>
[Binding]
[RequiresRole(BenchRoles.ThermalChamber)]
public sealed class ThermalChamberSteps(BenchSession bench, ScenarioRecorder results, ChamberControl control, ThermalCycling cycling, DutRails rails, OperatingMonitor monitor) : IReestablishOnResume
{
    /// <summary>How long a resumed scenario waits for the chamber to pump down again before its step runs (and judges the pressure).</summary>
    private static readonly TimeSpan PumpDownAgainWithin = TimeSpan.FromHours(24);

    /// <summary>How long a resumed scenario waits for the chamber to bring the DUT back to the temperature a completed hold had reached (the hold's own limit).</summary>
    private static readonly TimeSpan HoldAgainWithin = TimeSpan.FromHours(12);

    /// <summary>The hold's own criteria (<see cref="ChamberControl.HoldDutAtAsync"/>): the air within 1 K of the setpoint and the DUT steady to 0.3 K between polls of 2 min.</summary>
    private const double AirWithinKelvin = 1;
    private const double SteadyKelvin = 0.3;

    private double? _pressureLimitPascal;
    private Quantity? _performanceRegulation;
    private Quantity? _minimumOff;
    private Quantity? _operatingRegulation;
    private string? _regulationSource;
    private string? _operatingRegulationSource;
    private DateTimeOffset? _offSince;
    private HeldTemperature? _held;

    /// <summary>Brings the DUT (not just the air) to a temperature and waits until it is steady there; corrects the setpoint for a powered DUT's self-heating.</summary>
    [Given("the thermal chamber holds the DUT at {temperature}")]
    [When("the thermal chamber holds the DUT at {temperature}")]
    [StepExample("Given the thermal chamber holds the DUT at 24 °C")]
    public async Task Hold(Temperature temperature)
    {
        await control.HoldDutAtAsync(temperature.SiValue, rampKelvinPerSecond: cycling.RampKelvinPerSecond);
        _held = new HeldTemperature(temperature.SiValue, await control.Chamber.GetSetpointAsync());
    }

    /// <summary>Sets the rate at which the chamber moves between temperatures.</summary>
    [Given("the thermal chamber ramps at {temperature-rate}")]
    [StepExample("Given the thermal chamber ramps at 3 °C/min")]
    public void Ramp(TemperatureRate rate) => cycling.RampKelvinPerSecond = rate.SiValue;

    /// <summary>Sets when the DUT counts as settled at an extreme: within a tolerance of the setpoint, and its rate, fitted over a window, below a maximum.</summary>
    [Given("the DUT counts as settled within {temperature} of the setpoint, changing less than {temperature-rate} over {duration}")]
    [StepExample("Given the DUT counts as settled within 2 K of the setpoint, changing less than 3 °C/h over 10 min")]
    public void SettleCriteria(Temperature tolerance, TemperatureRate rate, Duration window) => SettleCriteriaWithSource(tolerance, rate, window, null);

    /// <summary>As the settling criteria above, naming where the rate criterion comes from (the report shows it beside the judged rate after settling).</summary>
    [Given("the DUT counts as settled within {temperature} of the setpoint, changing less than {temperature-rate} over {duration}, a limit from {string}")]
    [StepExample("Given the DUT counts as settled within 3 K of the setpoint, changing less than 3 °C/h over 30 min, a limit from \"SMC-S-016 §4.7\"")]
    public void SettleCriteriaWithSource(Temperature tolerance, TemperatureRate rate, Duration window, string? source)
    {
        cycling.ToleranceKelvin = Difference(tolerance);
        cycling.MaximumRateKelvinPerSecond = Math.Abs(rate.SiValue);
        cycling.RateWindow = TimeSpan.FromSeconds(window.SiValue);
        cycling.StabilitySource = source;
    }

    /// <summary>
    /// At the extremes of the first and last cycles, after the dwell, switches the DUT on at its nominal
    /// voltages, tests its performance (every rail within the tolerance of its setting: a rail held in current
    /// limit is not; the junction within its rating; the functional test) and switches it off again.
    /// </summary>
    [Given("the DUT is switched on for a performance test at the extremes of the first and last cycles, its rails within {percentage} of their settings")]
    [StepExample("Given the DUT is switched on for a performance test at the extremes of the first and last cycles, its rails within 1 % of their settings")]
    [RequiresRole(BenchRoles.DutSupply)]
    [RequiresRole(BenchRoles.Dut)]
    public void PerformanceAtExtremes(Percentage regulation) => ArmPerformanceTest(regulation, lastCycles: 1, minimumOff: null, source: null);

    /// <summary>Arms the performance test as <see cref="PerformanceAtExtremes"/> does, the report naming where the rails' regulation comes from.</summary>
    [Given("the DUT is switched on for a performance test at the extremes of the first and last cycles, its rails within {percentage} of their settings, a limit from {string}")]
    [StepExample("Given the DUT is switched on for a performance test at the extremes of the first and last cycles, its rails within 1 % of their settings, a limit from \"the procedure's rail regulation\"")]
    [RequiresRole(BenchRoles.DutSupply)]
    [RequiresRole(BenchRoles.Dut)]
    public void PerformanceAtExtremesWithSource(Percentage regulation, string source) => ArmPerformanceTest(regulation, lastCycles: 1, minimumOff: null, source);

    /// <summary>
    /// Hot and cold starts (SMC-S-016 §4.7): the DUT is started at the extremes of the first cycle and of the last cycles,
    /// once it has been off at least the stated time, for the same performance test; each start's time off is judged. It
    /// cycles switched off unless it operates through the cycles, when the cycling switches it off at the start of the
    /// transition to each such extreme and the start leaves it on; the time off runs from the latest of the start of the
    /// cycling, the previous test and that switch-off.
    /// </summary>
    [Given("the DUT is started hot and cold for a performance test at the extremes of the first cycle and the last {int} cycles, after at least {duration} off, its rails within {percentage} of their settings")]
    [StepExample("Given the DUT is started hot and cold for a performance test at the extremes of the first cycle and the last 3 cycles, after at least 30 min off, its rails within 1 % of their settings")]
    [RequiresRole(BenchRoles.DutSupply)]
    [RequiresRole(BenchRoles.Dut)]
    public void HotAndColdStarts(int lastCycles, Duration minimumOff, Percentage regulation) => HotAndColdStartsFrom(lastCycles, minimumOff, regulation, null);

    /// <summary>Arms the hot and cold starts as <see cref="HotAndColdStarts"/> does, the report naming where the rails' regulation comes from.</summary>
    [Given("the DUT is started hot and cold for a performance test at the extremes of the first cycle and the last {int} cycles, after at least {duration} off, its rails within {percentage} of their settings, a limit from {string}")]
    [StepExample("Given the DUT is started hot and cold for a performance test at the extremes of the first cycle and the last 3 cycles, after at least 30 min off, its rails within 1 % of their settings, a limit from \"the procedure's rail regulation\"")]
    [RequiresRole(BenchRoles.DutSupply)]
    [RequiresRole(BenchRoles.Dut)]
    public void HotAndColdStartsWithSource(int lastCycles, Duration minimumOff, Percentage regulation, string source) => HotAndColdStartsFrom(lastCycles, minimumOff, regulation, source);

    private void HotAndColdStartsFrom(int lastCycles, Duration minimumOff, Percentage regulation, string? source)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(lastCycles);
        ArmPerformanceTest(regulation, lastCycles, minimumOff, source);
    }

    /// <summary>
    /// The DUT operates through the last cycles (SMC-S-016 §4.7): switched on at its nominal voltages, monitored at the
    /// stated interval through the transitions, settling, dwells and soaks (every rail against its setting, the junction
    /// against its rating, the agent's status), apart from the off periods before its hot and cold starts. The chamber
    /// brings the unit, which dissipates and settles above the shroud, to the extremes by moving the shroud.
    /// </summary>
    [Given("the DUT operates through the last {int} cycles at its nominal supply voltages, apart from the off periods before its hot and cold starts, monitored every {duration} with its rails within {percentage} of their settings")]
    [StepExample("Given the DUT operates through the last 27 cycles at its nominal supply voltages, apart from the off periods before its hot and cold starts, monitored every 10 min with its rails within 1 % of their settings")]
    [RequiresRole(BenchRoles.DutSupply)]
    [RequiresRole(BenchRoles.Dut)]
    public void Operating(int cycles, Duration interval, Percentage regulation) => OperatingFrom(cycles, interval, regulation, null);

    /// <summary>Operates the DUT through the cycles as <see cref="Operating"/> does, the monitoring's notes naming where the rails' regulation comes from.</summary>
    [Given("the DUT operates through the last {int} cycles at its nominal supply voltages, apart from the off periods before its hot and cold starts, monitored every {duration} with its rails within {percentage} of their settings, a limit from {string}")]
    [StepExample("Given the DUT operates through the last 27 cycles at its nominal supply voltages, apart from the off periods before its hot and cold starts, monitored every 10 min with its rails within 1 % of their settings, a limit from \"the procedure's rail regulation\"")]
    [RequiresRole(BenchRoles.DutSupply)]
    [RequiresRole(BenchRoles.Dut)]
    public void OperatingWithSource(int cycles, Duration interval, Percentage regulation, string source) => OperatingFrom(cycles, interval, regulation, source);

    private void OperatingFrom(int cycles, Duration interval, Percentage regulation, string? source)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(cycles);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(interval.SiValue, nameof(interval));
        cycling.OperatingCycles = cycles;
        cycling.MonitorInterval = TimeSpan.FromSeconds(interval.SiValue);
        _operatingRegulation = regulation;
        _operatingRegulationSource = source;
        ArmOperating(regulation, source);
    }

    private void ArmOperating(Quantity regulation, string? source)
    {
        cycling.SwitchOn = () => rails.PowerAsync(rail => rail.NominalVoltage);
        cycling.SwitchOff = () => rails.OffAsync();
        cycling.Monitor = (cycle, kelvin) => monitor.CheckAsync(cycle, kelvin, regulation, source);
    }

    private void ArmPerformanceTest(Quantity regulation, int lastCycles, Quantity? minimumOff, string? source)
    {
        _performanceRegulation = regulation;
        _regulationSource = source;
        _minimumOff = minimumOff;
        cycling.TestedLastCycles = lastCycles;
        cycling.TestAtExtremes = kelvin => PerformanceTestAsync(kelvin, regulation, source);
    }

    /// <summary>
    /// A resumed scenario: the performance test at the extremes is armed again (a delegate is not data); a chamber
    /// that had been pumped down is pumped down again — the settings restore switched its pump on; this waits until
    /// the pressure is back at or below the limit the pump-down step reached, without measuring it again; and a DUT a
    /// completed step had held at a temperature is brought back there (<see cref="HoldAgainAsync"/>).
    /// </summary>
    public async Task ReestablishAsync(DateTimeOffset settingsRestoredAt, CancellationToken cancellationToken)
    {
        if (_held is { } held && bench.HasRole(BenchRoles.ThermalChamber))
        {
            await HoldAgainAsync(held, cancellationToken);
        }

        if (_performanceRegulation is { } regulation)
        {
            cycling.TestAtExtremes = kelvin => PerformanceTestAsync(kelvin, regulation, _regulationSource);
        }

        if (_operatingRegulation is { } operating)
        {
            ArmOperating(operating, _operatingRegulationSource);
        }

        if (_pressureLimitPascal is { } limit && bench.HasRole(BenchRoles.ThermalChamber))
        {
            var vacuum = Vacuum();
            await vacuum.SetVacuumAsync(true, cancellationToken);
            await bench.WaitUntilAsync(async ct => await vacuum.MeasurePressureAsync(ct) <= limit, TimeSpan.FromMinutes(5), PumpDownAgainWithin, cancellationToken);
        }
    }

    /// <summary>
    /// After a resume, waits until the chamber is back at the setpoint the completed hold reached, its DUT steady: the
    /// settings restore has set the chamber's setpoint again (the hold's, corrected for self-heating), but after a power
    /// failure the air and the DUT may have drifted towards the room. Nothing is commanded or measured for the record:
    /// it polls as the hold does until its criteria hold again, at once if they already do (a simulated bench's restored
    /// world carries the temperature, so no bench time passes there). A later step that moved the chamber on (a cycle,
    /// an anneal) left another setpoint: that step, run again, brings the chamber where it needs it, so this waits for
    /// nothing then.
    /// </summary>
    private async Task HoldAgainAsync(HeldTemperature held, CancellationToken cancellationToken)
    {
        var chamber = control.Chamber;
        if (Math.Abs(await chamber.GetSetpointAsync(cancellationToken) - held.SetpointKelvin) > 0.01)
        {
            return;
        }

        var previous = double.NaN;
        var dut = double.NaN;
        var back = await bench.WaitUntilAsync(
            async ct =>
            {
                var air = await chamber.MeasureAirTemperatureAsync(ct);
                dut = await chamber.MeasureDutTemperatureAsync(ct);
                // Already there at the first look: the DUT did not move (a cut without a power failure). Otherwise steady, as the hold asks.
                var steady = double.IsNaN(previous) || Math.Abs(dut - previous) < SteadyKelvin;
                previous = dut;
                // The air, not the DUT, is judged against the hold: a later step may have powered the DUT, which then sits
                // above the air by its self-heating (the latch-up suite's DUT at 137 °C in 125 °C air), as it did before the cut.
                return steady && Math.Abs(air - held.SetpointKelvin) < AirWithinKelvin;
            },
            TimeSpan.FromMinutes(2), HoldAgainWithin, cancellationToken);
        if (!back)
        {
            throw new TimeoutException($"After the resume the thermal chamber did not bring the DUT back to {held.DutKelvin - 273.15:0.#} °C within {HoldAgainWithin.TotalHours:0} h of bench time (DUT at {dut - 273.15:0.#} °C).");
        }
    }

    /// <summary>What a completed hold reached: the DUT's temperature asked for and the chamber setpoint that gave it, K.</summary>
    internal sealed record HeldTemperature(double DutKelvin, double SetpointKelvin);

    /// <summary>Starts the pump-down and waits until the chamber pressure is at or below the stated pressure.</summary>
    [Given("the thermal chamber is pumped down to at most {pressure} within {duration}")]
    [StepExample("Given the thermal chamber is pumped down to at most 1e-4 Torr within 4 h")]
    [RequiresRole(BenchRoles.ThermalChamber, Capability = typeof(IThermalVacuumChamber))]
    public Task PumpDown(Pressure pressure, Duration within) => PumpDownFrom(pressure, null, within, null);

    /// <summary>Pumps the chamber down as <see cref="PumpDown"/> does, the report naming where the pressure and the pump-down time come from.</summary>
    [Given("the thermal chamber is pumped down to at most {pressure}, a limit from {string}, within {duration}, a limit from {string}")]
    [StepExample("Given the thermal chamber is pumped down to at most 1e-4 Torr, a limit from \"SMC-S-016 §4.7\", within 4 h, a limit from \"the facility's pump-down allowance\"")]
    [RequiresRole(BenchRoles.ThermalChamber, Capability = typeof(IThermalVacuumChamber))]
    public Task PumpDownWithSource(Pressure pressure, string pressureSource, Duration within, string withinSource) => PumpDownFrom(pressure, pressureSource, within, withinSource);

    private async Task PumpDownFrom(Pressure pressure, string? pressureSource, Duration within, string? withinSource)
    {
        var vacuum = Vacuum();
        _pressureLimitPascal = pressure.SiValue;
        var started = bench.Clock.GetUtcNow();
        await vacuum.SetVacuumAsync(true);
        await bench.WaitUntilAsync(async ct => await vacuum.MeasurePressureAsync(ct) <= pressure.SiValue, TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(within.SiValue));
        var reached = await vacuum.MeasurePressureAsync();
        var role = bench.Role<IThermalChamber>(BenchRoles.ThermalChamber);
        results.Measure("chamber pressure after pump-down", Quantity.FromSi(reached, pressure.Unit), Limit.AtMost(pressure), role.Name, role.InstrumentLabel, null, LimitSources.DecisionIfStated(pressureSource));
        results.Measure("pump-down time", new Quantity((bench.Clock.GetUtcNow() - started).TotalHours, Units.Hour), Limit.AtMost(within.ConvertTo(Units.Hour)), role.Name, role.InstrumentLabel, null, LimitSources.DecisionIfStated(withinSource));
    }

    /// <summary>Cycles the DUT hot then cold, dwelling at each extreme once it has settled (thermal cycling, at ambient pressure).</summary>
    [When("the thermal chamber cycles the DUT {int} times between {temperature} and {temperature}, dwelling {duration} at each extreme once settled")]
    [StepExample("When the thermal chamber cycles the DUT 10 times between -55 °C and 125 °C, dwelling 15 min at each extreme once settled")]
    public Task Cycle(int cycles, Temperature cold, Temperature hot, Duration dwell) =>
        cycling.RunAsync(cycles, cold.SiValue, hot.SiValue, TimeSpan.FromSeconds(dwell.SiValue), TimeSpan.FromSeconds(dwell.SiValue), inVacuum: false);

    /// <summary>Cycles the DUT in vacuum, soaking longer at the extremes of the first and last cycles than at the others (SMC-S-016 §4.7).</summary>
    [When("the thermal chamber cycles the DUT {int} times between {temperature} and {temperature} in vacuum, soaking {duration} at the extremes of the first and last cycles and {duration} at the others")]
    [StepExample("When the thermal chamber cycles the DUT 4 times between -34 °C and 71 °C in vacuum, soaking 6 h at the extremes of the first and last cycles and 4 h at the others")]
    [RequiresRole(BenchRoles.ThermalChamber, Capability = typeof(IThermalVacuumChamber))]
    public Task CycleInVacuum(int cycles, Temperature cold, Temperature hot, Duration soak, Duration dwell)
    {
        Vacuum();
        return cycling.RunAsync(cycles, cold.SiValue, hot.SiValue, TimeSpan.FromSeconds(dwell.SiValue), TimeSpan.FromSeconds(soak.SiValue), inVacuum: true);
    }

    private async Task<bool> PerformanceTestAsync(double kelvin, Quantity regulation, string? regulationSource)
    {
        var where = new Dictionary<string, Quantity> { ["chamber setpoint"] = Quantity.FromSi(kelvin, Units.DegreeCelsius) };
        var recorded = new List<MeasurementRecorded>();
        var now = bench.Clock.GetUtcNow();
        if (_minimumOff is { } minimumOff && cycling.TestIsStart)
        {
            // Off since the cycling started, the last test switched it off, or the cycling switched the operating DUT off before this start: the latest.
            var offSince = new[] { _offSince, cycling.SwitchedOffAt, cycling.StartedAt }.Max() ?? now;
            var start = kelvin > ThermalChamberSpecAmbientKelvin ? "hot" : "cold";
            results.RecordEvent(BenchEventKind.Note, BenchRoles.Dut, $"{char.ToUpperInvariant(start[0])}{start[1..]} start at {kelvin - 273.15:0.#} °C.");
            recorded.Add(results.Measure($"time off before the {start} start", new Quantity((now - offSince).TotalHours, Units.Hour), Limit.AtLeast(minimumOff.ConvertTo(Units.Hour)),
                BenchRoles.Dut, null, where, "limit from SMC-S-016 §4.7 (hot and cold starts after the unit has been off)"));
        }
        else
        {
            results.RecordEvent(BenchEventKind.Note, BenchRoles.Dut, $"Performance test at {kelvin - 273.15:0.#} °C.");
        }

        if (!cycling.DutOn)
        {
            await rails.PowerAsync(rail => rail.NominalVoltage);
        }

        foreach (var source in rails.Sources)
        {
            var setting = rails.Setting(source.Rail)!.Value;
            var conditions = new Dictionary<string, Quantity>(where) { [$"{source.Rail} rail voltage setting"] = setting };
            recorded.Add(results.Measure(
                $"{source.Rail} rail voltage", new Quantity(await source.MeasureVoltageAsync(), Units.Volt),
                Limit.Within(setting, Quantity.FromSi(setting.SiValue * regulation.SiValue, Units.Volt)), source.Role, source.Instrument, conditions, LimitSources.DecisionIfStated(regulationSource)));
            recorded.Add(await DutPowerSteps.MeasureRailCurrentAsync(rails, results, source, null));
        }

        recorded.Add(await DutSteps.JunctionTemperatureAsync(bench, results, where));
        recorded.Add(await DutSteps.FunctionalTestAsync(bench, results, where));
        if (!cycling.LeaveOnAfterTest)
        {
            await rails.OffAsync();
            _offSince = bench.Clock.GetUtcNow();
        }

        return recorded.All(m => m.Verdict is Verdict.Pass or Verdict.NotSet);
    }

    /// <summary>Room temperature, K: an extreme above it is a hot start, below it a cold one.</summary>
    private const double ThermalChamberSpecAmbientKelvin = 296.15;


    /// <summary>The thermal chamber as a thermal-vacuum chamber; a configuration error naming the bench file if it is not one.</summary>
    private IThermalVacuumChamber Vacuum() => bench.Role<IThermalVacuumChamber>(BenchRoles.ThermalChamber).Instrument;

    private static double Difference(Quantity temperature) => Math.Abs(temperature.Value * temperature.Unit.Scale);
}
