using Reqnroll;
using SpaceTestBench.Bench;
using SpaceTestBench.Instruments.Roles;
using SpaceTestBench.Results;
using SpaceTestBench.Results.Quantities;
using SpaceTestBench.Results.Recording;
using SpaceTestBench.Steps.Catalog;
using SpaceTestBench.Steps.Parameters;
using SpaceTestBench.Steps.Procedures;

namespace SpaceTestBench.Steps.Bindings;

/// <summary>
/// Judgements of what the thermal chamber's cycling recorded (the steps in <see cref="ThermalChamberSteps"/> run it):
/// transfers, dwells and soaks at the extremes, the performance tests and the monitoring of the last cycles, and the
/// chamber pressure in vacuum. They read the cycling's records and touch no instrument.
/// </summary>
[Binding]
[RequiresRole(BenchRoles.ThermalChamber)]
public sealed class ThermalChamberJudgementSteps(BenchSession bench, ScenarioRecorder results, ThermalCycling cycling)
{
    /// <summary>
    /// Judges the monitoring of the operating DUT over the last cycles (SMC-S-016 §4.7: the last cycles failure-free):
    /// every one of those cycles monitored at least once, and no check that found a rail out of regulation, the
    /// junction above its rating or the DUT hung or failed. Each failed check is a note saying what it found.
    /// </summary>
    [Then("the monitoring of the last {int} cycles was failure-free, a limit from {string}")]
    [StepExample("Then the monitoring of the last 3 cycles was failure-free, a limit from \"SMC-S-016 §4.7\"")]
    public void MonitoringFailureFree(int lastCycles, string source)
    {
        if (cycling.OperatingCycles == 0)
        {
            throw new InvalidOperationException("The DUT did not operate through the cycles (no 'the DUT operates through the last … cycles' step): there is no monitoring to judge.");
        }

        var first = cycling.CyclesRun - lastCycles + 1;
        var checks = cycling.MonitorChecks.Where(c => c.Cycle >= first).ToList();
        var where = new Dictionary<string, Quantity> { ["cycles"] = new(lastCycles, Units.One), ["monitoring checks"] = new(checks.Count, Units.One), ["monitoring interval"] = new(cycling.MonitorInterval.TotalMinutes, Units.Minute) };
        results.Measure("last cycles monitored while operating", new Quantity(checks.Select(c => c.Cycle).Distinct().Count(), Units.One), Limit.AtLeast(new Quantity(Math.Min(lastCycles, cycling.CyclesRun), Units.One)),
            BenchRoles.Dut, null, where, LimitSources.DecisionIfStated(source));
        results.Measure("failed monitoring checks in the last cycles", new Quantity(checks.Count(c => !c.Passed), Units.One), Limit.AtMost(new Quantity(0, Units.One)),
            BenchRoles.Dut, null, where, LimitSources.DecisionIfStated(source));
    }

    /// <summary>Judges every transfer: from the setpoint change until the DUT was within tolerance of the new extreme.</summary>
    [Then("every transfer between the extremes took at most {duration}")]
    [StepExample("Then every transfer between the extremes took at most 60 min")]
    public void Transfers(Duration longest) => TransfersFrom(longest, null);

    /// <summary>Judges every transfer as <see cref="Transfers"/> does, the report naming where the limit comes from.</summary>
    [Then("every transfer between the extremes took at most {duration}, a limit from {string}")]
    [StepExample("Then every transfer between the extremes took at most 60 min, a limit from \"the ramp capability of the bench chamber\"")]
    public void TransfersWithSource(Duration longest, string source) => TransfersFrom(longest, source);

    private void TransfersFrom(Duration longest, string? source)
    {
        var role = bench.Role<IThermalChamber>(BenchRoles.ThermalChamber);
        foreach (var t in cycling.Transfers)
        {
            results.Measure(
                "transfer time", new Quantity(t.Took.TotalMinutes, Units.Minute), Limit.AtMost(longest.ConvertTo(Units.Minute)), role.Name, role.InstrumentLabel,
                new Dictionary<string, Quantity> { ["chamber setpoint"] = Quantity.FromSi(t.SetpointKelvin, Units.DegreeCelsius) }, LimitSources.DecisionIfStated(source), t.Reached);
        }
    }

    /// <summary>
    /// Verifies every dwell at the extremes from the recorded temperatures with the report's dwell analysis and
    /// this scenario's settling criteria: the DUT stable (within tolerance, its rate under the maximum over the
    /// window) for at least the stated time, and stable throughout (ECSS-E-ST-10-03C 5.5.4).
    /// </summary>
    [Then("every dwell at the extremes held the DUT settled for at least {duration}")]
    [StepExample("Then every dwell at the extremes held the DUT settled for at least 15 min")]
    public void Dwells(Duration shortest) => DwellsFrom(shortest, null);

