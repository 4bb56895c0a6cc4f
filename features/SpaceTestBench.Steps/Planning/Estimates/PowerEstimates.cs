using SpaceTestBench.Steps.Bindings;
using SpaceTestBench.Steps.Procedures;

namespace SpaceTestBench.Steps.Planning.Estimates;

/// <summary>Bench time of the power, rail, DUT, sample and wait steps: their waits, delays and ramps, and the DUT's boot time.</summary>
internal static class PowerEstimates
{
    public static void Register(BenchTimeEstimates estimates)
    {
        estimates
            .Add<BenchSteps>(nameof(BenchSteps.Wait), static (_, a) => StepEstimate.Seconds(a.Si(0), $"a wait of {a.Quantity(0)}"))
            .Add<SampleSteps>(nameof(SampleSteps.FreshSample), static (c, _) =>
            {
                c.MountFresh();
                return Mount(c);
            })
            .Add<SampleSteps>(nameof(SampleSteps.UndamagedSample), static (c, _) =>
            {
                c.MountUndamaged();
                return Mount(c);
            })
            .Add<SampleSteps>(nameof(SampleSteps.TakeLot), static (c, a) =>
            {
                c.MountFresh(a.Get<int>(0));
                return Mount(c);
            })
            .Add<SampleSteps>(nameof(SampleSteps.MountSamplePlan), static (c, a) =>
            {
                // The lot is mounted at once, in the exchange state; each sample's switch to the test station is a test round's.
                c.SamplePlan = (a.Get<int>(0), a.Get<int>(1), a.Get<int>(2));
                c.MountFresh(c.SamplePlan.Biased + c.SamplePlan.Unbiased + c.SamplePlan.Control);
                return Mount(c);
            })
            .Add<DutPowerSteps>(nameof(DutPowerSteps.PowerNominal), static (c, _) =>
            {
                c.PoweredAtMaximum = false;
                return Boot(c, null, "the DUT boots");
            })
            .Add<DutPowerSteps>(nameof(DutPowerSteps.PowerMaximum), static (c, _) =>
            {
                c.PoweredAtMaximum = true;
                return Boot(c, null, "the DUT boots");
            })
            .Add<DutPowerSteps>(nameof(DutPowerSteps.PowerFraction), static (c, _) => Boot(c, null, "the DUT boots"))
            .Instant<DutPowerSteps>(nameof(DutPowerSteps.PowerOff), nameof(DutPowerSteps.RailsRegulated), nameof(DutPowerSteps.RailsRegulatedWithSource), nameof(DutPowerSteps.RailCurrentsWithinProfile))
            .Add<DutSteps>(nameof(DutSteps.FunctionalTest), static (c, _) => RadiationEstimates.TestRound(c) is { } round ? round : StepEstimate.Instant)
            .Instant<DutSteps>(nameof(DutSteps.MemoryTest), nameof(DutSteps.Inference), nameof(DutSteps.JunctionWithinRating))
            .Instant<DutSupplySteps>(
                nameof(DutSupplySteps.OutputOff), nameof(DutSupplySteps.OutputOn), nameof(DutSupplySteps.CurrentLimitFromProfile), nameof(DutSupplySteps.CurrentLimit),
                nameof(DutSupplySteps.FractionOfNominal), nameof(DutSupplySteps.Voltage), nameof(DutSupplySteps.VoltageWithinSetting), nameof(DutSupplySteps.VoltageWithinSettingWithSource), nameof(DutSupplySteps.CurrentWithinProfile),
                nameof(DutSupplySteps.CurrentBetween), nameof(DutSupplySteps.OtherRails), nameof(DutSupplySteps.LatchingCurrentLimiter), nameof(DutSupplySteps.InrushDuration),
                nameof(DutSupplySteps.InrushDurationWithSource),
                nameof(DutSupplySteps.NotTripped), nameof(DutSupplySteps.CurrentAsBeforeOverload), nameof(DutSupplySteps.CurrentAsBeforeOverloadWithSource))
            .Add<DutSupplySteps>(nameof(DutSupplySteps.SwitchOnSampling), static (_, a) => StepEstimate.Seconds(a.Si(1), $"sampling for {a.Quantity(1)}"))
            .Add<DutSupplySteps>(nameof(DutSupplySteps.BootsWithin), static (c, a) => Boot(c, a.Quantity(0), "the DUT boots"))
            .Add<DutSupplySteps>(nameof(DutSupplySteps.BootsWithinWithSource), static (c, a) => Boot(c, a.Quantity(0), "the DUT boots"))
            .Add<DutSupplySteps>(nameof(DutSupplySteps.FaultSource), static (c, a) =>
            {
                c.OverCurrentDelay = TimeSpan.FromSeconds(a.Si(1));
                return StepEstimate.Instant;
            })
            .Add<DutSupplySteps>(nameof(DutSupplySteps.ApplyFault), static (c, a) => DutSupplyProtection(c)?.Physics is { } protection
                ? StepEstimate.Seconds(protection.ResponseSeconds, $"the DUT's protection response of {protection.ResponseSeconds * 1e3:0.###} ms (DUT profile)")
                : StepEstimate.AtMost(TimeSpan.FromSeconds(a.Si(2)), $"the DUT profile states no protection: at most the {a.Quantity(2)} of sampling"))
            .Instant<DutSupplySteps>(nameof(DutSupplySteps.HeldWithinMaximum), nameof(DutSupplySteps.SwitchedOffWithinResponse))
            .Add<DutSupplySteps>(nameof(DutSupplySteps.Recovers), static (c, a) =>
            {
                var boot = Boot(c, a.Quantity(0), "the DUT boots");
                var wait = DutSupplyProtection(c)?.Physics is { Recovery: Simulation.Dut.ProtectionRecovery.AutoRetry } retrying
                    ? TimeSpan.FromSeconds(retrying.RetrySeconds)
                    : TimeSpan.FromMilliseconds(100);
                return boot.Kind == EstimateKind.Estimated
                    ? StepEstimate.Of(boot.Duration!.Value + wait, $"{boot.Basis}, after {wait.TotalMilliseconds:0.###} ms off (its protection's retry period, or the power cycle)")
                    : boot;
            })
            .Add<RailSteps>(nameof(RailSteps.RailOnLater), static (_, a) => StepEstimate.Seconds(a.Si(1), $"a delay of {a.Quantity(1)}"))
            .Add<RailSteps>(nameof(RailSteps.RailOffLater), static (_, a) => StepEstimate.Seconds(a.Si(1), $"a delay of {a.Quantity(1)}"))
            .Add<RailSteps>(nameof(RailSteps.StaysOff), static (_, a) => StepEstimate.Seconds(a.Si(0), $"watching for {a.Quantity(0)}"))
            .Add<RailSteps>(nameof(RailSteps.BootsAfterRail), static (c, a) => Boot(c, a.Quantity(0), "the DUT boots"))
            .Add<RailSteps>(nameof(RailSteps.BootsAfterRailWithSource), static (c, a) => Boot(c, a.Quantity(0), "the DUT boots"))
            .Add<RailSteps>(nameof(RailSteps.Ramp), static (c, a) => RailRamp(c, a))
            .Add<RailSteps>(nameof(RailSteps.Dip), static (_, a) => StepEstimate.Seconds(a.Si(1), $"a dip of {a.Quantity(1)}"))
            .Add<RailSteps>(nameof(RailSteps.ResetOnce), static (c, a) => Restart(c, a.Quantity(0)))
            .Add<RailSteps>(nameof(RailSteps.ResetOnceWithSource), static (c, a) => Restart(c, a.Quantity(0)))
            .Instant<RailSteps>(nameof(RailSteps.RailOn), nameof(RailSteps.RailOff), nameof(RailSteps.IsOff), nameof(RailSteps.ResetWindow), nameof(RailSteps.ResetWindowWithSource));
    }

