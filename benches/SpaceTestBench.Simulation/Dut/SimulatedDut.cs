namespace SpaceTestBench.Simulation.Dut;

/// <summary>
/// The physics of the device under test as the simulators see it, built from its DUT profile: what each
/// supply rail draws, and (each optional) its thermal behaviour, its total-dose and single-event
/// response, its workload and its optical terminal. A missing section means the DUT shows no such
/// effect: no self-heating, no dose drift, immune to single events, no link.
/// </summary>
/// <param name="Name">The DUT's name, for logs.</param>
/// <param name="SupplyLoads">The load on each named supply rail.</param>
public sealed record SimulatedDut(string Name, IReadOnlyDictionary<string, CmosSupplyLoad> SupplyLoads)
{
    /// <summary>The DUT's id in its profile.</summary>
    public string Id { get; init; } = Name;

    /// <summary>The sample's serial number.</summary>
    public string SerialNumber { get; init; } = "";

    /// <summary>The DUT's own over-current protection on each rail that has one, and what the protected path can carry; a rail not named has none.</summary>
    public IReadOnlyDictionary<string, OverCurrentProtectionSpec> Protections { get; init; } = new Dictionary<string, OverCurrentProtectionSpec>(StringComparer.Ordinal);

    /// <summary>Thermal lag and self-heating; null: the DUT sits at the chamber air temperature.</summary>
    public DutThermalSpec? Thermal { get; init; }

    /// <summary>Total-ionizing-dose response; null: no parametric drift.</summary>
    public TotalDoseSpec? TotalDose { get; init; }

    /// <summary>Single-event response; null: immune.</summary>
    public SingleEventSpec? SingleEvents { get; init; }

    /// <summary>What its test agent runs.</summary>
    public WorkloadSpec Workload { get; init; } = WorkloadSpec.Default;

    /// <summary>Its optical inter-satellite-link terminal; null: none.</summary>
    public OpticalTerminalSpec? OpticalTerminal { get; init; }
}