    /// <summary>Verifies every dwell as <see cref="Dwells"/> does, the report naming where the limit comes from.</summary>
    [Then("every dwell at the extremes held the DUT settled for at least {duration}, a limit from {string}")]
    [StepExample("Then every dwell at the extremes held the DUT settled for at least 4 h, a limit from \"SMC-S-016 §4.7 (thermal vacuum dwell)\"")]
    public void DwellsWithSource(Duration shortest, string source) => DwellsFrom(shortest, source);

    /// <summary>
    /// Verifies the soaks at the extremes of the first and last cycles alone (SMC-S-016 §4.7: longer soaks there than at
    /// the intermediate cycles), from the recorded temperatures with the report's dwell analysis: each of those four
    /// plateaus held the DUT stable for at least the stated time, and stable throughout.
    /// </summary>
    [Then("the soaks at the extremes of the first and last cycles held the DUT settled for at least {duration}, a limit from {string}")]
    [StepExample("Then the soaks at the extremes of the first and last cycles held the DUT settled for at least 6 h, a limit from \"SMC-S-016 §4.7\"")]
    public void Soaks(Duration shortest, string source)
    {
        var role = bench.Role<IThermalChamber>(BenchRoles.ThermalChamber);
        var plateaus = cycling.VerifyDwells(TimeSpan.FromSeconds(shortest.SiValue)).Plateaus;
        var cycles = cycling.CyclesRun;
        if (cycles == 0 || plateaus.Count != 2 * cycles)
        {
            throw new InvalidOperationException($"The recorded profile has {plateaus.Count} plateaus, not the two per cycle of {cycles} cycles: the soaks of the first and last cycles cannot be told apart.");
        }

        var edges = new[] { 0, 1, plateaus.Count - 2, plateaus.Count - 1 }.Distinct();
        foreach (var index in edges)
        {
            var plateau = plateaus[index];
            var where = new Dictionary<string, Quantity>
            {
                ["chamber setpoint"] = Quantity.FromSi(plateau.Setpoint, Units.DegreeCelsius),
                ["cycle"] = new(index < 2 ? 1 : cycles, Units.One),
            };
            if (plateau.Reason is { } reason)
            {
                results.RecordEvent(BenchEventKind.Note, role.Name, $"Soak at {plateau.Setpoint - 273.15:0.#} °C: {reason}");
            }

            // Measured when the soak ended (during the cycling), not when this Then step judges it.
            var ended = cycling.EndOf(plateau);
            results.Measure("soak with the DUT settled", new Quantity(plateau.Dwell.TotalMinutes, Units.Minute),
                Limit.AtLeast(shortest.ConvertTo(Units.Minute)), role.Name, role.InstrumentLabel, where, LimitSources.DecisionIfStated(source), ended);
            if (!double.IsNaN(plateau.MaximumRateAfterStable))
            {
                results.Measure("largest DUT rate after settling", new Quantity(plateau.MaximumRateAfterStable, Units.Parse("K/h")),
                    Limit.AtMost(new Quantity(cycling.MaximumRateKelvinPerSecond * 3600, Units.Parse("K/h"))), role.Name, role.InstrumentLabel, where, StabilitySource(), ended);
            }
        }
    }

    /// <summary>
    /// Judges that the DUT passed every performance test at the extremes of the last cycles (SMC-S-016 §4.7: the last
    /// cycles failure-free): the count of failed tests there, at most none. Each test's own measurements are judged
    /// where they were taken; this states the criterion over the cycles, and fails if those cycles were not all tested.
    /// </summary>
    [Then("the performance tests of the last {int} cycles were failure-free, a limit from {string}")]
    [StepExample("Then the performance tests of the last 3 cycles were failure-free, a limit from \"SMC-S-016 §4.7\"")]
    public void LastCyclesFailureFree(int lastCycles, string source)
    {
        var cycles = cycling.CyclesRun;
        var first = cycles - lastCycles + 1;
        var tests = cycling.PerformanceTests.Where(t => t.Cycle >= first).ToList();
        var testedCycles = tests.Select(t => t.Cycle).Distinct().Count();
        var where = new Dictionary<string, Quantity> { ["cycles"] = new(lastCycles, Units.One), ["performance tests"] = new(tests.Count, Units.One) };
        results.Measure("last cycles with a performance test at both extremes", new Quantity(testedCycles, Units.One), Limit.AtLeast(new Quantity(Math.Min(lastCycles, cycles), Units.One)),
            BenchRoles.Dut, null, where, LimitSources.DecisionIfStated(source));
        results.Measure("failed performance tests in the last cycles", new Quantity(tests.Count(t => !t.Passed), Units.One), Limit.AtMost(new Quantity(0, Units.One)),
            BenchRoles.Dut, null, where, LimitSources.DecisionIfStated(source));
    }