    /// <summary>The DUT's boot time from its profile; otherwise only the bound the step (or the rails' boot timeout) allows.</summary>
    private static StepEstimate Boot(PlanContext context, Results.Quantities.Quantity? within, string what)
    {
        if (context.BootTime is { } boot)
        {
            return StepEstimate.Of(boot, $"{what} in {boot.TotalSeconds:0.###} s (DUT profile)");
        }

        var bound = within is { } limit ? TimeSpan.FromSeconds(limit.SiValue) : DutRails.BootTimeout;
        return StepEstimate.AtMost(bound, $"the DUT profile states no boot time: at most {bound.TotalSeconds:0.###} s");
    }

    /// <summary>The restart after a dip or a ramp: the boot, less what of it ran while the rail was still ramping up.</summary>
    private static StepEstimate Restart(PlanContext context, Results.Quantities.Quantity within)
    {
        var boot = Boot(context, within, "the DUT restarts");
        var earlier = context.BootStartedEarlier;
        context.BootStartedEarlier = TimeSpan.Zero;
        return boot.Kind == EstimateKind.Estimated && earlier > TimeSpan.Zero
            ? StepEstimate.Of(boot.Duration!.Value > earlier ? boot.Duration.Value - earlier : TimeSpan.Zero, $"{boot.Basis}, {earlier.TotalSeconds:0.###} s of it during the ramp up")
            : boot;
    }

    /// <summary>The DUT's own protection on the DUT supply's rail, if the bench and profile give one.</summary>
    private static Bench.Duts.RailProtection? DutSupplyProtection(PlanContext context) =>
        context.Bench.Roles.TryGetValue(Bench.BenchRoles.DutSupply, out var role) && role.Rail is { } rail ? context.Dut.Rails.GetValueOrDefault(rail)?.Protection : null;

    /// <summary>Down from nominal to the lowest fraction and back, at the rate: 2·V·(1 − fraction) ÷ rate.</summary>
    private static StepEstimate RailRamp(PlanContext context, StepArguments arguments)
    {
        var rail = context.Dut.Rail(arguments.Get<string>(0));
        var swing = rail.NominalVoltage.SiValue * (1 - arguments.Si(1));
        var aboveReset = rail.NominalVoltage.SiValue - Math.Max(rail.Load.PowerOnResetVolts, rail.NominalVoltage.SiValue * arguments.Si(1));
        context.BootStartedEarlier = TimeSpan.FromSeconds(Math.Max(aboveReset, 0) / arguments.Si(2));
        return StepEstimate.Seconds(2 * swing / arguments.Si(2), $"2 × {swing:0.###} V ÷ {arguments.Quantity(2)}");
    }

    /// <summary>The safe state, then the chamber back to ambient from where the plan left it (the sample is exchanged warm).</summary>
    private static StepEstimate Mount(PlanContext context)
    {
        if (!context.Bench.Roles.ContainsKey(Bench.BenchRoles.ThermalChamber))
        {
            return StepEstimate.Instant;
        }

        var from = context.Thermal.Air;
        var seconds = context.Thermal.ReturnToAmbient();
        context.Thermal.Vacuum = false;
        return seconds == 0
            ? StepEstimate.Instant
            : StepEstimate.Seconds(seconds, $"the chamber back to ambient from {from - 273.15:0} °C");
    }
}
