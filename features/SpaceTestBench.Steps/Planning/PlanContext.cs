using SpaceTestBench.Bench.Definitions;
using SpaceTestBench.Bench.Duts;
using SpaceTestBench.Simulation.Dut;
using SpaceTestBench.Steps.Procedures;

namespace SpaceTestBench.Steps.Planning;

/// <summary>
/// What the planner knows while it walks a campaign's steps in order: the bench file, the DUT profile and
/// its stated characteristics (boot time, thermal time constants, cross-sections, receiver), the settings
/// earlier steps of the scenario made (dose rate, beam run limits, ramp rate, settling criteria), and the
/// chamber's planned temperature, which carries from one scenario into the next as it does on the bench.
/// </summary>
public sealed class PlanContext
{
    /// <summary>A context for planning on <paramref name="bench"/> with <paramref name="dut"/>.</summary>
    public PlanContext(BenchDefinition bench, DutProfile dut)
    {
        ArgumentNullException.ThrowIfNull(bench);
        ArgumentNullException.ThrowIfNull(dut);
        Bench = bench;
        Dut = dut;
        Thermal = new ThermalPlanModel(dut.Physics?.Thermal, dut.Physics?.SupplyLoads.Values.ToList() ?? []);
    }

    /// <summary>The bench file.</summary>
    public BenchDefinition Bench { get; }

    /// <summary>The DUT profile.</summary>
    public DutProfile Dut { get; }

    /// <summary>The DUT profile's stated characteristics, if it states them.</summary>
    public SimulatedDut? Physics => Dut.Physics;

    /// <summary>The planned chamber and DUT temperatures (carried across scenarios).</summary>
    public ThermalPlanModel Thermal { get; }

    /// <summary>
    /// Samples the campaign needs so far: every fresh sample a scenario mounts, and a sample for a non-destructive
    /// procedure when the one on the bench served a destructive one (or none is on the bench yet), as
    /// <see cref="Bindings.SampleSteps"/> mounts them. A step that mounts samples says so by calling
    /// <see cref="MountFresh"/> or <see cref="MountUndamaged"/> from its estimate, so the count comes from the scenarios.
    /// </summary>
    public int SamplesNeeded { get; private set; }

    // Whether a sample the plan counted is on the bench, and whether a destructive procedure has used it.
    private bool _sampleOnBench;
    private bool _usedDestructively;

    /// <summary>A destructive procedure mounts <paramref name="count"/> fresh samples, one after another (a sample plan).</summary>
    public void MountFresh(int count = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        SamplesNeeded += count;
        _sampleOnBench |= count > 0;
        _usedDestructively |= count > 0;
    }

    /// <summary>A non-destructive procedure keeps the sample on the bench unless a destructive one used it; then one more is needed.</summary>
    public void MountUndamaged()
    {
        if (!_sampleOnBench || _usedDestructively)
        {
            SamplesNeeded++;
            (_sampleOnBench, _usedDestructively) = (true, false);
        }
    }

    /// <summary>Whether the scenario powers the DUT at its maximum rated supply voltages (else nominal): the settling estimate's bias.</summary>
    public bool PoweredAtMaximum { get; set; }

    /// <summary>The dose rate the scenario set, rad(Si)/s in SI (Gy/s).</summary>
    public double? DoseRateSi { get; set; }

    /// <summary>The dose the scenario has planned so far, Gy.</summary>
    public double DoseSi { get; set; }

    /// <summary>The scenario's total-dose sample plan (biased, unbiased, control counts); all zero: the scenario tests its one sample.</summary>
    public (int Biased, int Unbiased, int Control) SamplePlan { get; set; }

    /// <summary>The settling window of the reference before irradiation, once a scenario states it.</summary>
    public TimeSpan? SettlingWindow { get; set; }

    /// <summary>When beam runs end.</summary>
    public BeamRunPlan? BeamPlan { get; set; }

    /// <summary>The chamber's ramp rate the scenario set, K/s.</summary>
    public double? RampKelvinPerSecond { get; set; } = ChamberControl.DefaultRampKelvinPerSecond;

    /// <summary>Settling criteria for cycling: tolerance (K), maximum rate (K/s), window.</summary>
    public (double Tolerance, double MaximumRate, TimeSpan Window) Settle { get; set; } = (2, 3.0 / 3600, TimeSpan.FromMinutes(10));

    /// <summary>The over-current protection delay the scenario armed.</summary>
    public TimeSpan? OverCurrentDelay { get; set; }

    /// <summary>
    /// Boot time already under way when a step that waits for the DUT starts: a rail ramped back up passes the
    /// DUT's power-on-reset voltage before the ramp ends, so the boot began then. Zero otherwise.
    /// </summary>
    public TimeSpan BootStartedEarlier { get; set; }

    /// <summary>Whether the DUT is tested at the extremes of the first and last cycles.</summary>
    public bool PerformanceAtExtremes { get; set; }

    /// <summary>How many of the last cycles have the performance test at their extremes, besides the first cycle.</summary>
    public int PerformanceLastCycles { get; set; } = 1;

    /// <summary>How many of the last thermal cycles the DUT operates through (0: it cycles switched off).</summary>
    public int OperatingCycles { get; set; }

    /// <summary>The thermal shock chamber's zone setpoints (hot, cold), K, once a step has set them.</summary>
    public (double Hot, double Cold)? ShockZones { get; set; }

    /// <summary>The time constant of the load in the thermal shock chamber's basket, once a step has stated it.</summary>
    public TimeSpan? ShockLoadTimeConstant { get; set; }

    /// <summary>The DUT's boot time from its profile, or null if the profile does not state it.</summary>
    public TimeSpan? BootTime => Physics is { } physics ? TimeSpan.FromSeconds(physics.Workload.BootSeconds) : null;

    /// <summary>A new scenario: its settings start again; the chamber stays where the last one left it.</summary>
    public void BeginScenario()
    {
        DoseRateSi = null;
        DoseSi = 0;
        SamplePlan = default;
        SettlingWindow = null;
        BeamPlan = null;
        RampKelvinPerSecond = ChamberControl.DefaultRampKelvinPerSecond;
        OperatingCycles = 0;
        Settle = (2, 3.0 / 3600, TimeSpan.FromMinutes(10));
        OverCurrentDelay = null;
        PerformanceAtExtremes = false;
        PerformanceLastCycles = 1;
        BootStartedEarlier = TimeSpan.Zero;
        ShockZones = null;
        ShockLoadTimeConstant = null;
    }
}