    /// <summary>
    /// The source of the rate-after-settling limit: the settling criteria's own (a dwell's clause need not state a
    /// rate: JESD22-A104's soak does not), or, when the scenario names none, the procedure's.
    /// </summary>
    private string StabilitySource() => cycling.StabilitySource is { } stated
        ? LimitSources.Decision(stated)
        : LimitSources.Procedure("the settling criterion the scenario sets, no source stated");

    private void DwellsFrom(Duration shortest, string? source)
    {
        var role = bench.Role<IThermalChamber>(BenchRoles.ThermalChamber);
        var verified = cycling.VerifyDwells(TimeSpan.FromSeconds(shortest.SiValue));
        var recorded = new List<MeasurementRecorded>();
        foreach (var plateau in verified.Plateaus.Where(p => p.Judged))
        {
            var where = new Dictionary<string, Quantity> { ["chamber setpoint"] = Quantity.FromSi(plateau.Setpoint, Units.DegreeCelsius) };
            if (plateau.Reason is { } reason)
            {
                results.RecordEvent(BenchEventKind.Note, role.Name, $"Dwell at {plateau.Setpoint - 273.15:0.#} °C: {reason}");
            }

            // Measured when the dwell ended (during the cycling), not when this Then step judges it.
            var ended = cycling.EndOf(plateau);
            recorded.Add(results.Measure("dwell with the DUT settled", new Quantity(plateau.Dwell.TotalMinutes, Units.Minute),
                Limit.AtLeast(shortest.ConvertTo(Units.Minute)), role.Name, role.InstrumentLabel, where, LimitSources.DecisionIfStated(source), ended));
            // A plateau on which the DUT never settled has no rate after settling: its dwell (none) is what fails it.
            if (!double.IsNaN(plateau.MaximumRateAfterStable))
            {
                recorded.Add(results.Measure("largest DUT rate after settling", new Quantity(plateau.MaximumRateAfterStable, Units.Parse("K/h")),
                    Limit.AtMost(new Quantity(cycling.MaximumRateKelvinPerSecond * 3600, Units.Parse("K/h"))), role.Name, role.InstrumentLabel, where, StabilitySource(), ended));
            }
        }

        if (recorded.Count == 0)
        {
            throw new InvalidOperationException($"No plateau of the profile lasted {shortest}: there was no dwell to verify.");
        }

    }

    /// <summary>Judges the highest chamber pressure seen while cycling in vacuum.</summary>
    [Then("the chamber pressure stayed at most {pressure} throughout")]
    [StepExample("Then the chamber pressure stayed at most 1e-4 Torr throughout")]
    [RequiresRole(BenchRoles.ThermalChamber, Capability = typeof(IThermalVacuumChamber))]
    public void PressureThroughout(Pressure pressure) => PressureFrom(pressure, null);

    /// <summary>Judges the highest pressure as <see cref="PressureThroughout"/> does, the report naming where the limit comes from.</summary>
    [Then("the chamber pressure stayed at most {pressure} throughout, a limit from {string}")]
    [StepExample("Then the chamber pressure stayed at most 1e-4 Torr throughout, a limit from \"SMC-S-016 §4.7\"")]
    [RequiresRole(BenchRoles.ThermalChamber, Capability = typeof(IThermalVacuumChamber))]
    public void PressureThroughoutWithSource(Pressure pressure, string source) => PressureFrom(pressure, source);

    private void PressureFrom(Pressure pressure, string? source)
    {
        if (double.IsNaN(cycling.HighestPascal))
        {
            throw new InvalidOperationException("No cycle in vacuum was run in this scenario: there is no pressure to judge.");
        }

        var role = bench.Role<IThermalChamber>(BenchRoles.ThermalChamber);
        results.Measure("highest chamber pressure while cycling", Quantity.FromSi(cycling.HighestPascal, pressure.Unit), Limit.AtMost(pressure), role.Name, role.InstrumentLabel, null, LimitSources.DecisionIfStated(source));
    }
}
