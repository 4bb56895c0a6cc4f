using SpaceTestBench.Results.Quantities;
using SpaceTestBench.Steps.Bindings;

namespace SpaceTestBench.Steps.Planning.Estimates;

/// <summary>
/// Bench time of the thermal chamber's steps: holds, cycles (ramps at the ramp rate, settling by the
/// scenario's criteria, dwells and soaks) and pump-downs, from the planner's chamber model.
/// </summary>
internal static class ThermalEstimates
{
    public static void Register(BenchTimeEstimates estimates)
    {
        estimates
            .Add<ThermalChamberSteps>(nameof(ThermalChamberSteps.Hold), static (c, a) =>
            {
                var from = c.Thermal.Dut;
                var seconds = c.Thermal.HoldDutAt(a.Si(0), c.RampKelvinPerSecond);
                return StepEstimate.Seconds(seconds, $"from {from - 273.15:0} °C to {a.Quantity(0)}{Assumed(c)}");
            })
            .Add<ThermalChamberSteps>(nameof(ThermalChamberSteps.Ramp), static (c, a) =>
            {
                c.RampKelvinPerSecond = a.Si(0);
                return StepEstimate.Instant;
            })
            .Add<ThermalChamberSteps>(nameof(ThermalChamberSteps.SettleCriteria), SettleCriteria)
            .Add<ThermalChamberSteps>(nameof(ThermalChamberSteps.SettleCriteriaWithSource), SettleCriteria)
            .Add<ThermalChamberSteps>(nameof(ThermalChamberSteps.PerformanceAtExtremes), static (c, _) => PerformanceTest(c, 1))
            .Add<ThermalChamberSteps>(nameof(ThermalChamberSteps.PerformanceAtExtremesWithSource), static (c, _) => PerformanceTest(c, 1))
            .Add<ThermalChamberSteps>(nameof(ThermalChamberSteps.HotAndColdStarts), static (c, a) => PerformanceTest(c, a.Get<int>(0)))
            .Add<ThermalChamberSteps>(nameof(ThermalChamberSteps.HotAndColdStartsWithSource), static (c, a) => PerformanceTest(c, a.Get<int>(0)))
            .Add<ThermalChamberSteps>(nameof(ThermalChamberSteps.PumpDown), static (c, a) => PumpDown(c, a.Quantity(0), a.Quantity(1)))
            .Add<ThermalChamberSteps>(nameof(ThermalChamberSteps.PumpDownWithSource), static (c, a) => PumpDown(c, a.Quantity(0), a.Quantity(2)))
            .Add<ThermalChamberSteps>(nameof(ThermalChamberSteps.Cycle), static (c, a) =>
                Cycles(c, a.Get<int>(0), a.Si(1), a.Si(2), TimeSpan.FromSeconds(a.Si(3)), TimeSpan.FromSeconds(a.Si(3))))
            .Add<ThermalChamberSteps>(nameof(ThermalChamberSteps.CycleInVacuum), static (c, a) =>
                Cycles(c, a.Get<int>(0), a.Si(1), a.Si(2), TimeSpan.FromSeconds(a.Si(4)), TimeSpan.FromSeconds(a.Si(3))))
            .Instant<ThermalChamberJudgementSteps>(
                nameof(ThermalChamberJudgementSteps.Transfers), nameof(ThermalChamberJudgementSteps.TransfersWithSource), nameof(ThermalChamberJudgementSteps.Dwells), nameof(ThermalChamberJudgementSteps.DwellsWithSource),
                nameof(ThermalChamberJudgementSteps.Soaks), nameof(ThermalChamberJudgementSteps.LastCyclesFailureFree), nameof(ThermalChamberJudgementSteps.PressureThroughout), nameof(ThermalChamberJudgementSteps.PressureThroughoutWithSource),
                nameof(ThermalChamberJudgementSteps.MonitoringFailureFree))
            .Add<ThermalChamberSteps>(nameof(ThermalChamberSteps.Operating), static (c, a) => Operating(c, a.Get<int>(0)))
            .Add<ThermalChamberSteps>(nameof(ThermalChamberSteps.OperatingWithSource), static (c, a) => Operating(c, a.Get<int>(0)));
    }

    private static StepEstimate SettleCriteria(PlanContext context, StepArguments arguments)
    {
        context.Settle = (Math.Abs(arguments.Quantity(0).Value * arguments.Quantity(0).Unit.Scale), Math.Abs(arguments.Si(1)), TimeSpan.FromSeconds(arguments.Si(2)));
        return StepEstimate.Instant;
    }

    private static StepEstimate PerformanceTest(PlanContext context, int lastCycles)
    {
        context.PerformanceAtExtremes = true;
        context.PerformanceLastCycles = lastCycles;
        return StepEstimate.Instant;
    }

    private static StepEstimate PumpDown(PlanContext context, Quantity pressure, Quantity within)
    {
        context.Thermal.Vacuum = true;
        return StepEstimate.AtMost(TimeSpan.FromSeconds(within.SiValue), $"pumping down to {pressure}: at most {within} (the bench file states no pump-down time)");
    }

    /// <summary>
    /// <see cref="Procedures.ThermalCycling.RunAsync"/>: per cycle hot then cold, each a transfer, settling and a dwell (a soak in
    /// the first and last). An operating DUT (the last <see cref="PlanContext.OperatingCycles"/> cycles) is on through the
    /// transitions, dissipating, so the shroud is moved for it as the procedure does, and off from the transition to a hot or cold
    /// start; a start, or a switch-on, waits for the boot.
    /// </summary>
    private static StepEstimate Cycles(PlanContext context, int cycles, double cold, double hot, TimeSpan dwell, TimeSpan soak)
    {
        var seconds = 0.0;
        var boot = context.BootTime?.TotalSeconds ?? 0;
        for (var cycle = 1; cycle <= cycles; cycle++)
        {
            var edge = cycle == 1 || cycle == cycles;
            var tested = context.PerformanceAtExtremes && (cycle == 1 || cycle > cycles - context.PerformanceLastCycles);
            var operating = cycle > cycles - context.OperatingCycles;
            foreach (var extreme in new[] { hot, cold })
            {
                var start = tested && (!operating || cycle == 1 || cycle == cycles);
                if (operating && !start && !context.Thermal.DutOn)
                {
                    context.Thermal.DutOn = true;
                    seconds += boot;
                }
                else if (!(operating && !start))
                {
                    context.Thermal.DutOn = false;
                }

                seconds += context.Thermal.CycleExtreme(extreme, context.RampKelvinPerSecond, context.Settle, edge ? soak : dwell);
                if (tested)
                {
                    seconds += start ? boot : 0;
                    context.Thermal.DutOn = operating;
                }
            }
        }

        context.Thermal.DutOn = false;
        var ramp = context.RampKelvinPerSecond is { } rate ? $"{rate * 60:0.##} K/min" : "the chamber's fastest";
        var operatingNote = context.OperatingCycles > 0 ? $", the DUT operating through the last {context.OperatingCycles}" : "";
        return StepEstimate.Seconds(seconds, $"{cycles} cycles of {hot - cold:0} K at {ramp}, settling, dwells {dwell.TotalMinutes:0} min, soaks {soak.TotalMinutes:0} min{operatingNote}{Assumed(context)}");
    }

    private static StepEstimate Operating(PlanContext context, int cycles)
    {
        context.OperatingCycles = cycles;
        return StepEstimate.Instant;
    }

    private static string Assumed(PlanContext context) => context.Thermal.Stated ? "" : " (DUT time constant assumed: the profile states none)";
}
