using SpaceTestBench.Results.Quantities;
using SpaceTestBench.Steps.Bindings;
using SpaceTestBench.Steps.Procedures;

namespace SpaceTestBench.Steps.Planning.Estimates;

/// <summary>
/// Bench time of the optical-link steps: the attenuator's settling, the terminal's acquisition time from the
/// DUT profile, bit-error gates, and a waterfall's points down to where the receiver the DUT profile states
/// crosses the stop ratio (or the lowest power).
/// </summary>
internal static class LinkEstimates
{
    /// <summary>The attenuator's settling before a gate (<see cref="OpticalPath"/>), s.</summary>
    private const double AttenuatorSettle = 1;

    public static void Register(BenchTimeEstimates estimates)
    {
        estimates
            .Instant<OpticalLinkSteps>(
                nameof(OpticalLinkSteps.ClearLink), nameof(OpticalLinkSteps.ClearLinkToTelescope), nameof(OpticalLinkSteps.Doppler), nameof(OpticalLinkSteps.DopplerRate), nameof(OpticalLinkSteps.Fading), nameof(OpticalLinkSteps.Pointing),
                nameof(OpticalLinkSteps.Pattern), nameof(OpticalLinkSteps.LineRate), nameof(OpticalLinkSteps.Latency), nameof(OpticalLinkSteps.Sensitivity),
                nameof(OpticalLinkSteps.LineRateWithSource), nameof(OpticalLinkSteps.LatencyWithSource), nameof(OpticalLinkSteps.SensitivityWithSource))
            .Add<OpticalLinkSteps>(nameof(OpticalLinkSteps.Open), static (_, _) => StepEstimate.Seconds(AttenuatorSettle, "the attenuator settles"))
            .Instant<OpticalLinkSteps>(nameof(OpticalLinkSteps.OpenOnBudget))
            .Add<OpticalLinkSteps>(nameof(OpticalLinkSteps.Acquires), static (c, a) => Acquisition(c, a))
            .Add<OpticalLinkSteps>(nameof(OpticalLinkSteps.AcquiresAsReported), static (c, a) => Acquisition(c, a))
            .Add<OpticalLinkSteps>(nameof(OpticalLinkSteps.BitErrorRatio), static (_, a) => StepEstimate.Seconds(Gate(a.Si(0)), $"a {a.Quantity(0)} gate"))
            .Add<OpticalLinkSteps>(nameof(OpticalLinkSteps.BitErrorRatioWithSource), static (_, a) => StepEstimate.Seconds(Gate(a.Si(0)), $"a {a.Quantity(0)} gate"))
            .Add<OpticalLinkSteps>(nameof(OpticalLinkSteps.Waterfall), static (c, a) => Waterfall(c, a));
    }

    private static StepEstimate Acquisition(PlanContext context, StepArguments arguments) => context.Physics?.OpticalTerminal is { } terminal
        ? StepEstimate.Seconds(terminal.AcquisitionSeconds, $"the terminal's acquisition time, {terminal.AcquisitionSeconds:0.###} s (DUT profile)")
        : StepEstimate.AtMost(TimeSpan.FromSeconds(arguments.Si(0)), $"the DUT profile states no acquisition time: at most {arguments.Quantity(0)}");

    /// <summary>A gate runs whole seconds (<see cref="OpticalPath.GateAsync"/>).</summary>
    private static double Gate(double seconds) => Math.Max(1, Math.Round(seconds));

    private static StepEstimate Waterfall(PlanContext context, StepArguments arguments)
    {
        var start = arguments.Quantity(0).In(Units.DecibelMilliwatt);
        var ratio = arguments.Quantity(1);
        var step = Math.Abs(ratio.Unit.Symbol == "dB" ? ratio.Value : 10 * Math.Log10(ratio.SiValue));
        var gate = Gate(arguments.Si(2));
        var stop = arguments.Si(3);
        var lowest = arguments.Quantity(4).In(Units.DecibelMilliwatt);
        var points = 0;
        var unreachable = 0;
        var floor = LowestReachable(context);
        double? crossing = null;
        for (var dbm = start; dbm >= lowest - 1e-9; dbm -= step)
        {
            if (floor is { } f && dbm < f - 0.5)
            {
                unreachable++; // set, read back and recorded as a deviation: no gate
                continue;
            }

            points++;
            if (crossing is null && context.Physics?.OpticalTerminal is { } terminal && terminal.BitErrorRatioAt(Math.Pow(10, (dbm - 30) / 10)) > stop)
            {
                // A reachable point past the stop ratio is the last one the run measures.
                crossing = dbm;
                break;
            }
        }

        // Every point down to the lowest power is the plan, or down to the first reachable one where the DUT profile's
        // receiver passes the stop ratio: the run ends there.
        var seconds = (points * (gate + AttenuatorSettle)) + (unreachable * AttenuatorSettle);
        var where = crossing is { } dbmStop ? $"; the DUT profile's receiver passes {stop:0.#e0} near {dbmStop:0.#} dBm, which ends it there" : "";
        var beyond = unreachable > 0 ? $"; {unreachable} point(s) below {floor:0.#} dBm are beyond the attenuator's range (deviations, no gate)" : "";
        return StepEstimate.AtMost(TimeSpan.FromSeconds(seconds), $"{points} points of {gate:0} s (and 1 s settling) down to {arguments.Quantity(4)}{where}{beyond}");
    }

    /// <summary>
    /// The lowest received power the attenuator can set: the DUT's launched power (profile) less the attenuator's
    /// insertion loss and its largest attenuation, for the one model whose range the catalogue knows (Keysight N7764A,
    /// 45 dB). Null when either is unknown, or when a link emulator sits in the path: its link budget lowers the power
    /// the attenuator receives by the scenario's range (an earlier step's), which the plan of this step does not see;
    /// then every point is planned as measured (an upper bound on the step's time).
    /// </summary>
    private static double? LowestReachable(PlanContext context)
    {
        if (context.Bench.Roles.ContainsKey(Bench.BenchRoles.LinkEmulator)
            || context.Physics?.OpticalTerminal is not { TransmitPowerWatts: > 0 } terminal
            || !context.Bench.Roles.TryGetValue(Bench.BenchRoles.OpticalAttenuator, out var role)
            || !context.Bench.Instruments.TryGetValue(role.InstrumentId, out var attenuator)
            || attenuator.Model != "Keysight N7764A")
        {
            return null;
        }

        var launched = (10 * Math.Log10(terminal.TransmitPowerWatts)) + 30;
        return launched - Simulation.Instruments.KeysightN7764ASimulator.InsertionLoss - Simulation.Instruments.KeysightN7764ASimulator.MaximumAttenuation;
    }
}
