using SpaceTestBench.Simulation.Dut;
using SpaceTestBench.Simulation.Physics;
using SpaceTestBench.Visa.Scpi;

namespace SpaceTestBench.Simulation.Instruments;

/// <summary>
/// Simulates the test agent that runs beside the DUT (on the DUT or its carrier board) and speaks the
/// agent protocol (docs/facility-adapter.md): the DUT's identity and state, workloads (memory test, AI
/// inference checked against a golden model), error and event counters, soft reset, functional test, the carrier board's fault load across a rail (the overload an over-current test applies), the
/// on-chip threshold and temperature monitors, and the optical terminal's acquisition and latency.
/// Device-specific errors: +201 not powered, +202 hung, +203 booting, +204 failed, +205 no terminal.
/// </summary>
public sealed class DutTestAgentSimulator : SimulatedScpiInstrument
{
    /// <summary>Model name bench files use.</summary>
    public const string ModelName = "DUT test agent";

    private readonly Random _noise;

    /// <summary>An agent for the DUT of <paramref name="facility"/>.</summary>
    public DutTestAgentSimulator(SimulatedFacility facility, string serialNumber, int seed)
        : base(new InstrumentIdentity("SpaceTestBench", "TEST-AGENT", serialNumber, "1.0"), facility)
    {
        _noise = RandomStreams.ReadingNoise(seed, "agent:monitors", facility);
    }

    /// <inheritdoc />
    public override string Model => ModelName;

    private DutModel Dut => Facility.Dut;

    private double T => Facility.Elapsed;

    /// <inheritdoc />
    protected override void DeclareCommands(ScpiCommandTree tree)
    {
        tree.Query("DUT:IDENtity?", _ => World(() => $"\"{Dut.Spec.Id}\",\"{Dut.Spec.Name}\",\"{Dut.Spec.SerialNumber}\""))
            .Query("DUT:STATe?", _ => World(() => Dut.StateAt(T) switch
            {
                DutState.Off => "OFF",
                DutState.Booting => "BOOT",
                DutState.Idle => "IDLE",
                DutState.Running => "RUN",
                DutState.Hung => "HUNG",
                _ => "FAIL",
            }))
            .Command("WORKload:STARt", ctx => World(() =>
            {
                var workload = ctx.Parameter(0).AsChoice("MEMTest", "INFerence") == "MEMTEST" ? WorkloadKind.MemoryTest : WorkloadKind.Inference;
                RequireReady();
                Dut.StartWorkload(workload);
            }))
            .Command("WORKload:STOP", _ => World(Dut.StopWorkload))
            .Query("WORKload?", _ => World(() => Dut.Workload switch
            {
                WorkloadKind.MemoryTest => "MEMT",
                WorkloadKind.Inference => "INF",
                _ => "NONE",
            }))
            .Query("COUNter:ALL?", _ => World(() =>
            {
                var c = Dut.Counters;
                return string.Join(",", new[] { c.Upsets, c.FunctionalInterrupts, c.Inferences, c.Mismatches, c.Resets }.Select(v => ScpiFormat.Nr1(v)));
            }))
            .Query("COUNter:SEU?", _ => World(() => ScpiFormat.Nr1(Dut.Counters.Upsets)))
            .Query("COUNter:SEFI?", _ => World(() => ScpiFormat.Nr1(Dut.Counters.FunctionalInterrupts)))
            .Query("COUNter:INFerence?", _ => World(() => ScpiFormat.Nr1(Dut.Counters.Inferences)))
            .Query("COUNter:MISMatch?", _ => World(() => ScpiFormat.Nr1(Dut.Counters.Mismatches)))
            .Command("COUNter:CLEar", _ => World(Dut.ClearCounters))
            .Command("SYSTem:RESet", _ => World(() =>
            {
                if (!Dut.SoftReset(T))
                {
                    throw new ScpiErrorException(Reason(Dut.Powered && !Dut.Failed ? DutModel.HungError : Dut.NotReadyReason(T))
                        .WithInfo("soft reset did not recover the DUT; power-cycle it"));
                }
            }))
            .Command("FAULt:LOAD", ctx => World(() =>
            {
                // The carrier board's fault load: a resistor switched across a DUT rail, downstream of the DUT's own protection.
                var rail = ctx.Parameter(0).AsString();
                var ohms = ctx.Parameter(1).AsNumber(new ScpiNumericRange("OHM", 1e-3, 1e6, 1));
                if (!Dut.Spec.SupplyLoads.ContainsKey(rail))
                {
                    throw new ScpiErrorException(ScpiError.IllegalParameterValue.WithInfo($"no rail '{rail}'; rails: {string.Join(", ", Dut.Spec.SupplyLoads.Keys)}"));
                }

                Dut.ApplyOverload(rail, ohms);
            }))
            .Command("FAULt:CLEar", _ => World(Dut.RemoveOverloads))
            .Query("TEST:FUNCtional?", _ => World(() => ScpiFormat.Nr1(Dut.FunctionalTest(T))))
            .Query("MEASure:VTHReshold?", _ => World(() =>
            {
                RequireReady();
                var threshold = Dut.ThresholdVoltage;
                return double.IsNaN(threshold)
                    ? throw new ScpiErrorException(ScpiError.SettingsConflict.WithInfo("this DUT has no threshold monitor"))
                    : ScpiFormat.Nr3(threshold + (2e-4 * _noise.NextGaussian()));
            }))
            .Query("MEASure:TEMPerature?", _ => World(() =>
            {
                RequireReady();
                return ScpiFormat.Nr3(Dut.JunctionKelvin - PhysicalConstants.ZeroCelsius + (0.25 * _noise.NextGaussian()));
            }))
            .Command("LINK:ACQuire", _ => World(() =>
            {
                RequireTerminal();
                RequireReady();
                Dut.Acquire(T);
            }))
            .Query("LINK:STATe?", _ => World(() => Dut.LinkState switch
            {
                LinkState.Searching => "SEARCH",
                LinkState.Locked => "LOCK",
                _ => "IDLE",
            }))
            .Query("LINK:ACQuire:TIME?", _ => World(() =>
            {
                RequireTerminal();
                return ScpiFormat.Nr3(Dut.LastAcquisitionSeconds ?? double.NaN);
            }))
            .Query("LINK:LATency?", _ => World(() =>
            {
                var terminal = RequireTerminal();
                if (Dut.LinkState != LinkState.Locked)
                {
                    throw new ScpiErrorException(ScpiError.SettingsConflict.WithInfo("no latency without lock"));
                }

                return ScpiFormat.Nr3(Facility.LinkDelaySeconds + terminal.ProcessingLatencySeconds);
            }));
    }

    /// <inheritdoc />
    protected override void Reset() => World(Dut.ClearCounters);

    private static ScpiError Reason(int code) => code switch
    {
        DutModel.NotPoweredError => new ScpiError(code, "DUT not powered"),
        DutModel.HungError => new ScpiError(code, "DUT hung"),
        DutModel.BootingError => new ScpiError(code, "DUT booting"),
        DutModel.FailedError => new ScpiError(code, "DUT failed"),
        _ => new ScpiError(code, "DUT has no optical terminal"),
    };

    private void RequireReady()
    {
        if (Dut.NotReadyReason(T) is var reason and not 0)
        {
            throw new ScpiErrorException(Reason(reason));
        }
    }

    private OpticalTerminalSpec RequireTerminal() =>
        Dut.Spec.OpticalTerminal ?? throw new ScpiErrorException(Reason(DutModel.NoTerminalError));
}
