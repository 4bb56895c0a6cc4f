using SpaceTestBench.Steps.Bindings;

namespace SpaceTestBench.Steps.Planning.Estimates;

/// <summary>
/// Bench time of the thermal shock chamber's steps: the zones reaching their setpoints, and per extreme the basket's
/// transfer, the load reaching the extreme as a first-order lag behind the zone air with its stated time constant,
/// and the dwell.
/// </summary>
internal static class ThermalShockEstimates
{
    // Catalogue figures of a 100 l two-zone chamber: about half an hour from room temperature to −65/+150 °C, 10 s transfers.
    private static readonly TimeSpan ZonesFromRoom = TimeSpan.FromMinutes(30);
    private const double TransferSeconds = 10;

    public static void Register(BenchTimeEstimates estimates)
    {
        estimates
            .Add<ThermalShockSteps>(nameof(ThermalShockSteps.HoldZones), static (c, a) =>
            {
                var first = c.ShockZones is null;
                c.ShockZones = (a.Si(0), a.Si(1));
                return first
                    ? StepEstimate.Of(ZonesFromRoom, "zones from room temperature to their setpoints, the catalogue figure of a 100 l two-zone chamber")
                    : StepEstimate.Of(TimeSpan.FromMinutes(10), "zones from their previous setpoints, the catalogue figure of a 100 l two-zone chamber");
            })
            .Add<ThermalShockSteps>(nameof(ThermalShockSteps.LoadLot), static (c, a) =>
            {
                c.ShockLoadTimeConstant = TimeSpan.FromSeconds(a.Si(0));
                return StepEstimate.Instant;
            })
            .Add<ThermalShockSteps>(nameof(ThermalShockSteps.Cycle), static (c, a) => Cycles(c, a.Get<int>(0), a.Si(1), a.Si(2), TimeSpan.FromSeconds(a.Si(3))))
            .Instant<ThermalShockSteps>(nameof(ThermalShockSteps.Transfers), nameof(ThermalShockSteps.Reach), nameof(ThermalShockSteps.Dwell), nameof(ThermalShockSteps.Tolerances));
    }

    /// <summary><see cref="Procedures.ThermalShockCycling.RunAsync"/>: per cycle cold then hot, each a transfer, the load's lag to the extreme and the dwell.</summary>
    private static StepEstimate Cycles(PlanContext context, int cycles, double cold, double hot, TimeSpan dwell)
    {
        if (context.ShockZones is not { } zones || context.ShockLoadTimeConstant is not { } tau)
        {
            return StepEstimate.Unknown("the zones' setpoints and the load's time constant are stated by earlier steps of the scenario, and these were not");
        }

        var seconds = 0.0;
        var load = Procedures.ThermalShockCycling.RoomKelvin;
        for (var cycle = 1; cycle <= cycles; cycle++)
        {
            foreach (var (air, extreme) in new[] { (zones.Cold, cold), (zones.Hot, hot) })
            {
                // First order: T(t) = air + (T0 − air)·e^(−t/τ); the load is at the extreme when it has closed (T0 − extreme) of the gap.
                var gap = (load - air) / (extreme - air);
                if (gap <= 1 || double.IsNaN(gap))
                {
                    return StepEstimate.Unknown($"a zone at {air - 273.15:0.#} °C does not bring the load past {extreme - 273.15:0.#} °C");
                }

                seconds += TransferSeconds + (tau.TotalSeconds * Math.Log(gap)) + dwell.TotalSeconds;
                load = air;
            }
        }

        return StepEstimate.Seconds(seconds, $"{cycles} cycles, the load (τ = {tau.TotalMinutes:0.#} min) lagging the zone air to each extreme, dwells {dwell.TotalMinutes:0} min");
    }
}
